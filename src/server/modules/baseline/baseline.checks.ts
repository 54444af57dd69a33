// The sieve of a baseline load: which staged households must go through the shared JavaScript
// validator, which alone words the error report. A clean load (the usual case) never leaves the
// database. The checks of a row's own fields run while the row is read (the Stager sets field_errors on
// a row that may fail, or names its unreadable text in unreadable); what needs a household with its members
// is SQL here: the derived fields (which are also stored for the publish), R1 (one present head), R6
// (a present spouse is married), R11 (birth date within 120 years before the check date), and the
// keys. Each test may flag more than the validator would, never less: baseline.checks.db.test.ts
// compares both on rows with every kind of mistake.
import { type RawBuilder, sql } from 'kysely';
import { PRESENT_MEMBER_CODES, fieldDef, ruleDefs } from '../../../shared/dictionary/index.ts';
import type { Db } from '../../platform/db.ts';

type Sql = RawBuilder<unknown>;

// Rules the sieve does not model. They are warnings today (never in the error report); should the
// dictionary make one an error, every household goes through the validator. (R5 and R8 need options
// that a baseline check does not pass: the other households' NIKs, a package's desa.)
const UNMODELLED_RULES = ['R4', 'R7', 'R9', 'R10'];
const EVERY_HOUSEHOLD = UNMODELLED_RULES.some((r) => ruleDefs.get(r)?.level === 'error');

const lit = (v: string | number) => sql.lit(v);

/** Whether a derived household value (an int or text column) is outside its dictionary bounds. */
function derivedProblem(name: 'nama_krt' | 'jumlah_art' | 'jumlah_keluarga', v: Sql): Sql {
  const def = fieldDef('household', name);
  const parts: Sql[] = [];
  // Bytes are never fewer than the UTF-16 code units the validator counts: a superset.
  if (def?.maxLength !== undefined) parts.push(sql`octet_length(${v}) > ${lit(def.maxLength)}`);
  if (def?.min !== undefined) parts.push(sql`${v} < ${lit(def.min)}`);
  if (def?.max !== undefined) parts.push(sql`${v} > ${lit(def.max)}`);
  return parts.length ? sql`coalesce(${sql.join(parts, sql` or `)}, false)` : sql`false`;
}

/**
 * Fills baseline_derived (nama_krt, jumlah_art, jumlah_keluarga as deriveHouseholdFields computes
 * them) for every household of a load and returns the rows of the households the validator must see.
 */
export async function deriveAndSieve(tx: Db, kab: string, id: string, checkDate: string): Promise<number[]> {
  // Staged numbers are written in their canonical form (String(Number(cell))), so a code compares
  // as text; a cell of the wrong form never equals one (migration 0036).
  const m = (name: string) => sql.ref(`m.f_${name}`);
  const present = sql`(${m('sta_keberadaan_art')} in (${sql.join(PRESENT_MEMBER_CODES.map((c) => lit(String(c))))}))`;
  const head = sql`(${present} and ${m('hub_krt')} = '1')`;
  const [year, rest] = [Number(checkDate.slice(0, 4)), checkDate.slice(4)];
  const oldest = `${String(year - 120).padStart(4, '0')}${rest}`;
  const birth = m('tanggal_lahir');
  const memberProblem = sql`(m.field_errors or m.unreadable is not null or ${m('idartbdt')} is null
    or coalesce(${present} and ${m('hub_krt')} = '2' and ${m('sta_kawin')} is distinct from '2', false)
    or coalesce(${birth} > ${lit(checkDate)} or ${birth} < ${lit(oldest)}, false))`;
  const nama = sql`case when g.heads = 1 then g.nama end`;
  const art = sql`coalesce(g.art, 0)::int`;
  const keluarga = sql`coalesce(g.keluarga, 0)::int`;
  const householdProblem = sql`(h.field_errors or h.unreadable is not null or h.f_idbdt is null
    or coalesce(g.heads, 0) <> 1 or coalesce(g.bad, false)
    or ${derivedProblem('nama_krt', nama)} or ${derivedProblem('jumlah_art', art)} or ${derivedProblem('jumlah_keluarga', keluarga)})`;
  const r = await sql<{ row_no: number }>`
    with g as materialized (
      select m.idbdt,
        count(*) filter (where ${present}) as art,
        count(distinct ${m('nuk')}) filter (where ${present} and ${m('nuk')} ~ '^-?[0-9]+$') as keluarga,
        count(*) filter (where ${head}) as heads,
        min(${m('nama')}) filter (where ${head}) as nama,
        bool_or(${memberProblem}) as bad
      from baseline_members m
      where m.kab_kota = ${kab} and m.load_id = ${id} and m.idbdt is not null
      group by m.idbdt
    ), d as materialized (
      select h.kab_kota, h.load_id, h.row_no, ${nama} as nama_krt, ${art} as jumlah_art, ${keluarga} as jumlah_keluarga,
        ${EVERY_HOUSEHOLD ? sql`true` : householdProblem} as suspect
      from baseline_households h left join g on g.idbdt = h.idbdt
      where h.kab_kota = ${kab} and h.load_id = ${id}
    ), ins as (
      insert into baseline_derived (kab_kota, load_id, row_no, nama_krt, jumlah_art, jumlah_keluarga)
      select kab_kota, load_id, row_no, nama_krt, jumlah_art, jumlah_keluarga from d
    )
    select row_no from d where suspect order by row_no`.execute(tx);
  return r.rows.map((row) => row.row_no);
}

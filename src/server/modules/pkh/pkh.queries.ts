// SQL of Usulan PKH (migrations/0018_create_pkh_nominations.sql): the PKH components of
// households derived set-based from their present members, and the nominations with their history.
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { PKH_COMPONENTS as COMPONENTS, type PkhComponent, type PkhComponents, type PkhStatus } from '../../../shared/api/pkh.ts';
import type { Db } from '../../platform/db.ts';
import { keyset, readPage } from '../../platform/keyset.ts';

/**
 * Severe disability (disabilitas berat) for PKH: the jenis_cacat codes whose holders cannot
 * manage daily life without help — multiple impairments (6 tuna netra & cacat tubuh, 7 tuna netra,
 * rungu & wicara, 8 tuna rungu, wicara & cacat tubuh, 9 all four), 10 mental retardation and
 * 12 physical & mental. A single impairment (1–4), deaf-mute alone (5) and former mental illness
 * (11) are not counted as severe.
 */
export const SEVERE_DISABILITY_CODES = [6, 7, 8, 9, 10, 12] as const;
/** sta_keberadaan_art of members who live in the household (1 tinggal di ruta, 4 anggota baru). */
const PRESENT = [1, 4];

// Age in completed years at `asOf` compared through birth dates, so that the boundaries are exact
// (a child turns 6 on its sixth birthday): age < n ⇔ born after asOf − n years.
const bornAfter = (asOf: string, years: number) => sql<SqlBool>`m.tanggal_lahir > (${asOf}::date - make_interval(years => ${years}))`;
const bornOnOrBefore = (asOf: string, years: number) => sql<SqlBool>`m.tanggal_lahir <= (${asOf}::date - make_interval(years => ${years}))`;

/** The condition that makes a member (alias m) count for a component at `asOf`. */
function componentCondition(c: PkhComponent, asOf: string): RawBuilder<SqlBool> {
  switch (c) {
    case 'ibu_hamil':
      return sql<SqlBool>`m.sta_hamil is true and m.jenis_kelamin = 2`;
    case 'anak_usia_dini':
      return sql<SqlBool>`${bornAfter(asOf, 6)} and m.tanggal_lahir <= ${asOf}::date`;
    case 'anak_sekolah':
      // 6 to 21 years old (inclusive) and still at school (partisipasi_sekolah 1 masih sekolah).
      return sql<SqlBool>`${bornOnOrBefore(asOf, 6)} and ${bornAfter(asOf, 22)} and m.partisipasi_sekolah = 1`;
    case 'lansia':
      return bornOnOrBefore(asOf, 60);
    case 'disabilitas_berat':
      return sql<SqlBool>`m.jenis_cacat in (${sql.join([...SEVERE_DISABILITY_CODES])})`;
  }
}

/** Per household: the count of present members per component (aliases c.<component>). */
function componentCounts(asOf: string, householdWhere: Expression<SqlBool>) {
  const counts = COMPONENTS.map((c) => sql`count(*) filter (where ${componentCondition(c, asOf)})::int as ${sql.ref(c)}`);
  return sql`
    select m.idbdt, ${sql.join(counts)}
    from households h join members m on m.kab_kota = h.kab_kota and m.idbdt = h.idbdt
    where ${householdWhere} and m.sta_keberadaan_art in (${sql.join(PRESENT)})
    group by m.idbdt`;
}

const anyComponent = sql<SqlBool>`(${sql.join(
  COMPONENTS.map((c) => sql`c.${sql.ref(c)}`),
  sql` + `,
)}) > 0`;

/** The candidates filter: one district, region, desil, a component, households not yet nominated. */
export interface CandidateFilter {
  kab: string;
  asOf: string;
  kecamatan?: string;
  desa?: string;
  desil?: number;
  component?: PkhComponent;
  unnominated?: boolean;
  page: number;
  pageSize: number;
}

function householdFilter(f: { kab: string; kecamatan?: string; desa?: string; desil?: number }): Expression<SqlBool> {
  // The code's LIKE beside kab_kota is redundant, and kept: said once, the planner read the nation's
  // 8 M members for the component counts (a parallel scan: 6.9 s against 3.9 s with it, 2.6 s alone;
  // docs/performance.md). The candidates' counts read every member of the district either way.
  const parts = [sql<SqlBool>`h.kab_kota = ${f.kab}`, sql<SqlBool>`h.kode_wilayah like ${`${f.kab}%`}`, sql<SqlBool>`h.status = 'AKTIF'`];
  if (f.kecamatan) parts.push(sql<SqlBool>`h.kode_wilayah like ${`${f.kecamatan}%`}`);
  if (f.desa) parts.push(sql<SqlBool>`h.kode_wilayah = ${f.desa}`);
  if (f.desil) parts.push(sql<SqlBool>`h.persentil between ${(f.desil - 1) * 10 + 1} and ${f.desil * 10}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

type CandidateRow = Record<PkhComponent, number> & {
  idbdt: string;
  kode_wilayah: string;
  nama_desa: string;
  nama_kecamatan: string;
  nama_krt: string | null;
  jumlah_art: number | null;
  persentil: number | null;
  nomination_id: string | null;
  nomination_status: PkhStatus | null;
};

// The candidates of a filter (and past a keyset position, `after`), from the component counts.
function candidatesFrom(f: Omit<CandidateFilter, 'page' | 'pageSize'>, after?: RawBuilder<SqlBool>) {
  const where = [anyComponent];
  if (f.component) where.push(sql<SqlBool>`c.${sql.ref(f.component)} > 0`);
  if (f.unnominated) where.push(sql<SqlBool>`n.id is null`);
  if (after) where.push(after);
  return sql`
    from (${componentCounts(f.asOf, householdFilter(f))}) c
    join households h on h.kab_kota = ${f.kab} and h.idbdt = c.idbdt
    join regions d on d.code = h.kode_wilayah
    join regions k on k.code = left(h.kode_wilayah, 6)
    left join pkh_nominations n on n.kab_kota = ${f.kab} and n.idbdt = c.idbdt and n.status in ('DIUSULKAN', 'DITERIMA')
    where ${sql.join(where, sql` and `)}`;
}

const candidateColumns = sql`h.idbdt, h.kode_wilayah, d.name as nama_desa, k.name as nama_kecamatan, h.nama_krt, h.jumlah_art,
  h.persentil, ${sql.join(COMPONENTS.map((c) => sql`c.${sql.ref(c)}`))}, n.id as nomination_id, n.status as nomination_status`;

// A candidate as the list and the export give it: the component counts and the open nomination grouped.
function asCandidate({
  nomination_id,
  nomination_status,
  ibu_hamil,
  anak_usia_dini,
  anak_sekolah,
  lansia,
  disabilitas_berat,
  ...h
}: CandidateRow) {
  return {
    ...h,
    components: { ibu_hamil, anak_usia_dini, anak_sekolah, lansia, disabilitas_berat },
    nomination: nomination_id === null ? null : { id: Number(nomination_id), status: nomination_status! },
  };
}

/** A PKH candidate household of the list. */
export type Candidate = ReturnType<typeof asCandidate>;

/** One page of AKTIF households of a district with at least one PKH component (lowest persentil first), and their number. */
export async function pageCandidates(db: Db, f: CandidateFilter) {
  const from = candidatesFrom(f);
  const { rows } = await sql<CandidateRow>`
    select ${candidateColumns}
    ${from}
    order by h.persentil asc nulls last, h.idbdt
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`.execute(db);
  const total = await sql<{ n: string }>`select count(*) as n ${from}`.execute(db);
  return { items: rows.map(asCandidate), total: Number(total.rows[0]?.n ?? 0) };
}

/** Every candidate of the filter in the list's order, read a page at a time after the last (exports). */
export function streamCandidates(db: Db, f: Omit<CandidateFilter, 'page' | 'pageSize'>): AsyncGenerator<Candidate> {
  // coalesce(persentil, 101) is the list's "nulls last" as one keyset column.
  return keyset<Candidate>(async (after, limit) => {
    const past = after ? sql<SqlBool>`(coalesce(h.persentil, 101), h.idbdt) > (${after.persentil ?? 101}, ${after.idbdt})` : undefined;
    const { rows } = await sql<CandidateRow>`
      select ${candidateColumns}
      ${candidatesFrom(f, past)}
      order by coalesce(h.persentil, 101), h.idbdt
      limit ${limit}`.execute(db);
    return rows.map(asCandidate);
  });
}

/**
 * The households of `idbdts` that lie in district `kab` (any status), each with its status and its
 * components at `asOf`; a household of another district or an unknown IDBDT is not returned.
 */
export async function householdsWithComponents(tx: Db, kab: string, idbdts: readonly string[], asOf: string) {
  const { rows } = await sql<Record<PkhComponent, number> & { idbdt: string; status: 'AKTIF' | 'NONAKTIF' }>`
    select h.idbdt, h.status, ${sql.join(COMPONENTS.map((c) => sql`coalesce(c.${sql.ref(c)}, 0) as ${sql.ref(c)}`))}
    from households h
    left join (${componentCounts(asOf, sql<SqlBool>`h.kab_kota = ${kab} and h.idbdt = any(${[...idbdts]}::text[])`)}) c on c.idbdt = h.idbdt
    where h.kab_kota = ${kab} and h.idbdt = any(${[...idbdts]}::text[])
    for update of h`.execute(tx);
  return rows.map(({ idbdt, status, ...components }) => ({ idbdt, status, components, any: Object.values(components).some((n) => n > 0) }));
}

/** Inserts open nominations (DIUSULKAN); a household that has an open one already is skipped (not returned). */
export async function insertNominations(
  tx: Db,
  kab: string,
  rows: readonly { idbdt: string; components: PkhComponents }[],
  by: number,
  at: Date,
): Promise<{ id: number; idbdt: string }[]> {
  const inserted = await tx
    .insertInto('pkh_nominations')
    .values(
      rows.map((r) => ({ kab_kota: kab, idbdt: r.idbdt, components: JSON.stringify(r.components), nominated_by: by, nominated_at: at })),
    )
    .onConflict((oc) => oc.columns(['kab_kota', 'idbdt']).where('status', 'in', ['DIUSULKAN', 'DITERIMA']).doNothing())
    .returning(['id', 'idbdt'])
    .execute();
  return inserted.map((r) => ({ id: Number(r.id), idbdt: r.idbdt }));
}

/** Records status changes of nominations of one district in their history. */
export async function insertHistory(
  tx: Db,
  kab: string,
  rows: readonly { nominationId: number; from: PkhStatus | null; to: PkhStatus; reason: string | null }[],
  by: number,
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('pkh_nomination_history')
    .values(
      rows.map((r) => ({
        kab_kota: kab,
        nomination_id: r.nominationId,
        old_status: r.from,
        new_status: r.to,
        reason: r.reason,
        changed_by: by,
        changed_at: at,
      })),
    )
    .execute();
}

/** The nomination list filter; `scope` is the actor's scope fragment over a district code column. */
export interface NominationFilter {
  scope: (column: string) => Expression<SqlBool>;
  kab?: string;
  kecamatan?: string;
  desa?: string;
  status?: PkhStatus;
  ids?: readonly number[];
}

function nominations(db: Db, f: NominationFilter) {
  let q = db
    .selectFrom('pkh_nominations as n')
    .innerJoin('households as h', (j) => j.onRef('h.kab_kota', '=', 'n.kab_kota').onRef('h.idbdt', '=', 'n.idbdt'))
    .where((eb) => eb.and([f.scope('n.kab_kota')]));
  if (f.kab) q = q.where('n.kab_kota', '=', f.kab);
  if (f.kecamatan) q = q.where('h.kode_wilayah', 'like', `${f.kecamatan}%`);
  if (f.desa) q = q.where('h.kode_wilayah', '=', f.desa);
  if (f.status) q = q.where('n.status', '=', f.status);
  if (f.ids) q = q.where('n.id', 'in', [...f.ids]);
  return q;
}

function withDetails(q: ReturnType<typeof nominations>) {
  return q
    .innerJoin('regions as d', 'd.code', 'h.kode_wilayah')
    .leftJoin('users as un', 'un.id', 'n.nominated_by')
    .leftJoin('users as ud', 'ud.id', 'n.decided_by')
    .select([
      'n.id',
      'n.kab_kota',
      'n.idbdt',
      'h.kode_wilayah',
      'd.name as nama_desa',
      'h.nama_krt',
      'h.persentil',
      'n.status',
      'n.components',
      'n.nominated_at',
      'un.username as nominated_by',
      'n.decided_at',
      'ud.username as decided_by',
      'n.decision_reason',
    ]);
}

export type NominationRow = Awaited<ReturnType<typeof nominationsByIds>>[number];

const asRow = <R extends { id: number | string; components: unknown; status: string }>(r: R) => ({
  ...r,
  id: Number(r.id),
  status: r.status as PkhStatus,
  components: (typeof r.components === 'string' ? JSON.parse(r.components) : r.components) as PkhComponents,
});

/** Nominations by id (in the filter's scope), newest first. */
export async function nominationsByIds(db: Db, f: NominationFilter & { ids: readonly number[] }) {
  const rows = await withDetails(nominations(db, f)).orderBy('n.id', 'desc').execute();
  return rows.map(asRow);
}

/** One page of nominations, newest first, and the number matching the filter. */
export async function pageNominations(db: Db, f: NominationFilter & { page: number; pageSize: number }) {
  const items = await readPage(
    withDetails(nominations(db, f)).orderBy('n.nominated_at', 'desc').orderBy('n.id', 'desc'),
    f.page,
    f.pageSize,
  );
  const { n } = await nominations(db, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: items.map(asRow), total: Number(n) };
}

/** Every nomination of the filter, read in pages by id (the export streams them). */
export async function* nominationRows(db: Db, f: NominationFilter, batch = 1000): AsyncGenerator<NominationRow> {
  type Detail = Awaited<ReturnType<ReturnType<typeof withDetails>['execute']>>[number];
  const rows = keyset<Detail>(
    (after, limit) =>
      withDetails(nominations(db, f))
        .where('n.id', '>', after ? Number(after.id) : 0)
        .orderBy('n.id')
        .limit(limit)
        .execute(),
    batch,
  );
  for await (const r of rows) yield asRow(r);
}

/** One nomination in the filter's scope, locked for its status change; undefined when there is none. */
export async function lockNomination(tx: Db, id: number, scope: NominationFilter['scope']) {
  return tx
    .selectFrom('pkh_nominations as n')
    .select(['n.kab_kota', 'n.id', 'n.idbdt', 'n.status'])
    .where('n.id', '=', id)
    .where((eb) => eb.and([scope('n.kab_kota')]))
    .forUpdate()
    .executeTakeFirst();
}

/** Sets a nomination's decision. */
export async function updateStatus(
  tx: Db,
  n: { kab_kota: string; id: number },
  to: PkhStatus,
  reason: string | null,
  by: number,
  at: Date,
): Promise<void> {
  await tx
    .updateTable('pkh_nominations')
    .set({ status: to, decision_reason: reason, decided_by: by, decided_at: at })
    .where('kab_kota', '=', n.kab_kota)
    .where('id', '=', n.id)
    .execute();
}

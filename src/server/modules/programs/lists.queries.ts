// SQL of the programme lists (migrations/0016_create_programme_lists.sql): the KPM of BPNT/RASTRA
// and the PBI participants of a district, one page at a time, and the AKTIF counts against quota.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { EXPORT_PAGE, keyset } from '../../platform/keyset.ts';

/** The filters of a list; `scope` is the actor's scope over the list's households `h` (scope.householdsInScope). */
export interface ListWhere {
  scope: Expression<SqlBool>;
  kab?: string;
  kecamatan?: string;
  desa?: string;
  status?: 'AKTIF' | 'NONAKTIF';
  persentilMin?: number;
  persentilMax?: number;
  /** The actor's scope holds the whole district `kab` (set by the service): see countsWithoutHousehold. */
  scopeCoversKab?: boolean;
}

/** A list filter with its page. */
export interface ListFilter extends ListWhere {
  page: number;
  pageSize: number;
}

// The lists' order, lowest persentil first and households without one last, as one keyset.
const PERSENTIL_KEY = sql<number>`coalesce(h.persentil, 101)`;

const ymd = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

// The household filters of both lists. The region prefix filters use LIKE on the C-collated code.
function householdWhere(f: ListWhere, listKab: string) {
  const parts: Expression<SqlBool>[] = [f.scope];
  if (f.kab) parts.push(sql<SqlBool>`${sql.ref(listKab)} = ${f.kab}`);
  if (f.kecamatan) parts.push(sql<SqlBool>`h.kode_wilayah like ${`${f.kecamatan}%`}`);
  if (f.desa) parts.push(sql<SqlBool>`h.kode_wilayah = ${f.desa}`);
  if (f.persentilMin !== undefined) parts.push(sql<SqlBool>`h.persentil >= ${f.persentilMin}`);
  if (f.persentilMax !== undefined) parts.push(sql<SqlBool>`h.persentil <= ${f.persentilMax}`);
  return parts;
}

// Whether the AKTIF rows of a list can be counted from the list alone: nothing filters on the
// household but the scope, and the scope holds the whole district. An AKTIF membership's household
// is always of the list's district (additions check it; a hand-over ends the memberships before
// the household leaves), so the join to households would keep every row; without it the count is
// an index-only scan of the list instead of a join over the district's households.
function countsWithoutHousehold(f: ListWhere): boolean {
  return (
    f.status === 'AKTIF' &&
    f.kab !== undefined &&
    f.scopeCoversKab === true &&
    !f.kecamatan &&
    !f.desa &&
    f.persentilMin === undefined &&
    f.persentilMax === undefined
  );
}

type KpmWhere = ListWhere & { program?: 'BPNT' | 'RASTRA' };

function kpmBase(db: Db, f: KpmWhere) {
  let base = db
    .selectFrom('kpm_memberships as k')
    .innerJoin('households as h', (j) => j.onRef('h.kab_kota', '=', 'k.kab_kota').onRef('h.idbdt', '=', 'k.idbdt'))
    .where((eb) => eb.and(householdWhere(f, 'k.kab_kota')));
  if (f.program) base = base.where('k.program', '=', f.program);
  if (f.status) base = base.where('k.status', '=', f.status);
  return base;
}

// The desa of a list row (joined as `d` on the household's kode_wilayah).
const DESA_COLUMNS = ['h.kode_wilayah', 'd.name as nama_desa'] as const;

function kpmRows(db: Db, f: KpmWhere) {
  return kpmBase(db, f)
    .innerJoin('regions as d', 'd.code', 'h.kode_wilayah')
    .leftJoin('members as m', (j) => j.onRef('m.kab_kota', '=', 'k.kab_kota').onRef('m.idartbdt', '=', 'k.id_pengurus'))
    .select([
      'k.program',
      'k.idbdt',
      ...DESA_COLUMNS,
      'h.nama_krt',
      'h.persentil',
      'k.id_pengurus',
      'm.nama as nama_pengurus',
      'k.no_kks',
      'k.no_rekening',
      'k.status',
      ymd('k.since').as('since'),
      sql<string | null>`to_char(k.until, 'YYYY-MM-DD')`.as('until'),
      'k.reason',
    ]);
}

/** A row of the KPM list. */
export type KpmRow = Omit<Awaited<ReturnType<ReturnType<typeof kpmRows>['execute']>>[number], 'program' | 'status'> & {
  program: 'BPNT' | 'RASTRA';
  status: 'AKTIF' | 'NONAKTIF';
};

/** How many KPM match a filter. */
export async function countKpm(db: Db, f: KpmWhere): Promise<number> {
  if (countsWithoutHousehold(f)) {
    let q = db.selectFrom('kpm_memberships as k').where('k.kab_kota', '=', f.kab!).where('k.status', '=', 'AKTIF');
    if (f.program) q = q.where('k.program', '=', f.program);
    const { n } = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(n);
  }
  const { n } = await kpmBase(db, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * One page of KPM, lowest persentil first, and the number matching the filter. The page's keys are
 * chosen first, read in order from the households' (persentil, idbdt) index; the row with its desa
 * and pengurus names is then read for those keys only (a join over the whole list made the planner
 * sort it or start parallel workers for 25 rows).
 */
export async function pageKpm(db: Db, f: ListFilter & { program?: 'BPNT' | 'RASTRA' }) {
  const keys = kpmBase(db, f)
    .select(['k.program', 'k.idbdt'])
    .orderBy('h.persentil', (ob) => ob.asc().nullsLast())
    .orderBy('k.idbdt')
    .orderBy('k.program')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const items = await kpmRows(db, f)
    .where(({ eb, refTuple }) => eb(refTuple('k.program', 'k.idbdt'), 'in', keys.$asTuple('program', 'idbdt')))
    .orderBy('h.persentil', (ob) => ob.asc().nullsLast())
    .orderBy('k.idbdt')
    .orderBy('k.program')
    .execute();
  return { items: items as KpmRow[], total: await countKpm(db, f) };
}

/** Every KPM matching a filter in the list's order, read a page at a time (exports). */
export function streamKpm(db: Db, f: KpmWhere, pageSize = EXPORT_PAGE): AsyncGenerator<KpmRow> {
  return keyset<KpmRow>(async (after, limit) => {
    let page = kpmRows(db, f).orderBy(PERSENTIL_KEY).orderBy('k.idbdt').orderBy('k.program').limit(limit);
    if (after)
      page = page.where(
        sql<SqlBool>`(${PERSENTIL_KEY}, k.idbdt, k.program) > (${after.persentil ?? 101}, ${after.idbdt}, ${after.program})`,
      );
    return (await page.execute()) as KpmRow[];
  }, pageSize);
}

function pbiBase(db: Db, f: ListWhere) {
  let base = db
    .selectFrom('pbi_participants as b')
    .innerJoin('members as m', (j) => j.onRef('m.kab_kota', '=', 'b.kab_kota').onRef('m.idartbdt', '=', 'b.idartbdt'))
    .innerJoin('households as h', (j) => j.onRef('h.kab_kota', '=', 'm.kab_kota').onRef('h.idbdt', '=', 'm.idbdt'))
    .where((eb) => eb.and(householdWhere(f, 'b.kab_kota')));
  if (f.status) base = base.where('b.status', '=', f.status);
  return base;
}

function pbiRows(db: Db, f: ListWhere) {
  return pbiBase(db, f)
    .innerJoin('regions as d', 'd.code', 'h.kode_wilayah')
    .select([
      'b.idartbdt',
      'm.idbdt',
      ...DESA_COLUMNS,
      'm.nama',
      'm.nik',
      'h.persentil',
      'b.no_kartu',
      'b.status',
      ymd('b.since').as('since'),
      sql<string | null>`to_char(b.until, 'YYYY-MM-DD')`.as('until'),
      'b.reason',
    ]);
}

/** A row of the PBI list. */
export type PbiRow = Omit<Awaited<ReturnType<ReturnType<typeof pbiRows>['execute']>>[number], 'status'> & { status: 'AKTIF' | 'NONAKTIF' };

/** How many PBI participants match a filter. */
export async function countPbi(db: Db, f: ListWhere): Promise<number> {
  if (countsWithoutHousehold(f)) {
    const { n } = await db
      .selectFrom('pbi_participants as b')
      .where('b.kab_kota', '=', f.kab!)
      .where('b.status', '=', 'AKTIF')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }
  const { n } = await pbiBase(db, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** One page of PBI participants, lowest persentil first, and the number matching the filter. */
export async function pagePbi(db: Db, f: ListFilter) {
  const items = await pbiRows(db, f)
    .orderBy('h.persentil', (ob) => ob.asc().nullsLast())
    .orderBy('b.idartbdt')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: items as PbiRow[], total: await countPbi(db, f) };
}

/** Every PBI participant matching a filter in the list's order, read a page at a time (exports). */
export function streamPbi(db: Db, f: ListWhere, pageSize = EXPORT_PAGE): AsyncGenerator<PbiRow> {
  return keyset<PbiRow>(async (after, limit) => {
    let page = pbiRows(db, f).orderBy(PERSENTIL_KEY).orderBy('b.idartbdt').limit(limit);
    if (after) page = page.where(sql<SqlBool>`(${PERSENTIL_KEY}, b.idartbdt) > (${after.persentil ?? 101}, ${after.idartbdt})`);
    return (await page.execute()) as PbiRow[];
  }, pageSize);
}

/** AKTIF count per programme of a district (BPNT, RASTRA from the KPM list; PBI from the participants). */
export async function countActive(db: Db, kab: string): Promise<Record<'BPNT' | 'RASTRA' | 'PBI', number>> {
  const used = { BPNT: 0, RASTRA: 0, PBI: 0 };
  const kpm = await db
    .selectFrom('kpm_memberships')
    .select(['program', (eb) => eb.fn.countAll<string>().as('n')])
    .where('kab_kota', '=', kab)
    .where('status', '=', 'AKTIF')
    .groupBy('program')
    .execute();
  for (const r of kpm) used[r.program as 'BPNT' | 'RASTRA'] = Number(r.n);
  const pbi = await db
    .selectFrom('pbi_participants')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kab_kota', '=', kab)
    .where('status', '=', 'AKTIF')
    .executeTakeFirstOrThrow();
  used.PBI = Number(pbi.n);
  return used;
}

/** Programmes a household can be filtered by: a KPM list, a PBI participant among its members, a DITERIMA PKH nomination. */
export type ProgrammeFilter = 'BPNT' | 'RASTRA' | 'PBI' | 'PKH';

/**
 * Whether household `h` (an alias of `households`) is in a programme now (AKTIF in the list; PKH: a
 * DITERIMA nomination). The lists are read in the household's district: by household alone, in a
 * nation the planner hashed the 8 M members of every district (docs/performance.md).
 */
export function inProgramme(program: ProgrammeFilter, h: string): Expression<SqlBool> {
  const idbdt = sql.ref(`${h}.idbdt`);
  const kab = sql.ref(`${h}.kab_kota`);
  if (program === 'PBI')
    return sql<SqlBool>`exists (select 1 from members pm join pbi_participants b on b.kab_kota = pm.kab_kota and b.idartbdt = pm.idartbdt
      where pm.kab_kota = ${kab} and pm.idbdt = ${idbdt} and b.status = 'AKTIF')`;
  if (program === 'PKH')
    return sql<SqlBool>`exists (select 1 from pkh_nominations n where n.kab_kota = ${kab} and n.idbdt = ${idbdt} and n.status = 'DITERIMA')`;
  return sql<SqlBool>`exists (select 1 from kpm_memberships k where k.kab_kota = ${kab} and k.idbdt = ${idbdt} and k.program = ${program} and k.status = 'AKTIF')`;
}

/** A household's programme memberships, current and ended: its KPM rows, its members' PBI rows, its PKH nominations. */
export async function householdMemberships(db: Db, kabs: readonly string[], idbdt: string) {
  const [kpm, pbi, pkh] = await Promise.all([
    db
      .selectFrom('kpm_memberships as k')
      .leftJoin('members as m', (j) => j.onRef('m.kab_kota', '=', 'k.kab_kota').onRef('m.idartbdt', '=', 'k.id_pengurus'))
      .select([
        'k.program',
        'k.status',
        ymd('k.since').as('since'),
        sql<string | null>`to_char(k.until, 'YYYY-MM-DD')`.as('until'),
        'k.reason',
        'k.id_pengurus',
        'm.nama as nama_pengurus',
        'k.no_kks',
        'k.no_rekening',
      ])
      .where('k.kab_kota', 'in', kabs)
      .where('k.idbdt', '=', idbdt)
      .orderBy('k.program')
      .execute(),
    db
      .selectFrom('pbi_participants as b')
      .innerJoin('members as m', 'm.idartbdt', 'b.idartbdt')
      .select([
        'b.idartbdt',
        'm.nama',
        'b.no_kartu',
        'b.status',
        ymd('b.since').as('since'),
        sql<string | null>`to_char(b.until, 'YYYY-MM-DD')`.as('until'),
        'b.reason',
      ])
      .where('b.kab_kota', 'in', kabs)
      .where('m.kab_kota', 'in', kabs)
      .where('m.idbdt', '=', idbdt)
      .orderBy('b.idartbdt')
      .execute(),
    db
      .selectFrom('pkh_nominations as n')
      .select([
        'n.status',
        sql<string>`to_char(n.nominated_at, 'YYYY-MM-DD')`.as('nominated_at'),
        sql<string | null>`to_char(n.decided_at, 'YYYY-MM-DD')`.as('decided_at'),
      ])
      .where('n.kab_kota', 'in', kabs)
      .where('n.idbdt', '=', idbdt)
      .orderBy('n.nominated_at', 'desc')
      .orderBy('n.id', 'desc')
      .execute(),
  ]);
  return {
    kpm: kpm as (Omit<(typeof kpm)[number], 'program' | 'status'> & { program: 'BPNT' | 'RASTRA'; status: 'AKTIF' | 'NONAKTIF' })[],
    pbi: pbi as (Omit<(typeof pbi)[number], 'status'> & { status: 'AKTIF' | 'NONAKTIF' })[],
    pkh: pkh as (Omit<(typeof pkh)[number], 'status'> & { status: 'DIUSULKAN' | 'DITERIMA' | 'DITOLAK' })[],
  };
}

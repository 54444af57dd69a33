// SQL of the programme lists (migrations/0016_create_programme_lists.sql): the KPM of BPNT/RASTRA
// and the PBI participants of a district, one page at a time, and the AKTIF counts against quota.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

/** A list filter; `scope` is the actor's scope fragment over the household's kode_wilayah. */
export interface ListFilter {
  scope: (column: string) => Expression<SqlBool>;
  kab?: string;
  kecamatan?: string;
  desa?: string;
  status?: 'AKTIF' | 'NONAKTIF';
  persentilMin?: number;
  persentilMax?: number;
  page: number;
  pageSize: number;
}

const ymd = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

// The household filters of both lists. The region prefix filters use LIKE on the C-collated code.
function householdWhere(f: ListFilter, listKab: string) {
  const parts: Expression<SqlBool>[] = [f.scope('h.kode_wilayah')];
  if (f.kab) parts.push(sql<SqlBool>`${sql.ref(listKab)} = ${f.kab}`);
  if (f.kecamatan) parts.push(sql<SqlBool>`h.kode_wilayah like ${`${f.kecamatan}%`}`);
  if (f.desa) parts.push(sql<SqlBool>`h.kode_wilayah = ${f.desa}`);
  if (f.persentilMin !== undefined) parts.push(sql<SqlBool>`h.persentil >= ${f.persentilMin}`);
  if (f.persentilMax !== undefined) parts.push(sql<SqlBool>`h.persentil <= ${f.persentilMax}`);
  return parts;
}

/** One page of KPM, lowest persentil first, and the number matching the filter. */
export async function pageKpm(db: Db, f: ListFilter & { program?: 'BPNT' | 'RASTRA' }) {
  let base = db
    .selectFrom('kpm_memberships as k')
    .innerJoin('households as h', 'h.idbdt', 'k.idbdt')
    .where((eb) => eb.and(householdWhere(f, 'k.kab_kota')));
  if (f.program) base = base.where('k.program', '=', f.program);
  if (f.status) base = base.where('k.status', '=', f.status);
  const items = await base
    .innerJoin('regions as d', 'd.code', 'h.kode_wilayah')
    .leftJoin('members as m', 'm.idartbdt', 'k.id_pengurus')
    .select([
      'k.program',
      'k.idbdt',
      'h.kode_wilayah',
      'd.name as nama_desa',
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
    ])
    .orderBy('h.persentil', (ob) => ob.asc().nullsLast())
    .orderBy('k.idbdt')
    .orderBy('k.program')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return {
    items: items as (Omit<(typeof items)[number], 'program' | 'status'> & { program: 'BPNT' | 'RASTRA'; status: 'AKTIF' | 'NONAKTIF' })[],
    total: Number(n),
  };
}

/** One page of PBI participants, lowest persentil first, and the number matching the filter. */
export async function pagePbi(db: Db, f: ListFilter) {
  let base = db
    .selectFrom('pbi_participants as b')
    .innerJoin('members as m', 'm.idartbdt', 'b.idartbdt')
    .innerJoin('households as h', 'h.idbdt', 'm.idbdt')
    .where((eb) => eb.and(householdWhere(f, 'b.kab_kota')));
  if (f.status) base = base.where('b.status', '=', f.status);
  const items = await base
    .innerJoin('regions as d', 'd.code', 'h.kode_wilayah')
    .select([
      'b.idartbdt',
      'm.idbdt',
      'h.kode_wilayah',
      'd.name as nama_desa',
      'm.nama',
      'm.nik',
      'h.persentil',
      'b.no_kartu',
      'b.status',
      ymd('b.since').as('since'),
      sql<string | null>`to_char(b.until, 'YYYY-MM-DD')`.as('until'),
      'b.reason',
    ])
    .orderBy('h.persentil', (ob) => ob.asc().nullsLast())
    .orderBy('b.idartbdt')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { items: items as (Omit<(typeof items)[number], 'status'> & { status: 'AKTIF' | 'NONAKTIF' })[], total: Number(n) };
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

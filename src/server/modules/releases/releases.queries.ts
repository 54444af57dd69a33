import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

/** Numbers of households and members of a district (NONAKTIF included). */
export async function countDistrict(db: Db, kab: string): Promise<{ households: number; members: number }> {
  const h = await db
    .selectFrom('households')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('kode_wilayah', 'like', `${kab}%`)
    .executeTakeFirstOrThrow();
  const m = await db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.idbdt', 'm.idbdt')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('h.kode_wilayah', 'like', `${kab}%`)
    .executeTakeFirstOrThrow();
  return { households: h.n, members: m.n };
}

/** The district and its kecamatan and desa, parents before children. */
export async function listDistrictRegions(db: Db, kab: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', 'like', `${kab}%`)
    .orderBy(sql`length(code)`)
    .orderBy('code')
    .execute();
}

// Keyset pages over the (kode_wilayah, idbdt) index: the lower bound is a row comparison and the
// upper bound the next district's prefix, so every page is one index range scan (a LIKE filter
// beside the row comparison made each page rescan from the district's start).
function districtPage(kab: string, after: { kode: string; idbdt: string } | null) {
  const upper = String(Number(kab) + 1).padStart(4, '0');
  const lower = after ?? { kode: kab, idbdt: '' };
  return sql<boolean>`kab_kota = ${kab} and (kode_wilayah, idbdt) > (${lower.kode}, ${lower.idbdt}) and kode_wilayah < ${upper}`;
}

/**
 * A page of a district's households in (kode_wilayah, idbdt) order, after the given key, each as
 * its JSON text (to_jsonb gives the JSON types of the format page; one text column per row moves
 * through the driver several times faster than 68 typed columns).
 */
export async function pageHouseholds(db: Db, kab: string, after: { kode: string; idbdt: string } | null, limit: number) {
  return db
    .selectFrom('households as h')
    .select(['h.kode_wilayah', 'h.idbdt', sql<string>`(to_jsonb(h) - 'created_at' - 'updated_at' - 'kab_kota')::text`.as('json')])
    .where(districtPage(kab, after))
    .orderBy('h.kode_wilayah')
    .orderBy('h.idbdt')
    .limit(limit)
    .execute();
}

/** A page of households' ids only, in the same order (for streaming their members). */
export async function pageHouseholdIds(db: Db, kab: string, after: { kode: string; idbdt: string } | null, limit: number) {
  return db
    .selectFrom('households')
    .select(['kode_wilayah', 'idbdt'])
    .where(districtPage(kab, after))
    .orderBy('kode_wilayah')
    .orderBy('idbdt')
    .limit(limit)
    .execute();
}

/** The members of some households, by idartbdt, each as its JSON text. */
export async function listMembersOf(db: Db, idbdts: string[]) {
  if (idbdts.length === 0) return [];
  // kab_kota is the distribution key (migration 0027), not a field of the release format.
  return db
    .selectFrom('members as m')
    .select(sql<string>`(to_jsonb(m) - 'created_at' - 'updated_at' - 'kab_kota')::text`.as('json'))
    .where('m.idbdt', 'in', idbdts)
    .orderBy('m.idartbdt')
    .execute();
}

/** Records a release. */
export async function insertRelease(
  tx: Db,
  r: {
    id: string;
    kab: string;
    period: string;
    packageKey: string;
    counts: object;
    finalization: object | null;
    createdBy: number | null;
  },
): Promise<void> {
  await tx
    .insertInto('releases')
    .values({
      id: r.id,
      kab_kota: r.kab,
      period: r.period,
      package_key: r.packageKey,
      counts: JSON.stringify(r.counts),
      finalization: r.finalization && JSON.stringify(r.finalization),
      created_by: r.createdBy,
    })
    .execute();
}

/** A release by id, with what the importer needs. */
export async function findRelease(db: Db, id: string) {
  return db
    .selectFrom('releases')
    .select(['id', 'kab_kota', 'period', 'package_key', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The releases of a district, newest first. */
export async function listReleases(db: Db, kab: string) {
  return db
    .selectFrom('releases as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.period', 'r.counts', 'r.created_at', 'u.username as created_by'])
    .where('r.kab_kota', '=', kab)
    .orderBy('r.created_at', 'desc')
    .execute();
}

/** Numbers of KPM memberships and PBI participants of a district (NONAKTIF included), as kpm.ndjson and pbi.ndjson carry them. */
export async function countLists(db: Db, kab: string): Promise<{ kpm: number; pbi: number }> {
  const k = await db
    .selectFrom('kpm_memberships')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('kab_kota', '=', kab)
    .executeTakeFirstOrThrow();
  const b = await db
    .selectFrom('pbi_participants')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('kab_kota', '=', kab)
    .executeTakeFirstOrThrow();
  return { kpm: k.n, pbi: b.n };
}

/** A page of the district's KPM memberships after a (program, idbdt) key, in key order (siks-format 3.1 `kpm.ndjson`). */
export function pageKpmRows(db: Db, kab: string, after: { program: string; idbdt: string } | null, limit: number) {
  let query = db
    .selectFrom('kpm_memberships')
    .select(['program', 'idbdt', 'id_pengurus', 'no_kks', 'no_rekening', 'status'])
    .where('kab_kota', '=', kab);
  if (after) query = query.where(sql<boolean>`(program, idbdt) > (${after.program}, ${after.idbdt})`);
  return query.orderBy('program').orderBy('idbdt').limit(limit).execute();
}

/** A page of the district's PBI participants after an idartbdt, in key order (siks-format 3.1 `pbi.ndjson`). */
export function pagePbiRows(db: Db, kab: string, after: string | null, limit: number) {
  let query = db.selectFrom('pbi_participants').select(['idartbdt', 'no_kartu', 'status']).where('kab_kota', '=', kab);
  if (after) query = query.where('idartbdt', '>', after);
  return query.orderBy('idartbdt').limit(limit).execute();
}

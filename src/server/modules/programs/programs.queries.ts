// SQL of the programs module: quotas per district and programme, and the BPNT stage
// (migrations/0007_create_documents_and_quotas.sql).
import { sql } from 'kysely';
import type { Program } from '../../../shared/api/vocabulary.ts';
import type { Db } from '../../platform/db.ts';

export { PROGRAMS, type Program } from '../../../shared/api/vocabulary.ts';

/** A kabupaten/kota by code, undefined when there is none. */
export function findDistrict(db: Db, kab: string): Promise<{ code: string; name: string } | undefined> {
  return db.selectFrom('regions').select(['code', 'name']).where('code', '=', kab).where('level', '=', 'kabkota').executeTakeFirst();
}

/** The quotas set for a district. */
export function listQuotas(db: Db, kab: string): Promise<{ program: Program; quota: number }[]> {
  return db.selectFrom('district_quotas').select(['program', 'quota']).where('kab', '=', kab).execute();
}

/** The BPNT stage of a district, null when none is set. */
export async function findTahapBpnt(db: Db, kab: string): Promise<string | null> {
  const r = await db.selectFrom('district_programs').select('tahap_bpnt').where('kab', '=', kab).executeTakeFirst();
  return r?.tahap_bpnt ?? null;
}

/** Sets (or, with null, removes) a quota. */
export async function upsertQuota(tx: Db, kab: string, program: Program, quota: number | null, by: number | null): Promise<void> {
  if (quota === null) {
    await tx.deleteFrom('district_quotas').where('kab', '=', kab).where('program', '=', program).execute();
    return;
  }
  await tx
    .insertInto('district_quotas')
    .values({ kab, program, quota, updated_by: by })
    .onConflict((oc) => oc.columns(['kab', 'program']).doUpdateSet({ quota, updated_by: by, updated_at: sql<Date>`now()` }))
    .execute();
}

/** Sets the BPNT stage of a district (null: none). */
export async function upsertTahapBpnt(tx: Db, kab: string, tahap: string | null, by: number | null): Promise<void> {
  await tx
    .insertInto('district_programs')
    .values({ kab, tahap_bpnt: tahap, updated_by: by })
    .onConflict((oc) => oc.column('kab').doUpdateSet({ tahap_bpnt: tahap, updated_by: by, updated_at: sql<Date>`now()` }))
    .execute();
}

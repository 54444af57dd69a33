// SQL of the programs module: quotas per district and programme, and the BPNT stage
// (migrations/0007_create_documents_and_quotas.sql).
import { sql, type ColumnType, type Kysely } from 'kysely';
import type { DB, Db } from '../../platform/db.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const PROGRAMS = ['BPNT', 'RASTRA', 'PBI'] as const;
export type Program = (typeof PROGRAMS)[number];

export interface DistrictQuotasTable {
  kab: string;
  program: Program;
  quota: number;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface DistrictProgramsTable {
  kab: string;
  tahap_bpnt: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** The tables of this module; kept here (not in platform/db-schema.ts) so the module owns them. */
export type ProgramTables = {
  district_quotas: DistrictQuotasTable;
  district_programs: DistrictProgramsTable;
};

// Same connection (and transaction) as `db`, typed with this module's tables.
const on = (db: Db): Kysely<DB & ProgramTables> => db.withTables<ProgramTables>();

/** A kabupaten/kota by code, undefined when there is none. */
export function findDistrict(db: Db, kab: string): Promise<{ code: string; name: string } | undefined> {
  return db.selectFrom('regions').select(['code', 'name']).where('code', '=', kab).where('level', '=', 'kabkota').executeTakeFirst();
}

/** The quotas set for a district. */
export function listQuotas(db: Db, kab: string): Promise<{ program: Program; quota: number }[]> {
  return on(db).selectFrom('district_quotas').select(['program', 'quota']).where('kab', '=', kab).execute();
}

/** The BPNT stage of a district, null when none is set. */
export async function findTahapBpnt(db: Db, kab: string): Promise<string | null> {
  const r = await on(db).selectFrom('district_programs').select('tahap_bpnt').where('kab', '=', kab).executeTakeFirst();
  return r?.tahap_bpnt ?? null;
}

/** Sets (or, with null, removes) a quota. */
export async function upsertQuota(tx: Db, kab: string, program: Program, quota: number | null, by: number | null): Promise<void> {
  if (quota === null) {
    await on(tx).deleteFrom('district_quotas').where('kab', '=', kab).where('program', '=', program).execute();
    return;
  }
  await on(tx)
    .insertInto('district_quotas')
    .values({ kab, program, quota, updated_by: by })
    .onConflict((oc) => oc.columns(['kab', 'program']).doUpdateSet({ quota, updated_by: by, updated_at: sql<Date>`now()` }))
    .execute();
}

/** Sets the BPNT stage of a district (null: none). */
export async function upsertTahapBpnt(tx: Db, kab: string, tahap: string | null, by: number | null): Promise<void> {
  await on(tx)
    .insertInto('district_programs')
    .values({ kab, tahap_bpnt: tahap, updated_by: by })
    .onConflict((oc) => oc.column('kab').doUpdateSet({ tahap_bpnt: tahap, updated_by: by, updated_at: sql<Date>`now()` }))
    .execute();
}

/** Whether anything (a quota or a stage row) has been set for the district. */
export async function hasProgramData(db: Db, kab: string): Promise<boolean> {
  const quota = await on(db).selectFrom('district_quotas').select('kab').where('kab', '=', kab).limit(1).executeTakeFirst();
  if (quota) return true;
  const stage = await on(db).selectFrom('district_programs').select('kab').where('kab', '=', kab).executeTakeFirst();
  return stage !== undefined;
}

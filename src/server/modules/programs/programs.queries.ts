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

/**
 * The period quotas are read and set for when none is named: the period open for verval, else
 * the latest period, else the current month (a district before its first period).
 */
export async function currentQuotaPeriod(db: Db): Promise<string> {
  const r = await db
    .selectFrom('periods')
    .select('code')
    .orderBy(sql`status = 'OPEN'`, 'desc')
    .orderBy('code', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.code ?? new Date().toISOString().slice(0, 7);
}

/**
 * The quotas of a district in a period: per programme the row of the latest period up to it (a
 * new period starts with the previous quota); programmes without one, or whose row holds null, have none.
 */
export async function listQuotas(db: Db, kab: string, period: string): Promise<{ program: Program; quota: number }[]> {
  const { rows } = await sql<{ program: Program; quota: number | null }>`
    select distinct on (program) program, quota from district_quotas
    where kab = ${kab} and period <= ${period}
    order by program, period desc`.execute(db);
  return rows.filter((r): r is { program: Program; quota: number } => r.quota !== null);
}

/**
 * The quota of one programme of a district in a period, its row locked until the transaction
 * ends: approvals that add to a list take this lock first, so two of them can never both pass
 * the count (issue 10, B6). null when no quota is set (nothing can be added).
 */
export async function lockQuota(tx: Db, kab: string, program: Program, period: string): Promise<number | null> {
  const { rows } = await sql<{ quota: number | null }>`
    select quota from district_quotas
    where kab = ${kab} and program = ${program} and period <= ${period}
    order by period desc limit 1 for update`.execute(tx);
  return rows[0]?.quota ?? null;
}

/** The BPNT stage of a district, null when none is set. */
export async function findTahapBpnt(db: Db, kab: string): Promise<string | null> {
  const r = await db.selectFrom('district_programs').select('tahap_bpnt').where('kab', '=', kab).executeTakeFirst();
  return r?.tahap_bpnt ?? null;
}

/** Sets a quota from a period on (null: no quota from that period on). */
export async function upsertQuota(
  tx: Db,
  kab: string,
  program: Program,
  period: string,
  quota: number | null,
  by: number | null,
): Promise<void> {
  await tx
    .insertInto('district_quotas')
    .values({ kab, program, period, quota, updated_by: by })
    .onConflict((oc) => oc.columns(['kab', 'program', 'period']).doUpdateSet({ quota, updated_by: by, updated_at: sql<Date>`now()` }))
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

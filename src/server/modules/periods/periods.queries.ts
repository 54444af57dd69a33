import type { Db } from '../../platform/db.ts';

export interface PeriodRow {
  code: string;
  name: string;
  sk_number: string | null;
  starts_on: string;
  ends_on: string;
  status: 'OPEN' | 'CLOSED';
  opened_at: Date;
  closed_at: Date | null;
}

const columns = ['code', 'name', 'sk_number', 'starts_on', 'ends_on', 'status', 'opened_at', 'closed_at'] as const;

/** Every period, newest first. */
export async function listPeriods(db: Db): Promise<PeriodRow[]> {
  return db.selectFrom('periods').select(columns).orderBy('code', 'desc').execute();
}

/** The period open for verval, if any. */
export async function findOpenPeriod(db: Db): Promise<PeriodRow | undefined> {
  return db.selectFrom('periods').select(columns).where('status', '=', 'OPEN').executeTakeFirst();
}

/** One period, or undefined. */
export async function findPeriod(db: Db, code: string): Promise<PeriodRow | undefined> {
  return db.selectFrom('periods').select(columns).where('code', '=', code).executeTakeFirst();
}

/** Inserts an open period. */
export async function insertPeriod(
  db: Db,
  p: { code: string; name: string; skNumber: string | null; startsOn: string; endsOn: string; openedBy: number | null },
): Promise<void> {
  await db
    .insertInto('periods')
    .values({
      code: p.code,
      name: p.name,
      sk_number: p.skNumber,
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      opened_by: p.openedBy,
    })
    .execute();
}

/** Closes a period. */
export async function closePeriodRow(db: Db, code: string, closedBy: number | null, at: Date): Promise<void> {
  await db.updateTable('periods').set({ status: 'CLOSED', closed_at: at, closed_by: closedBy }).where('code', '=', code).execute();
}

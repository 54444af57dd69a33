import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import * as q from './periods.queries.ts';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** The customary name of a period: `2019-01` → "BDT Januari 2019". */
export function periodName(code: string): string {
  const [y, m] = code.split('-');
  return `BDT ${MONTHS[Number(m) - 1]} ${y}`;
}

function auditActor(by: Actor | AuditActor): AuditActor {
  return 'userId' in by ? { id: by.userId, username: by.username } : by;
}

function requirePusdatin(by: Actor | AuditActor) {
  if ('userId' in by) assertCan(by, 'periods:manage');
}

export interface OpenPeriodInput {
  code: string;
  name?: string;
  skNumber?: string | null;
  startsOn: string;
  endsOn: string;
}

/** Opens a verval period (C2, PUSDATIN); only one may be open at a time. */
export async function openPeriod(ctx: AppContext, by: Actor | AuditActor, input: OpenPeriodInput): Promise<q.PeriodRow> {
  requirePusdatin(by);
  if (input.endsOn < input.startsOn) throw new AppError('VALIDATION', { field: 'endsOn' });
  const name = input.name?.trim() || periodName(input.code);
  await ctx.database.transaction(async (tx) => {
    const open = await q.findOpenPeriod(tx);
    if (open) throw new AppError('PERIOD_ALREADY_OPEN', { open: open.code });
    if (await q.findPeriod(tx, input.code)) throw new AppError('PERIOD_EXISTS');
    await q.insertPeriod(tx, {
      code: input.code,
      name,
      skNumber: input.skNumber ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      openedBy: 'userId' in by ? by.userId : null,
    });
    await recordAudit(tx, {
      actor: auditActor(by),
      action: 'OPEN_PERIOD',
      text: { id: `Membuka periode ${name}`, en: `Opened period ${name}` },
      subject: input.code,
      details: { skNumber: input.skNumber ?? null, startsOn: input.startsOn, endsOn: input.endsOn },
    });
  });
  return (await q.findPeriod(ctx.database.db, input.code))!;
}

/** Closes the open period (C2, PUSDATIN): no more imports into it. */
export async function closePeriod(ctx: AppContext, by: Actor | AuditActor, code: string): Promise<void> {
  requirePusdatin(by);
  await ctx.database.transaction(async (tx) => {
    const p = await q.findPeriod(tx, code);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.status !== 'OPEN') throw new AppError('PERIOD_NOT_OPEN');
    await q.closePeriodRow(tx, code, 'userId' in by ? by.userId : null, new Date());
    await recordAudit(tx, {
      actor: auditActor(by),
      action: 'CLOSE_PERIOD',
      text: { id: `Menutup periode ${p.name}`, en: `Closed period ${p.name}` },
      subject: code,
    });
  });
}

/** Every period, newest first (everyone may read them). */
export async function listPeriods(ctx: AppContext): Promise<q.PeriodRow[]> {
  return q.listPeriods(ctx.database.db);
}

/** The open period, or undefined. */
export async function findOpenPeriod(ctx: AppContext): Promise<q.PeriodRow | undefined> {
  return q.findOpenPeriod(ctx.database.db);
}

// Programme quotas per district (C4: BPNT, RASTRA, PBI) and the district's BPNT expansion stage
// (Tahap). This is the read side used by Beranda (F3) and, later, by BSP/PBI verification
// (F10/F11), plus a simple setter for PFM and the command line; PFM's quota screens come later.
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import { regionInScope, type Actor } from '../../platform/scope.ts';
import * as q from './programs.queries.ts';
import { QUOTA_MAX, TAHAP_MAX } from '../../../shared/api/vocabulary.ts';

export { PROGRAMS, type Program } from './programs.queries.ts';

// The longest BPNT stage text and the highest quota are part of the API contract.
export { QUOTA_MAX, TAHAP_MAX };

/** What a district has for its programmes. */
export interface DistrictPrograms {
  kab: string;
  name: string;
  /** The period the quotas are those of. */
  period: string;
  /** Quota per programme in that period; null when none is set. */
  quotas: Record<q.Program, number | null>;
  /** BPNT expansion stage, e.g. "2" or "Perluasan Tahap III"; null when none. */
  tahapBpnt: string | null;
}

const auditActorOf = (actor: Actor): AuditActor => ({ id: actor.userId, username: actor.username });
const fmt = (n: number, lang: 'id-ID' | 'en-US') => n.toLocaleString(lang);

/**
 * Whether a district is visible to the actor: inside the scope or containing a scope region (an
 * operator of a kecamatan sees its own district's quota), as regions are; anything else is "not found".
 */
export function districtVisible(actor: Actor, kab: string): boolean {
  return regionInScope(actor, kab) || actor.regions.some((r) => r.startsWith(kab));
}

async function read(db: Db, district: { code: string; name: string }, period?: string): Promise<DistrictPrograms> {
  const at = period ?? (await q.currentQuotaPeriod(db));
  const quotas: Record<q.Program, number | null> = { BPNT: null, RASTRA: null, PBI: null };
  for (const r of await q.listQuotas(db, district.code, at)) quotas[r.program] = r.quota;
  return { kab: district.code, name: district.name, period: at, quotas, tahapBpnt: await q.findTahapBpnt(db, district.code) };
}

async function districtOrThrow(db: Db, kab: string): Promise<{ code: string; name: string }> {
  const d = /^[0-9]{4}$/.test(kab) ? await q.findDistrict(db, kab) : undefined;
  if (!d) throw new AppError('UNKNOWN_REGION', { region: kab });
  return d;
}

/** Quotas and BPNT stage of district `kab` as the actor may see them; 404 outside the scope. */
export async function getDistrictPrograms(ctx: AppContext, actor: Actor, kab: string): Promise<DistrictPrograms> {
  if (!/^[0-9]{4}$/.test(kab) || !districtVisible(actor, kab)) throw notFound();
  const district = await q.findDistrict(ctx.database.db, kab);
  if (!district) throw notFound();
  return read(ctx.database.db, district);
}

/** Throws 403 unless the actor sets quotas (Ditjen PFM, C4). */
export function assertCanSetQuotas(actor: Actor): void {
  assertCan(actor, 'quota:set');
}

export interface SetQuotaInput {
  kab: string;
  program: q.Program;
  /** Whole number ≥ 0; null removes the quota. */
  quota: number | null;
  /** The period from which it holds (YYYY-MM); default the open period, else the latest. */
  period?: string;
}

/** Sets one quota as `by` without a role check (CLI, PUSDATIN tooling); one audit entry. */
export async function setDistrictQuota(ctx: AppContext, by: AuditActor, input: SetQuotaInput): Promise<DistrictPrograms> {
  const { kab, program, quota } = input;
  if (!q.PROGRAMS.includes(program)) throw new AppError('VALIDATION', { field: 'program' });
  if (quota !== null && !(Number.isSafeInteger(quota) && quota >= 0 && quota <= QUOTA_MAX)) {
    throw new AppError(
      'VALIDATION',
      { field: 'quota' },
      { id: 'Kuota harus bilangan bulat 0 atau lebih.', en: 'The quota must be a whole number, 0 or more.' },
    );
  }
  const district = await districtOrThrow(ctx.database.db, kab);
  const period = input.period ?? (await q.currentQuotaPeriod(ctx.database.db));
  return ctx.database.transaction(async (tx) => {
    await q.upsertQuota(tx, kab, program, period, quota, by.id);
    await recordAudit(tx, {
      actor: by,
      action: 'SET_QUOTA',
      text:
        quota === null
          ? {
              id: `Menghapus kuota ${program} ${district.name} mulai periode ${period}`,
              en: `Removed the ${program} quota of ${district.name} from period ${period}`,
            }
          : {
              id: `Menetapkan kuota ${program} ${district.name} periode ${period}: ${fmt(quota, 'id-ID')}`,
              en: `Set the ${program} quota of ${district.name} for period ${period} to ${fmt(quota, 'en-US')}`,
            },
      subject: `${kab}:${program}`,
      regionCode: kab,
      details: { kab, program, period, quota },
    });
    return read(tx, district, period);
  });
}

/** Sets one quota of a district through the API (PFM only). */
export async function updateDistrictQuota(ctx: AppContext, actor: Actor, input: SetQuotaInput): Promise<DistrictPrograms> {
  assertCanSetQuotas(actor);
  return setDistrictQuota(ctx, auditActorOf(actor), input);
}

/** Sets the BPNT stage of a district as `by` without a role check (CLI); null removes it; one audit entry. */
export async function setBpntStage(
  ctx: AppContext,
  by: AuditActor,
  input: { kab: string; tahap: string | number | null },
): Promise<DistrictPrograms> {
  const tahap = input.tahap === null ? null : String(input.tahap).replace(/\s+/g, ' ').trim() || null;
  if (tahap !== null && tahap.length > TAHAP_MAX) {
    throw new AppError(
      'VALIDATION',
      { field: 'tahap' },
      {
        id: `Tahap BPNT maksimal ${TAHAP_MAX} karakter.`,
        en: `The BPNT stage may have at most ${TAHAP_MAX} characters.`,
      },
    );
  }
  const district = await districtOrThrow(ctx.database.db, input.kab);
  return ctx.database.transaction(async (tx) => {
    await q.upsertTahapBpnt(tx, district.code, tahap, by.id);
    await recordAudit(tx, {
      actor: by,
      action: 'SET_BPNT_STAGE',
      text:
        tahap === null
          ? { id: `Menghapus Tahap BPNT ${district.name}`, en: `Removed the BPNT stage of ${district.name}` }
          : {
              id: `Menetapkan Tahap BPNT ${district.name}: ${tahap}`,
              en: `Set the BPNT stage of ${district.name} to ${tahap}`,
            },
      subject: district.code,
      regionCode: district.code,
      details: { kab: district.code, tahap },
    });
    return read(tx, district);
  });
}

/** Sets the BPNT stage of a district through the API (PFM only). */
export async function updateBpntStage(
  ctx: AppContext,
  actor: Actor,
  input: { kab: string; tahap: string | null },
): Promise<DistrictPrograms> {
  assertCanSetQuotas(actor);
  return setBpntStage(ctx, auditActorOf(actor), input);
}

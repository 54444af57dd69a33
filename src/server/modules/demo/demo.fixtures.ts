// Demo set-up beyond the households: the demo district's programme figures and an approved MoU.
// Kept here, not in the programs and mou modules, so that their public surfaces hold only what the
// application does; tests and benchmarks of later steps use these too.
import { type AuditActor, recordAudit } from '../../platform/audit.ts';
import { type AppContext, CLI_ACTOR } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { reviewMou, uploadMouFor } from '../mou/index.ts';
import { currentQuotaPeriod, type Program } from '../programs/index.ts';
import { findRegion } from '../regions/index.ts';

/** Demo figures of district 3174 (Kota Administrasi Jakarta Selatan), as in the guide's screenshots. */
export const DEMO_PROGRAMS = { quotas: { BPNT: 39_776, PBI: 121_450 }, tahapBpnt: '1' } as const;

const fmt = (n: number, lang: 'id-ID' | 'en-US') => n.toLocaleString(lang);

/**
 * Gives a district (the demo district by default) the demo quotas and BPNT stage, once: does
 * nothing (false) when the district already has any programme data, so that a later PFM change is
 * never overwritten. One audit entry.
 */
export async function seedDemoPrograms(ctx: AppContext, kab = '3174'): Promise<boolean> {
  const district = await findRegion(ctx.database.db, kab);
  if (district?.level !== 'kabkota') throw new AppError('UNKNOWN_REGION', { region: kab });
  return ctx.database.transaction(async (tx) => {
    const quota = await tx.selectFrom('district_quotas').select('kab').where('kab', '=', kab).limit(1).executeTakeFirst();
    const stage = await tx.selectFrom('district_programs').select('kab').where('kab', '=', kab).executeTakeFirst();
    if (quota || stage) return false;
    const quotas = Object.entries(DEMO_PROGRAMS.quotas) as [Program, number][];
    const period = await currentQuotaPeriod(tx);
    await tx
      .insertInto('district_quotas')
      .values(quotas.map(([program, quota]) => ({ kab, program, period, quota, updated_by: null })))
      .execute();
    await tx.insertInto('district_programs').values({ kab, tahap_bpnt: DEMO_PROGRAMS.tahapBpnt, updated_by: null }).execute();
    const { BPNT, PBI } = DEMO_PROGRAMS.quotas;
    await recordAudit(tx, {
      actor: CLI_ACTOR,
      action: 'DEMO_PROGRAMS',
      text: {
        id: `Menetapkan kuota demo ${district.name}: BPNT ${fmt(BPNT, 'id-ID')}, PBI ${fmt(PBI, 'id-ID')}, Tahap BPNT ${DEMO_PROGRAMS.tahapBpnt}`,
        en: `Set demo quotas of ${district.name}: BPNT ${fmt(BPNT, 'en-US')}, PBI ${fmt(PBI, 'en-US')}, BPNT stage ${DEMO_PROGRAMS.tahapBpnt}`,
      },
      subject: kab,
      regionCode: kab,
      details: { kab, ...DEMO_PROGRAMS },
    });
    return true;
  });
}

/**
 * Submits and approves an MoU for a district in one go (demo set-up and tests of later steps):
 * the same rows and log entries a real upload and approval write.
 */
export async function approveMouDirectly(
  ctx: AppContext,
  by: AuditActor,
  kab: string,
  scans: { mou: Buffer; permohonan: Buffer },
): Promise<void> {
  const status = await uploadMouFor(ctx, by, kab, scans);
  await reviewMou(ctx, by, { id: status.submissionId!, decision: 'APPROVE' });
}

import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actingDistrict, allows, assertCan } from '../../platform/policy.ts';
import { districtOf, type Actor } from '../../platform/scope.ts';
import { processImage } from '../../platform/images.ts';
import { insertImage } from '../profiles/index.ts';
import { findRegion } from '../regions/index.ts';
import * as q from './mou.queries.ts';

// F5 / C3: a district uploads the signed MoU and Surat Permohonan Data scans together; Ditjen PFM
// approves or returns them with a message; after approval the district database can be
// downloaded. The state of a district is its latest submission.

export type MouState = 'NOT_UPLOADED' | 'WAITING' | 'RETURNED' | 'APPROVED';

export interface MouStatus {
  kab: string;
  state: MouState;
  submissionId: number | null;
  /** The reviewer's message of a returned submission. */
  message: string | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
}

const auditActor = (by: Actor | AuditActor): AuditActor => ('userId' in by ? { id: by.userId, username: by.username } : by);

const ownDistrict = (actor: Actor): string => actingDistrict(actor, 'mou:submit');

function present(kab: string, row: q.MouRow | undefined): MouStatus {
  return {
    kab,
    state: row ? row.status : 'NOT_UPLOADED',
    submissionId: row?.id ?? null,
    message: row?.status === 'RETURNED' ? row.message : null,
    submittedAt: row?.submitted_at ?? null,
    reviewedAt: row?.reviewed_at ?? null,
  };
}

/** The MoU state of the supervisor's own district (F5). */
export async function getOwnMouStatus(ctx: AppContext, actor: Actor): Promise<MouStatus> {
  const kab = ownDistrict(actor);
  return present(kab, await q.findLatestMou(ctx.database.db, kab));
}

/** Whether the district's MoU is approved (the release may be downloaded). */
export async function isMouApproved(ctx: AppContext, kab: string): Promise<boolean> {
  return (await q.findLatestMou(ctx.database.db, kab))?.status === 'APPROVED';
}

/**
 * Stores a new submission of both scans (JPEG/PNG by content, re-encoded) for the supervisor's
 * district. Allowed when nothing was uploaded yet or the last one was returned.
 */
export async function uploadMou(ctx: AppContext, actor: Actor, files: { mou: Buffer; permohonan: Buffer }): Promise<MouStatus> {
  const kab = ownDistrict(actor);
  const [mou, permohonan] = await Promise.all([processImage(files.mou), processImage(files.permohonan)]);
  return submit(ctx, actor, kab, mou, permohonan);
}

async function submit(
  ctx: AppContext,
  by: Actor | AuditActor,
  kab: string,
  mou: Awaited<ReturnType<typeof processImage>>,
  permohonan: Awaited<ReturnType<typeof processImage>>,
): Promise<MouStatus> {
  const userId = 'userId' in by ? by.userId : null;
  await ctx.database.transaction(async (tx) => {
    const latest = await q.findLatestMou(tx, kab);
    if (latest?.status === 'WAITING') throw new AppError('MOU_ALREADY_WAITING');
    if (latest?.status === 'APPROVED') throw new AppError('MOU_ALREADY_APPROVED');
    const mouId = (await insertImage(tx, mou, userId)).id;
    const permohonanId = (await insertImage(tx, permohonan, userId)).id;
    const id = await q.insertMou(tx, kab, mouId, permohonanId, userId);
    await recordAudit(tx, {
      actor: auditActor(by),
      action: 'UPLOAD_MOU',
      text: { id: 'Mengunggah MoU dan Surat Permohonan Data BDT', en: 'Uploaded the MoU and the data request letter' },
      subject: `mou:${id}`,
      regionCode: kab,
    });
  });
  return present(kab, await q.findLatestMou(ctx.database.db, kab));
}

function requireReviewer(by: Actor | AuditActor) {
  if ('userId' in by) assertCan(by, 'mou:review');
}

/** The PFM review queue: waiting submissions, oldest first (C3). */
export async function listMouQueue(ctx: AppContext, actor: Actor) {
  requireReviewer(actor);
  return q.listWaitingMous(ctx.database.db);
}

/** One submission with its state, for the reviewer (PFM) or its own district. */
export async function getMouSubmission(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<MouStatus & { mouImageId: number; permohonanImageId: number }> {
  // A role that neither reviews nor submits MoUs is refused whatever the id; a supervisor sees its own only.
  if (!allows(actor, 'mou:review')) assertCan(actor, 'mou:submit');
  const row = await q.findMou(ctx.database.db, id);
  const visible = row && (allows(actor, 'mou:review') || districtOf(actor) === row.kab_kota);
  if (!row || !visible) throw notFound();
  return { ...present(row.kab_kota, row), mouImageId: row.mou_image_id, permohonanImageId: row.permohonan_image_id };
}

/** The bytes of one scan of a submission, for the reviewer or its own district. */
export async function getMouImage(ctx: AppContext, actor: Actor, id: number, which: 'mou' | 'permohonan') {
  const s = await getMouSubmission(ctx, actor, id);
  const image = await q.findImage(ctx.database.db, which === 'mou' ? s.mouImageId : s.permohonanImageId);
  if (!image) throw notFound();
  return image;
}

/** PFM approves a waiting submission, or returns it with a message the supervisor then sees (C3). */
export async function reviewMou(
  ctx: AppContext,
  by: Actor | AuditActor,
  input: { id: number; decision: 'APPROVE' | 'RETURN'; message?: string },
): Promise<MouStatus> {
  requireReviewer(by);
  const message = input.message?.trim() || null;
  if (input.decision === 'RETURN' && !message) throw new AppError('MOU_MESSAGE_REQUIRED');
  const kab = await ctx.database.transaction(async (tx) => {
    const row = await q.lockMou(tx, input.id);
    if (!row) throw notFound();
    if (row.status !== 'WAITING') throw new AppError('MOU_NOT_WAITING');
    await q.updateMouReview(
      tx,
      row.id,
      input.decision === 'APPROVE' ? 'APPROVED' : 'RETURNED',
      input.decision === 'APPROVE' ? null : message,
      'userId' in by ? by.userId : null,
    );
    const region = await findRegion(tx, row.kab_kota);
    const name = region?.name ?? row.kab_kota;
    await recordAudit(tx, {
      actor: auditActor(by),
      action: input.decision === 'APPROVE' ? 'APPROVE_MOU' : 'RETURN_MOU',
      text:
        input.decision === 'APPROVE'
          ? { id: `Menyetujui MoU ${name}`, en: `Approved the MoU of ${name}` }
          : { id: `Mengembalikan MoU ${name}: ${message}`, en: `Returned the MoU of ${name}: ${message}` },
      subject: `mou:${row.id}`,
      regionCode: row.kab_kota,
    });
    return row.kab_kota;
  });
  return present(kab, await q.findLatestMou(ctx.database.db, kab));
}

/**
 * Stores a submission for district `kab` on behalf of the command line (no signed-in user): the
 * same checks, rows and log entry as a supervisor's upload.
 */
export async function uploadMouFor(
  ctx: AppContext,
  by: AuditActor,
  kab: string,
  files: { mou: Buffer; permohonan: Buffer },
): Promise<MouStatus> {
  const region = await findRegion(ctx.database.db, kab);
  if (region?.level !== 'kabkota') throw new AppError('UNKNOWN_REGION', { region: kab });
  const [mou, permohonan] = await Promise.all([processImage(files.mou), processImage(files.permohonan)]);
  return submit(ctx, by, kab, mou, permohonan);
}

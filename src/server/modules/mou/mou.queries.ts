import type { Db } from '../../platform/db.ts';

export interface MouRow {
  id: number;
  kab_kota: string;
  mou_image_id: number;
  permohonan_image_id: number;
  status: 'WAITING' | 'RETURNED' | 'APPROVED';
  message: string | null;
  submitted_at: Date;
  reviewed_at: Date | null;
}

const columns = ['id', 'kab_kota', 'mou_image_id', 'permohonan_image_id', 'status', 'message', 'submitted_at', 'reviewed_at'] as const;

/** The latest submission of a district (its MoU state), or undefined. */
export async function findLatestMou(db: Db, kab: string): Promise<MouRow | undefined> {
  return db.selectFrom('mou_submissions').select(columns).where('kab_kota', '=', kab).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** A submission by id. */
export async function findMou(db: Db, id: number): Promise<MouRow | undefined> {
  return db.selectFrom('mou_submissions').select(columns).where('id', '=', id).executeTakeFirst();
}

/** A submission by id, locked for update. */
export async function lockMou(tx: Db, id: number): Promise<MouRow | undefined> {
  return tx.selectFrom('mou_submissions').select(columns).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** An image's bytes and content type. */
export async function findImage(db: Db, id: number): Promise<{ content_type: string; data: Buffer; sha256: string } | undefined> {
  return db.selectFrom('images').select(['content_type', 'data', 'sha256']).where('id', '=', id).executeTakeFirst();
}

/** Inserts a waiting submission. */
export async function insertMou(
  tx: Db,
  kab: string,
  mouImageId: number,
  permohonanImageId: number,
  userId: number | null,
): Promise<number> {
  const { id } = await tx
    .insertInto('mou_submissions')
    .values({ kab_kota: kab, mou_image_id: mouImageId, permohonan_image_id: permohonanImageId, submitted_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records the reviewer's decision. */
export async function updateMouReview(
  tx: Db,
  id: number,
  status: 'APPROVED' | 'RETURNED',
  message: string | null,
  reviewerId: number | null,
): Promise<void> {
  await tx
    .updateTable('mou_submissions')
    .set({ status, message, reviewed_at: new Date(), reviewed_by: reviewerId })
    .where('id', '=', id)
    .execute();
}

/** The review queue: the latest submission of each district that is waiting, oldest first. */
export async function listWaitingMous(db: Db) {
  return db
    .selectFrom('mou_submissions as m')
    .innerJoin('regions as r', 'r.code', 'm.kab_kota')
    .leftJoin('users as u', 'u.id', 'm.submitted_by')
    .select(['m.id', 'm.kab_kota', 'r.name as kab_name', 'm.submitted_at', 'u.username as submitted_by'])
    .where('m.status', '=', 'WAITING')
    .orderBy('m.submitted_at')
    .execute();
}

// SQL of Profil (F4): district_profiles, user_profiles and images (migrations/0006_create_profiles.sql).
import type { Db } from '../../platform/db.ts';
import { forgetActors } from '../access/index.ts';
import type { Selectable } from 'kysely';
import type { DistrictProfilesTable, ImageContentType } from '../../platform/db-schema.ts';

export type { ImageContentType };

/** What is said about a stored image, without its bytes. */
export interface ImageMetaRow {
  id: number;
  content_type: ImageContentType;
  width: number;
  height: number;
  byte_size: number;
  sha256: string;
  updated_at: Date;
}

/** A stored image with its bytes. */
export interface ImageRow extends ImageMetaRow {
  data: Buffer;
}

export interface NewImage {
  contentType: ImageContentType;
  width: number;
  height: number;
  data: Buffer;
  sha256: string;
}

const IMAGE_META = ['i.id', 'i.content_type', 'i.width', 'i.height', 'i.byte_size', 'i.sha256', 'i.updated_at'] as const;

/** A kabupaten/kota by its 4-digit code, or undefined (also for codes of other levels). */
export async function findKabupaten(db: Db, kab: string): Promise<{ code: string; name: string } | undefined> {
  return db.selectFrom('regions').select(['code', 'name']).where('code', '=', kab).where('level', '=', 'kabkota').executeTakeFirst();
}

/** A district's profile row as the queries below select it (every column but `updated_by`). */
export type DistrictProfileRow = Omit<Selectable<DistrictProfilesTable>, 'updated_by'>;

const PROFILE_COLUMNS = [
  'kab_code',
  'nama_instansi',
  'alamat',
  'nomor_telepon',
  'nama_kepala_dinas',
  'nip_kepala_dinas',
  'nama_bupati',
  'pengesah_sama_dengan_kepala_dinas',
  'nama_pengesah',
  'nip_pengesah',
  'logo_image_id',
  'updated_at',
] as const;

/** The district profile of a kabupaten/kota, or undefined before its first save. */
export async function findDistrictProfile(db: Db, kab: string): Promise<DistrictProfileRow | undefined> {
  return db.selectFrom('district_profiles').select(PROFILE_COLUMNS).where('kab_code', '=', kab).executeTakeFirst();
}

/** The same, locked for the rest of transaction `tx` (after ensureDistrictProfile). */
export async function lockDistrictProfile(tx: Db, kab: string): Promise<DistrictProfileRow> {
  return tx.selectFrom('district_profiles').select(PROFILE_COLUMNS).where('kab_code', '=', kab).forUpdate().executeTakeFirstOrThrow();
}

/** Creates the empty profile row of a district if there is none (so it can be locked). */
export async function ensureDistrictProfile(tx: Db, kab: string): Promise<void> {
  await tx
    .insertInto('district_profiles')
    .values({ kab_code: kab })
    .onConflict((oc) => oc.column('kab_code').doNothing())
    .execute();
}

export type DistrictProfileChange = Partial<
  Pick<
    DistrictProfileRow,
    | 'nama_instansi'
    | 'alamat'
    | 'nomor_telepon'
    | 'nama_kepala_dinas'
    | 'nip_kepala_dinas'
    | 'nama_bupati'
    | 'pengesah_sama_dengan_kepala_dinas'
    | 'nama_pengesah'
    | 'nip_pengesah'
    | 'logo_image_id'
  >
>;

/** Writes fields of a district profile (the row exists: ensureDistrictProfile). */
export async function updateDistrictProfile(tx: Db, kab: string, change: DistrictProfileChange, userId: number): Promise<void> {
  await tx
    .updateTable('district_profiles')
    .set({ ...change, updated_at: new Date(), updated_by: userId })
    .where('kab_code', '=', kab)
    .execute();
}

/** Metadata of a stored image, or undefined. */
export async function findImageMeta(db: Db, id: number): Promise<ImageMetaRow | undefined> {
  return db.selectFrom('images as i').select(IMAGE_META).where('i.id', '=', id).executeTakeFirst();
}

/** The logo of a district with its bytes, or undefined when it has none. */
export async function findDistrictLogo(db: Db, kab: string): Promise<ImageRow | undefined> {
  return db
    .selectFrom('district_profiles as p')
    .innerJoin('images as i', 'i.id', 'p.logo_image_id')
    .select([...IMAGE_META, 'i.data'])
    .where('p.kab_code', '=', kab)
    .executeTakeFirst();
}

/** Stores a checked, re-encoded image (a profile image or an MoU scan); returns its metadata. */
export async function insertImage(tx: Db, image: NewImage, userId: number | null): Promise<ImageMetaRow> {
  return tx
    .insertInto('images')
    .values({
      content_type: image.contentType,
      width: image.width,
      height: image.height,
      byte_size: image.data.length,
      sha256: image.sha256,
      data: image.data,
      created_by: userId,
    })
    .returning(['id', 'content_type', 'width', 'height', 'byte_size', 'sha256', 'updated_at'])
    .executeTakeFirstOrThrow();
}

/** Deletes a stored image (one that nothing references any more). */
export async function deleteImage(tx: Db, id: number): Promise<void> {
  await tx.deleteFrom('images').where('id', '=', id).execute();
}

export interface UserProfileRow {
  user_id: number;
  username: string;
  name: string;
  nomor_hp: string | null;
  email: string | null;
  photo_image_id: number | null;
  updated_at: Date | null;
}

/** A user's account name and profile (profile fields null before its first save). */
export async function findUserProfile(db: Db, userId: number, lock = false): Promise<UserProfileRow | undefined> {
  let q = db
    .selectFrom('users as u')
    .leftJoin('user_profiles as p', 'p.user_id', 'u.id')
    .select(['u.id as user_id', 'u.username', 'u.name', 'p.nomor_hp', 'p.email', 'p.photo_image_id', 'p.updated_at'])
    .where('u.id', '=', userId);
  if (lock) q = q.forUpdate('u');
  return q.executeTakeFirst();
}

/** Creates the empty profile row of a user if there is none. */
export async function ensureUserProfile(tx: Db, userId: number): Promise<void> {
  await tx
    .insertInto('user_profiles')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** Writes a user's profile fields (the row exists: ensureUserProfile). */
export async function updateUserProfile(
  tx: Db,
  userId: number,
  change: { nomor_hp?: string | null; email?: string | null; photo_image_id?: number | null },
): Promise<void> {
  await tx
    .updateTable('user_profiles')
    .set({ ...change, updated_at: new Date() })
    .where('user_id', '=', userId)
    .execute();
}

/** Renames a user (Nama Pengguna is the account's name, shown in the header and the logs). */
export async function updateUserName(tx: Db, userId: number, name: string): Promise<void> {
  forgetActors(tx); // the header shows the actor's name
  await tx.updateTable('users').set({ name, updated_at: new Date() }).where('id', '=', userId).execute();
}

/** A user's photo with its bytes, or undefined when there is none. */
export async function findUserPhoto(db: Db, userId: number): Promise<ImageRow | undefined> {
  return db
    .selectFrom('user_profiles as p')
    .innerJoin('images as i', 'i.id', 'p.photo_image_id')
    .select([...IMAGE_META, 'i.data'])
    .where('p.user_id', '=', userId)
    .executeTakeFirst();
}

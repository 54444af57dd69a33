// Profil (F4): the district profile (Profil Instansi, Profil Pengesahan, logo) that the Surat
// Pengesahan (F8) is generated from, and each user's own profile (Profil Pengguna, photo).
import { type AuditEntryInput, recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { allows, assertCan } from '../../platform/policy.ts';
import { assertRegionInScope, regionInScope, type Actor } from '../../platform/scope.ts';
import { logRegionOf } from '../access/index.ts';
import { processImage } from '../../platform/images.ts';
import * as q from './profiles.queries.ts';
import type { InstansiInput, PengesahanInput, PenggunaInput } from '../../../shared/api/profiles.ts';

/** A stored image as the API describes it; `url` serves it (and changes when the image does). */
export interface ImageMeta {
  contentType: q.ImageContentType;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  updatedAt: string;
  url: string;
}

/** The signing official of the letter: the Kepala Dinas when "Sama dengan Kepala Dinas?". */
export interface Pengesah {
  nama: string | null;
  nip: string | null;
}

/** The district profile as the API answers it. */
export interface DistrictProfile {
  kab: { code: string; name: string };
  instansi: {
    namaInstansi: string | null;
    alamat: string | null;
    nomorTelepon: string | null;
    namaKepalaDinas: string | null;
    nipKepalaDinas: string | null;
    namaBupati: string | null;
  };
  pengesahan: { samaDenganKepalaDinas: boolean; nama: string | null; nip: string | null };
  /** Who signs the letter, resolved. */
  pengesah: Pengesah;
  logo: ImageMeta | null;
  updatedAt: string | null;
  /** Whether the caller may change it (its own district's supervisor, or Pusdatin). */
  canEdit: boolean;
}

/** The user's own profile as the API answers it. */
export interface UserProfile {
  username: string;
  nama: string;
  nomorHp: string | null;
  email: string | null;
  photo: ImageMeta | null;
  updatedAt: string | null;
}

/** Who signs a district's letter: the Kepala Dinas when the profile says "sama", else the pengesah. */
export function resolvePengesah(
  row: Pick<
    q.DistrictProfileRow,
    'pengesah_sama_dengan_kepala_dinas' | 'nama_kepala_dinas' | 'nip_kepala_dinas' | 'nama_pengesah' | 'nip_pengesah'
  >,
): Pengesah {
  return row.pengesah_sama_dengan_kepala_dinas
    ? { nama: row.nama_kepala_dinas, nip: row.nip_kepala_dinas }
    : { nama: row.nama_pengesah, nip: row.nip_pengesah };
}

// The `v` parameter only makes the URL change with the image, so a browser never shows a stale one.
const logoUrl = (kab: string, sha256: string) => `/api/v1/district-profiles/${kab}/logo?v=${sha256.slice(0, 16)}`;
const photoUrl = (sha256: string) => `/api/v1/me/photo?v=${sha256.slice(0, 16)}`;

function presentImage(i: q.ImageMetaRow, url: string): ImageMeta {
  return {
    contentType: i.content_type,
    width: i.width,
    height: i.height,
    bytes: i.byte_size,
    sha256: i.sha256,
    updatedAt: i.updated_at.toISOString(),
    url,
  };
}

// ---- who may do what ----------------------------------------------------------------------------

/** Whether the actor may change district `kab`'s profile: a role that edits profiles, within its scope. */
function mayEditDistrict(actor: Actor, kab: string): boolean {
  return allows(actor, 'profile:district') && regionInScope(actor, kab);
}

// A district outside the scope, or a code that is no kabupaten/kota, is "not found" alike.
async function readableDistrict(ctx: AppContext, actor: Actor, kab: string) {
  assertRegionInScope(actor, kab);
  const region = await q.findKabupaten(ctx.database.db, kab);
  if (!region) throw notFound();
  return region;
}

// A role that does not edit profiles (a province, Ditjen PFM, an operator) is refused whatever the
// district; one that does edits the districts of its scope only ("not found" elsewhere).
async function editableDistrict(ctx: AppContext, actor: Actor, kab: string) {
  assertCan(actor, 'profile:district');
  return readableDistrict(ctx, actor, kab);
}

// ---- district profile ---------------------------------------------------------------------------

async function presentDistrict(ctx: AppContext, actor: Actor, region: { code: string; name: string }): Promise<DistrictProfile> {
  const { db } = ctx.database;
  const row = await q.findDistrictProfile(db, region.code);
  const logo = row?.logo_image_id != null ? await q.findImageMeta(db, row.logo_image_id) : undefined;
  return {
    kab: { code: region.code, name: region.name },
    instansi: {
      namaInstansi: row?.nama_instansi ?? null,
      alamat: row?.alamat ?? null,
      nomorTelepon: row?.nomor_telepon ?? null,
      namaKepalaDinas: row?.nama_kepala_dinas ?? null,
      nipKepalaDinas: row?.nip_kepala_dinas ?? null,
      namaBupati: row?.nama_bupati ?? null,
    },
    pengesahan: {
      samaDenganKepalaDinas: row?.pengesah_sama_dengan_kepala_dinas ?? true,
      nama: row?.nama_pengesah ?? null,
      nip: row?.nip_pengesah ?? null,
    },
    pengesah: row ? resolvePengesah(row) : { nama: null, nip: null },
    logo: logo ? presentImage(logo, logoUrl(region.code, logo.sha256)) : null,
    updatedAt: row?.updated_at.toISOString() ?? null,
    canEdit: mayEditDistrict(actor, region.code),
  };
}

/** The profile of district `kab` (empty before its first save); "not found" outside the scope. */
export async function getDistrictProfile(ctx: AppContext, actor: Actor, kab: string): Promise<DistrictProfile> {
  const region = await readableDistrict(ctx, actor, kab);
  return presentDistrict(ctx, actor, region);
}

// Names of the fields a save changed, for the log entry (values stay in the profile itself).
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => before[k] !== after[k]);
}

type LogEntry = Pick<AuditEntryInput, 'action' | 'text' | 'details'>;

// A change of a district's profile, logged under the district.
function logDistrict(tx: Db, actor: Actor, kab: string, entry: LogEntry) {
  return recordAudit(tx, { actor: { id: actor.userId, username: actor.username }, ...entry, subject: kab, regionCode: kab });
}

// A change of the caller's own profile, logged under the caller's name and region.
function logOwn(tx: Db, actor: Actor, entry: LogEntry) {
  return recordAudit(tx, {
    actor: { id: actor.userId, username: actor.username },
    ...entry,
    subject: actor.username,
    regionCode: logRegionOf(actor),
  });
}

// One save of a district's profile fields: the row is made on the first save, locked, changed
// and logged with the names of the fields that changed.
async function saveDistrict(
  ctx: AppContext,
  actor: Actor,
  kab: string,
  change: q.DistrictProfileChange,
  log: LogEntry,
): Promise<DistrictProfile> {
  const region = await editableDistrict(ctx, actor, kab);
  await ctx.database.transaction(async (tx) => {
    await q.ensureDistrictProfile(tx, kab);
    const before = await q.lockDistrictProfile(tx, kab);
    await q.updateDistrictProfile(tx, kab, change, actor.userId);
    await logDistrict(tx, actor, kab, { ...log, details: { changed: changedFields({ ...before }, change), ...log.details } });
  });
  return presentDistrict(ctx, actor, region);
}

/** Saves Profil Instansi of district `kab` (its supervisor, or Pusdatin), as the route's schema checked it; one log entry. */
export async function updateDistrictInstansi(ctx: AppContext, actor: Actor, kab: string, v: InstansiInput): Promise<DistrictProfile> {
  const change = {
    nama_instansi: v.namaInstansi,
    alamat: v.alamat,
    nomor_telepon: v.nomorTelepon,
    nama_kepala_dinas: v.namaKepalaDinas,
    nip_kepala_dinas: v.nipKepalaDinas,
    nama_bupati: v.namaBupati,
  };
  return saveDistrict(ctx, actor, kab, change, {
    action: 'UPDATE_DISTRICT_PROFILE',
    text: { id: 'Memperbarui Profil Instansi', en: 'Updated the institution profile' },
  });
}

/** Saves Profil Pengesahan of district `kab` (its supervisor, or Pusdatin), as the route's schema checked it; one log entry. */
export async function updateDistrictPengesahan(ctx: AppContext, actor: Actor, kab: string, v: PengesahanInput): Promise<DistrictProfile> {
  const change = { pengesah_sama_dengan_kepala_dinas: v.samaDenganKepalaDinas, nama_pengesah: v.nama, nip_pengesah: v.nip };
  return saveDistrict(ctx, actor, kab, change, {
    action: 'UPDATE_DISTRICT_APPROVAL',
    text: { id: 'Memperbarui Profil Pengesahan', en: 'Updated the approval profile' },
    details: { samaDenganKepalaDinas: v.samaDenganKepalaDinas },
  });
}

// What the log keeps of a stored image (never its bytes).
function imageDetails(stored: q.ImageMetaRow) {
  return { contentType: stored.content_type, width: stored.width, height: stored.height, bytes: stored.byte_size, sha256: stored.sha256 };
}

/**
 * Replaces the logo of district `kab` (its supervisor, or Pusdatin). `read` is called only after
 * the caller is known to be allowed, so a refused upload is never read.
 */
export async function uploadDistrictLogo(ctx: AppContext, actor: Actor, kab: string, read: () => Promise<Buffer>): Promise<ImageMeta> {
  await editableDistrict(ctx, actor, kab);
  // Decoding is CPU work: done before the transaction, so no connection waits on it.
  const image = await processImage(await read());
  return ctx.database.transaction(async (tx) => {
    await q.ensureDistrictProfile(tx, kab);
    const before = await q.lockDistrictProfile(tx, kab);
    const stored = await q.insertImage(tx, image, actor.userId);
    await q.updateDistrictProfile(tx, kab, { logo_image_id: stored.id }, actor.userId);
    if (before.logo_image_id !== null) await q.deleteImage(tx, before.logo_image_id);
    await logDistrict(tx, actor, kab, {
      action: 'UPLOAD_DISTRICT_LOGO',
      text: { id: 'Mengunggah logo Kabupaten/Kota', en: 'Uploaded the district logo' },
      details: imageDetails(stored),
    });
    return presentImage(stored, logoUrl(kab, stored.sha256));
  });
}

/** The logo of district `kab` with its bytes; "not found" outside the scope or when there is none. */
export async function getDistrictLogo(ctx: AppContext, actor: Actor, kab: string): Promise<q.ImageRow> {
  await readableDistrict(ctx, actor, kab);
  const logo = await q.findDistrictLogo(ctx.database.db, kab);
  if (!logo) throw notFound();
  return logo;
}

/** What the Surat Pengesahan (F8) prints of a district, with the logo's bytes; no scope check (the caller's job). */
export async function districtLetterProfile(ctx: AppContext, kab: string) {
  const { db } = ctx.database;
  const region = await q.findKabupaten(db, kab);
  if (!region) throw notFound();
  const row = await q.findDistrictProfile(db, kab);
  const logo = row ? await q.findDistrictLogo(db, kab) : undefined;
  return {
    kab: region,
    namaInstansi: row?.nama_instansi ?? null,
    alamat: row?.alamat ?? null,
    nomorTelepon: row?.nomor_telepon ?? null,
    namaBupati: row?.nama_bupati ?? null,
    kepalaDinas: { nama: row?.nama_kepala_dinas ?? null, nip: row?.nip_kepala_dinas ?? null },
    pengesah: row ? resolvePengesah(row) : { nama: null, nip: null },
    logo: logo ? { contentType: logo.content_type, width: logo.width, height: logo.height, data: logo.data, sha256: logo.sha256 } : null,
  };
}

// ---- user profile -------------------------------------------------------------------------------

async function presentUser(ctx: AppContext, actor: Actor): Promise<UserProfile> {
  const { db } = ctx.database;
  const row = await q.findUserProfile(db, actor.userId);
  if (!row) throw notFound();
  const photo = row.photo_image_id != null ? await q.findImageMeta(db, row.photo_image_id) : undefined;
  return {
    username: row.username,
    nama: row.name,
    nomorHp: row.nomor_hp,
    email: row.email,
    photo: photo ? presentImage(photo, photoUrl(photo.sha256)) : null,
    updatedAt: row.updated_at?.toISOString() ?? null,
  };
}

/** The caller's own profile (Profil Pengguna). */
export async function getMyProfile(ctx: AppContext, actor: Actor): Promise<UserProfile> {
  return presentUser(ctx, actor);
}

// The caller's own profile row, made on its first save and locked for the change.
async function lockOwnProfile(tx: Db, actor: Actor) {
  await q.ensureUserProfile(tx, actor.userId);
  const row = await q.findUserProfile(tx, actor.userId, true);
  if (!row) throw notFound();
  return row;
}

/** Saves the caller's own Profil Pengguna (Nama Pengguna renames the account); one log entry. */
export async function updateMyProfile(ctx: AppContext, actor: Actor, v: PenggunaInput): Promise<UserProfile> {
  await ctx.database.transaction(async (tx) => {
    const before = await lockOwnProfile(tx, actor);
    if (before.name !== v.nama) await q.updateUserName(tx, actor.userId, v.nama);
    await q.updateUserProfile(tx, actor.userId, { nomor_hp: v.nomorHp, email: v.email });
    const after = { name: v.nama, nomor_hp: v.nomorHp, email: v.email };
    await logOwn(tx, actor, {
      action: 'UPDATE_USER_PROFILE',
      text: { id: 'Memperbarui Profil Pengguna', en: 'Updated the user profile' },
      details: { changed: changedFields({ ...before }, after) },
    });
  });
  return presentUser(ctx, actor);
}

/** Replaces the caller's own photo; `read` gives the uploaded bytes. One log entry. */
export async function uploadMyPhoto(ctx: AppContext, actor: Actor, read: () => Promise<Buffer>): Promise<ImageMeta> {
  const image = await processImage(await read());
  return ctx.database.transaction(async (tx) => {
    const before = await lockOwnProfile(tx, actor);
    const stored = await q.insertImage(tx, image, actor.userId);
    await q.updateUserProfile(tx, actor.userId, { photo_image_id: stored.id });
    if (before.photo_image_id !== null) await q.deleteImage(tx, before.photo_image_id);
    await logOwn(tx, actor, {
      action: 'UPLOAD_USER_PHOTO',
      text: { id: 'Mengunggah Foto Profil', en: 'Uploaded the profile photo' },
      details: imageDetails(stored),
    });
    return presentImage(stored, photoUrl(stored.sha256));
  });
}

/** The caller's own photo with its bytes; "not found" when there is none. */
export async function getMyPhoto(ctx: AppContext, actor: Actor): Promise<q.ImageRow> {
  const photo = await q.findUserPhoto(ctx.database.db, actor.userId);
  if (!photo) throw notFound();
  return photo;
}

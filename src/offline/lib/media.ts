// Photos from the field (issue 15, siks-format.md 3): taken with the camera or chosen as a file,
// scaled in the browser to at most 1600 px and re-encoded as JPEG under 2 MiB (re-encoding drops
// every EXIF field, the location included), named by their SHA-256 and kept in IndexedDB (`media`)
// until they go into a package as `media/<sha256>.jpg`.

import { MEDIA_TAGS } from '../../shared/api/proposal-line.ts';
import { LIMITS } from '../../shared/siks/zip-reader.ts';
import { STORES, get, transact } from './db.ts';

export type MediaTag = (typeof MEDIA_TAGS)[number];
export { MEDIA_TAGS };

/** A photo as a proposal refers to it (siks-format.md 3.2 `media`). */
export interface MediaRef {
  sha256: string;
  tag: MediaTag;
}

/** A photo as the `media` store keeps it (key sha256). */
export interface MediaRecord {
  sha256: string;
  type: 'image/jpeg' | 'image/png';
  size: number;
  bytes: Uint8Array;
  createdAt: string;
}

/** Longest side of a photo after scaling. */
export const MAX_SIDE = 1600;
/** Largest photo a package may carry (siks-format.md 3: a media entry at most 2 MiB). */
export const MAX_MEDIA_BYTES = LIMITS.media;
/** Most photos a package may carry (siks-format.md 3). */
export const MAX_MEDIA_PER_PACKAGE = LIMITS.maxMedia;
/** JPEG qualities tried in turn until the photo fits under MAX_MEDIA_BYTES. */
export const QUALITY_STEPS = [0.85, 0.75, 0.65, 0.55, 0.45, 0.35] as const;

/** The ZIP entry of a photo: `media/<sha256>.jpg` or `.png`. */
export function mediaEntryName(sha256: string, type: MediaRecord['type']): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return `media/${sha256}.${type === 'image/png' ? 'png' : 'jpg'}`;
}

/** The size of a photo scaled so that its longest side is at most `max` (never enlarged). */
export function scaledSize(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Lowercase hex SHA-256 of bytes (Web Crypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A reference added to a list: a photo already there with the same tag is not added twice. */
export function withMedia(list: readonly MediaRef[], ref: MediaRef): MediaRef[] {
  return list.some((m) => m.sha256 === ref.sha256 && m.tag === ref.tag) ? [...list] : [...list, ref];
}

/** The distinct photos that proposals refer to, in order of first reference. */
export function referencedMedia(proposals: readonly { media?: readonly MediaRef[] }[]): string[] {
  const out = new Set<string>();
  for (const p of proposals) for (const m of p.media ?? []) out.add(m.sha256);
  return [...out];
}

/**
 * What a package of these proposals would carry: the photos (each once) with their total bytes.
 * Throws when a photo is missing from the store, too large, or when there are too many for one
 * package: a package that breaks siks-format.md 3 must never be written.
 */
export function packageMedia(
  proposals: readonly { media?: readonly MediaRef[] }[],
  stored: ReadonlyMap<string, Pick<MediaRecord, 'sha256' | 'type' | 'size'>>,
): { entries: { name: string; sha256: string }[]; bytes: number } {
  const shas = referencedMedia(proposals);
  if (shas.length > MAX_MEDIA_PER_PACKAGE) throw new Error(`${shas.length} photos: a package carries at most ${MAX_MEDIA_PER_PACKAGE}`);
  let bytes = 0;
  const entries = shas.map((sha256) => {
    const r = stored.get(sha256);
    if (!r) throw new Error(`photo ${sha256} is not stored on this device`);
    if (r.size > MAX_MEDIA_BYTES) throw new Error(`photo ${sha256} is larger than 2 MiB`);
    bytes += r.size;
    return { name: mediaEntryName(sha256, r.type), sha256 };
  });
  return { entries, bytes };
}

/** "1,2 MB"-style size for the screens. */
export function formatBytes(n: number, lang: 'id' | 'en'): string {
  const fmt = (v: number, digits: number) =>
    new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: digits }).format(v);
  if (n < 1024) return `${fmt(n, 0)} B`;
  if (n < 1024 * 1024) return `${fmt(n / 1024, 0)} KB`;
  return `${fmt(n / 1024 / 1024, 1)} MB`;
}

// --- Browser parts: decoding, scaling and encoding (canvas), IndexedDB ---------------------------

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

function encodeJpeg(canvas: Canvas, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the photo'))), 'image/jpeg', quality),
  );
}

/**
 * A camera photo or image file as the package carries it: turned upright, scaled to at most
 * MAX_SIDE, re-encoded as JPEG (no EXIF, no location) at the highest quality of QUALITY_STEPS
 * that stays under MAX_MEDIA_BYTES; smaller again if even the lowest does not.
 */
export async function preparePhoto(file: Blob): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    let { width, height } = scaledSize(bitmap.width, bitmap.height);
    for (;;) {
      const canvas = canvasOf(width, height);
      const g = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
      if (!g) throw new Error('no 2D canvas in this browser');
      g.fillStyle = '#fff'; // a transparent PNG becomes white, not black
      g.fillRect(0, 0, width, height);
      g.drawImage(bitmap, 0, 0, width, height);
      for (const q of QUALITY_STEPS) {
        const blob = await encodeJpeg(canvas, q);
        if (blob.size <= MAX_MEDIA_BYTES) return new Uint8Array(await blob.arrayBuffer());
      }
      if (width <= 64 || height <= 64) throw new Error('the photo cannot be made small enough');
      ({ width, height } = { width: Math.round(width * 0.75), height: Math.round(height * 0.75) });
    }
  } finally {
    bitmap.close();
  }
}

/** Prepares a photo and keeps it in the `media` store; answers its record. */
export async function storePhoto(db: IDBDatabase, file: Blob): Promise<MediaRecord> {
  const bytes = await preparePhoto(file);
  const record: MediaRecord = {
    sha256: await sha256Hex(bytes),
    type: 'image/jpeg',
    size: bytes.length,
    bytes,
    createdAt: new Date().toISOString(),
  };
  await transact(db, [STORES.media], 'readwrite', (tx) => {
    tx.objectStore(STORES.media).put(record);
  });
  return record;
}

/** A stored photo, or undefined. */
export function loadPhoto(db: IDBDatabase, sha256: string): Promise<MediaRecord | undefined> {
  return get<MediaRecord>(db, STORES.media, sha256);
}

/** The stored photos of these hashes (those missing are left out). */
export async function loadPhotos(db: IDBDatabase, shas: readonly string[]): Promise<Map<string, MediaRecord>> {
  const out = new Map<string, MediaRecord>();
  for (const sha of shas) {
    const r = await loadPhoto(db, sha);
    if (r) out.set(sha, r);
  }
  return out;
}

// Documents Pusdatin publishes for Beranda (C2, F3): Surat Edaran Mensos, data cut-off BPNT, MoU
// format… PUSDATIN uploads, edits and deletes them; every user reads those visible to a district
// of its scope. The bytes are stored in the database so that several servers share them.
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { isNational } from '../../../shared/roles.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import * as q from './documents.queries.ts';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TITLE_MAX } from '../../../shared/api/vocabulary.ts';

// The upload limit (20 MiB) and the longest title are part of the API contract.
export { DOCUMENT_MAX_BYTES, DOCUMENT_TITLE_MAX };

/** The kinds accepted, with the content type stored and served and the download extension. */
export const DOCUMENT_TYPES = {
  pdf: { contentType: 'application/pdf', ext: 'pdf' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  jpeg: { contentType: 'image/jpeg', ext: 'jpg' },
  png: { contentType: 'image/png', ext: 'png' },
} as const;

export type DocumentKind = keyof typeof DOCUMENT_TYPES;
export type Visibility = 'ALL' | 'DISTRICTS';

/** A district a document is shown to. */
export interface DistrictRef {
  code: string;
  name: string;
}

/** A document as listed (no bytes). */
export interface DocumentSummary {
  id: number;
  title: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  sortOrder: number;
  visibility: Visibility;
  /** Target districts; for readers below national level only those of their own scope. */
  districts: DistrictRef[];
  uploadedAt: string;
  updatedAt: string;
}

/** Metadata of an upload; the bytes come separately. */
export interface DocumentInput {
  title: string;
  /** Position on Beranda (ascending); the next free number when absent. */
  sortOrder?: number;
  visibility: Visibility;
  /** Kabupaten/kota codes (4 digits) when `visibility` is DISTRICTS. */
  districts?: readonly string[];
  /** The name the browser sent; only its stem is kept, cleaned, with the detected extension. */
  filename?: string;
  bytes: Uint8Array;
}

/** What may change on a published document. */
export interface DocumentPatch {
  title?: string;
  sortOrder?: number;
  visibility?: Visibility;
  districts?: readonly string[];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, sig: readonly number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The kind of a file decided by its content, never by its name or the browser's claim: PDF
 * (`%PDF-` header and an `%%EOF` trailer), XLSX (a ZIP whose entries include
 * `[Content_Types].xml` and `xl/workbook.xml`), JPEG or PNG (magic bytes). Null otherwise.
 */
export function detectDocumentKind(bytes: Uint8Array): DocumentKind | null {
  if (startsWith(bytes, ascii('%PDF-'))) {
    // A truncated upload has no trailer; scanners and office suites always write one near the end.
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
    return tail.includes('%%EOF') ? 'pdf' : null;
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE) && startsWith(bytes.subarray(12), ascii('IHDR'))) return 'png';
  // The local header must open the file: a self-extracting EXE has its ZIP at the end.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = new Set<string>();
    try {
      // Only the central directory is read: the filter skips every entry, nothing is inflated.
      unzipSync(bytes, {
        filter: (f) => {
          names.add(f.name);
          return false;
        },
      });
    } catch {
      return null;
    }
    return names.has('[Content_Types].xml') && names.has('xl/workbook.xml') ? 'xlsx' : null;
  }
  return null;
}

/** A download name safe in a header and on any file system: ASCII letters, digits, `._-`, with the detected extension. */
export function safeFilename(original: string | undefined, title: string, kind: DocumentKind): string {
  const clean = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/_{2,}/g, '_')
      .replace(/^[._-]+/, '')
      .slice(0, 100)
      .replace(/[._-]+$/, '');
  const base = (original ?? '').split(/[\\/]/).pop() ?? '';
  const stem = clean(base.replace(/\.[^.]*$/, '')) || clean(title) || 'dokumen';
  return `${stem}.${DOCUMENT_TYPES[kind].ext}`;
}

/** Throws 403 unless the actor may publish documents (PUSDATIN, C2); call it before reading an upload. */
export function assertCanManageDocuments(actor: Actor): void {
  assertCan(actor, 'document:publish');
}

// The district patterns a reader sees documents for (see q.DistrictPatterns).
function readerPatterns(actor: Actor): q.DistrictPatterns {
  if (isNational(actor.role)) return null;
  // A province sees its districts (prefix); a district, kecamatan or desa user its own district.
  return [...new Set(actor.regions.map((r) => (r.length === 2 ? `${r}%` : r.slice(0, 4))))];
}

const auditActorOf = (actor: Actor): AuditActor => ({ id: actor.userId, username: actor.username });

function cleanTitle(title: string | undefined): string {
  const t = (title ?? '').replace(/\s+/g, ' ').trim();
  if (!t) throw new AppError('DOCUMENT_TITLE_REQUIRED');
  if (t.length > DOCUMENT_TITLE_MAX) {
    throw new AppError(
      'VALIDATION',
      { field: 'title' },
      {
        id: `Judul dokumen maksimal ${DOCUMENT_TITLE_MAX} karakter.`,
        en: `The document title may have at most ${DOCUMENT_TITLE_MAX} characters.`,
      },
    );
  }
  return t;
}

function checkSortOrder(n: number | undefined): void {
  if (n !== undefined && !(Number.isSafeInteger(n) && n >= 0 && n <= 1_000_000)) {
    throw new AppError(
      'VALIDATION',
      { field: 'sortOrder' },
      {
        id: 'Nomor urut harus bilangan bulat 0–1.000.000.',
        en: 'The order number must be a whole number 0–1,000,000.',
      },
    );
  }
}

// The target districts, checked to be existing kabupaten/kota.
async function resolveDistricts(db: Db, visibility: Visibility, districts: readonly string[] | undefined): Promise<DistrictRef[]> {
  if (visibility === 'ALL') return [];
  const codes = [...new Set(districts ?? [])].sort();
  if (codes.length === 0) throw new AppError('DOCUMENT_DISTRICTS_REQUIRED');
  const bad = codes.filter((c) => !/^[0-9]{4}$/.test(c));
  const found = bad.length > 0 ? [] : await q.findDistricts(db, codes);
  const missing = bad.length > 0 ? bad : codes.filter((c) => !found.some((f) => f.code === c));
  if (missing.length > 0) throw new AppError('UNKNOWN_REGION', { regions: missing });
  return found;
}

function describeVisibility(districts: readonly DistrictRef[]): { id: string; en: string } {
  if (districts.length === 0) return { id: 'semua kabupaten/kota', en: 'all districts' };
  if (districts.length <= 3) {
    const names = districts.map((d) => d.name).join(', ');
    return { id: names, en: names };
  }
  // A long list would swamp Logs History; the details of the entry keep every code.
  return {
    id: `${districts.length.toLocaleString('id-ID')} kabupaten/kota`,
    en: `${districts.length.toLocaleString('en-US')} districts`,
  };
}

function summarize(rows: q.DocumentRow[], districts: { document_id: number; code: string; name: string }[]): DocumentSummary[] {
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size_bytes,
    sha256: r.sha256,
    sortOrder: r.sort_order,
    visibility: r.visible_to_all ? 'ALL' : 'DISTRICTS',
    districts: districts.filter((d) => d.document_id === r.id).map((d) => ({ code: d.code, name: d.name })),
    uploadedAt: r.uploaded_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** The documents visible to the actor (PUSDATIN/PFM: all; others: for all districts or one of theirs), in Beranda order. */
export async function listDocuments(ctx: AppContext, actor: Actor): Promise<DocumentSummary[]> {
  const db = ctx.database.db;
  const patterns = readerPatterns(actor);
  const rows = await q.listDocuments(db, patterns);
  const districts = await q.listDocumentDistricts(
    db,
    rows.filter((r) => !r.visible_to_all).map((r) => r.id),
    patterns,
  );
  return summarize(rows, districts);
}

/** Publishes a document as `by` without a role check (CLI, seeding); uploadDocument is the checked entry. */
export async function publishDocument(ctx: AppContext, by: AuditActor, input: DocumentInput): Promise<DocumentSummary> {
  const title = cleanTitle(input.title);
  checkSortOrder(input.sortOrder);
  if (input.bytes.length === 0) throw new AppError('DOCUMENT_FILE_REQUIRED');
  if (input.bytes.length > DOCUMENT_MAX_BYTES) throw new AppError('DOCUMENT_TOO_LARGE', { maxBytes: DOCUMENT_MAX_BYTES });
  const kind = detectDocumentKind(input.bytes);
  if (!kind) throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED');
  const districts = await resolveDistricts(ctx.database.db, input.visibility, input.districts);
  const filename = safeFilename(input.filename, title, kind);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');

  const id = await ctx.database.transaction(async (tx) => {
    const newId = await q.insertDocument(tx, {
      title,
      filename,
      content_type: DOCUMENT_TYPES[kind].contentType,
      size_bytes: input.bytes.length,
      sha256,
      content: input.bytes,
      sort_order: input.sortOrder ?? (await q.nextSortOrder(tx)),
      visible_to_all: districts.length === 0,
      uploaded_by: by.id,
    });
    await q.replaceDocumentDistricts(
      tx,
      newId,
      districts.map((d) => d.code),
    );
    const shownTo = describeVisibility(districts);
    await recordAudit(tx, {
      actor: by,
      action: 'DOCUMENT_UPLOAD',
      text: {
        id: `Mengunggah dokumen "${title}" untuk ${shownTo.id}`,
        en: `Uploaded document "${title}" for ${shownTo.en}`,
      },
      subject: `document:${newId}`,
      regionCode: null,
      details: {
        id: newId,
        filename,
        contentType: DOCUMENT_TYPES[kind].contentType,
        size: input.bytes.length,
        sha256,
        districts: districts.map((d) => d.code),
      },
    });
    return newId;
  });
  const row = await q.findDocument(ctx.database.db, id, null);
  return summarize(
    [row!],
    districts.map((d) => ({ document_id: id, ...d })),
  )[0]!;
}

/** Uploads a document (PUSDATIN only): type by content, at most 20 MiB, one audit entry. */
export async function uploadDocument(ctx: AppContext, actor: Actor, input: DocumentInput): Promise<DocumentSummary> {
  assertCanManageDocuments(actor);
  return publishDocument(ctx, auditActorOf(actor), input);
}

/** Changes title, order or visibility of a document (PUSDATIN only); one audit entry. */
export async function updateDocument(ctx: AppContext, actor: Actor, id: number, patch: DocumentPatch): Promise<DocumentSummary> {
  assertCanManageDocuments(actor);
  const title = patch.title === undefined ? undefined : cleanTitle(patch.title);
  checkSortOrder(patch.sortOrder);
  if (patch.districts !== undefined && patch.visibility === undefined) {
    throw new AppError(
      'VALIDATION',
      { field: 'visibility' },
      {
        id: 'Sertakan visibility bersama daftar kabupaten/kota.',
        en: 'Send visibility together with the list of districts.',
      },
    );
  }
  const districts = patch.visibility === undefined ? undefined : await resolveDistricts(ctx.database.db, patch.visibility, patch.districts);

  await ctx.database.transaction(async (tx) => {
    const doc = await q.lockDocument(tx, id);
    if (!doc) throw notFound();
    await q.updateDocumentRow(tx, id, {
      title,
      sort_order: patch.sortOrder,
      visible_to_all: districts === undefined ? undefined : districts.length === 0,
    });
    if (districts !== undefined) {
      await q.replaceDocumentDistricts(
        tx,
        id,
        districts.map((d) => d.code),
      );
    }
    const changes: { id: string[]; en: string[] } = { id: [], en: [] };
    if (title !== undefined && title !== doc.title) {
      changes.id.push(`judul menjadi "${title}"`);
      changes.en.push(`title to "${title}"`);
    }
    if (patch.sortOrder !== undefined) {
      changes.id.push(`nomor urut ${patch.sortOrder}`);
      changes.en.push(`order number ${patch.sortOrder}`);
    }
    if (districts !== undefined) {
      const shownTo = describeVisibility(districts);
      changes.id.push(`tampil untuk ${shownTo.id}`);
      changes.en.push(`shown to ${shownTo.en}`);
    }
    const suffix = (parts: string[]) => (parts.length ? `: ${parts.join(', ')}` : '');
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'DOCUMENT_UPDATE',
      text: {
        id: `Mengubah dokumen "${doc.title}"${suffix(changes.id)}`,
        en: `Changed document "${doc.title}"${suffix(changes.en)}`,
      },
      subject: `document:${id}`,
      regionCode: null,
      details: { id, title, sortOrder: patch.sortOrder, districts: districts?.map((d) => d.code) },
    });
  });
  const [doc] = (await listDocuments(ctx, actor)).filter((d) => d.id === id);
  return doc!;
}

/** Deletes a document (PUSDATIN only); one audit entry. */
export async function deleteDocument(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCanManageDocuments(actor);
  await ctx.database.transaction(async (tx) => {
    const doc = await q.lockDocument(tx, id);
    if (!doc) throw notFound();
    await q.deleteDocumentRow(tx, id);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'DOCUMENT_DELETE',
      text: { id: `Menghapus dokumen "${doc.title}"`, en: `Deleted document "${doc.title}"` },
      subject: `document:${id}`,
      regionCode: null,
      details: { id },
    });
  });
}

/** The stored bytes of a document visible to the actor; 404 when it does not exist or is not visible. */
export async function readDocumentContent(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  const row = await q.findDocumentContent(ctx.database.db, id, readerPatterns(actor));
  if (!row) throw notFound();
  return { filename: row.filename, contentType: row.content_type, bytes: row.content };
}

// SQL of the documents module (migrations/0007_create_documents_and_quotas.sql).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { DocumentContentType } from '../../platform/db-schema.ts';

/**
 * Which documents a reader may see: null = all (national roles); otherwise LIKE patterns over
 * district codes (`31%` for a province, `3174` for a district or anything inside it).
 */
export type DistrictPatterns = readonly string[] | null;

/** A document without its bytes. */
export interface DocumentRow {
  id: number;
  title: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  sort_order: number;
  visible_to_all: boolean;
  uploaded_at: Date;
  updated_at: Date;
}

const META = [
  'd.id',
  'd.title',
  'd.filename',
  'd.content_type',
  'd.size_bytes',
  'd.sha256',
  'd.sort_order',
  'd.visible_to_all',
  'd.uploaded_at',
  'd.updated_at',
] as const;

// Visible to all districts, or to one of the reader's districts.
function visibleTo(patterns: DistrictPatterns): Expression<SqlBool> {
  if (patterns === null) return sql<SqlBool>`true`;
  return sql<SqlBool>`(d.visible_to_all or exists (
    select 1 from document_regions dr where dr.document_id = d.id and dr.region_code like any(${[...patterns]}::text[])))`;
}

/** Documents visible to `patterns`, in their publication order. */
export function listDocuments(db: Db, patterns: DistrictPatterns): Promise<DocumentRow[]> {
  return db.selectFrom('documents as d').select(META).where(visibleTo(patterns)).orderBy('d.sort_order').orderBy('d.id').execute();
}

/** One document's metadata when it exists and is visible to `patterns`. */
export function findDocument(db: Db, id: number, patterns: DistrictPatterns): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents as d').select(META).where('d.id', '=', id).where(visibleTo(patterns)).executeTakeFirst();
}

/** One document with its bytes when it exists and is visible to `patterns`. */
export function findDocumentContent(db: Db, id: number, patterns: DistrictPatterns) {
  return db
    .selectFrom('documents as d')
    .select(['d.filename', 'd.content_type', 'd.size_bytes', 'd.content'])
    .where('d.id', '=', id)
    .where(visibleTo(patterns))
    .executeTakeFirst();
}

/** Target districts (code, name) of the given documents, limited to `patterns`. */
export function listDocumentDistricts(db: Db, ids: readonly number[], patterns: DistrictPatterns) {
  if (ids.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('document_regions as dr')
    .innerJoin('regions as r', 'r.code', 'dr.region_code')
    .select(['dr.document_id', 'dr.region_code as code', 'r.name'])
    .where('dr.document_id', 'in', [...ids]);
  if (patterns !== null) q = q.where(sql<SqlBool>`dr.region_code like any(${[...patterns]}::text[])`);
  return q.orderBy('dr.document_id').orderBy('dr.region_code').execute();
}

/** Which of `codes` are kabupaten/kota, with their names. */
export function findDistricts(db: Db, codes: readonly string[]): Promise<{ code: string; name: string }[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .where('level', '=', 'kabkota')
    .orderBy('code')
    .execute();
}

/** The next free order number: one after the highest. */
export async function nextSortOrder(db: Db): Promise<number> {
  const r = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .executeTakeFirst();
  return (r?.max ?? 0) + 1;
}

export interface NewDocumentRow {
  title: string;
  filename: string;
  content_type: DocumentContentType;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  sort_order: number;
  visible_to_all: boolean;
  uploaded_by: number | null;
}

/** Inserts a document; returns its id. */
export async function insertDocument(tx: Db, row: NewDocumentRow): Promise<number> {
  const r = await tx.insertInto('documents').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Replaces the target districts of a document. */
export async function replaceDocumentDistricts(tx: Db, id: number, codes: readonly string[]): Promise<void> {
  await tx.deleteFrom('document_regions').where('document_id', '=', id).execute();
  if (codes.length > 0)
    await tx
      .insertInto('document_regions')
      .values(codes.map((region_code) => ({ document_id: id, region_code })))
      .execute();
}

/** Updates the editable metadata of a document. */
export async function updateDocumentRow(
  tx: Db,
  id: number,
  patch: { title?: string; sort_order?: number; visible_to_all?: boolean },
): Promise<void> {
  await tx
    .updateTable('documents')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Deletes a document (its district rows go with it). */
export async function deleteDocumentRow(tx: Db, id: number): Promise<void> {
  await tx.deleteFrom('documents').where('id', '=', id).execute();
}

/** Locks a document row for a change in `tx`; undefined when it does not exist. */
export function lockDocument(tx: Db, id: number): Promise<{ id: number; title: string } | undefined> {
  return tx.selectFrom('documents').select(['id', 'title']).where('id', '=', id).forUpdate().executeTakeFirst();
}

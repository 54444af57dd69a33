// Client calls of Beranda's extra parts and of the documents admin page: published documents
// (C2), Logs History (F15). Built on request() of client.ts, so errors, language and the CSRF
// header behave as for every other call.
import type { AuditItemSchema, AuditQuerySchema } from '../../shared/api/audit.ts';
import type { Page, Wire } from '../../shared/api/common.ts';
import type { DocumentPatchSchema, DocumentSchema, DocumentVisibilitySchema } from '../../shared/api/documents.ts';
import { queryString, request } from './client.ts';

/** The upload limit of the server (20 MiB), checked before sending to spare a long upload. */
export { DOCUMENT_MAX_BYTES } from '../../shared/api/vocabulary.ts';

export type DocumentVisibility = Wire<typeof DocumentVisibilitySchema>;
/** A published document as the API lists it. */
export type DocumentItem = Wire<typeof DocumentSchema>;
export type DocumentPatch = Wire<typeof DocumentPatchSchema>;
/** One line of Logs History: the text is already in the user's language. */
export type AuditItem = Wire<typeof AuditItemSchema>;
export type AuditQuery = Wire<typeof AuditQuerySchema>;

/** The upload form: the text fields of the API's multipart form, and the file. */
export interface DocumentUpload {
  title: string;
  sortOrder?: number;
  visibility: DocumentVisibility;
  districts: string[];
  file: File;
}

/** What the file picker offers; the server decides by content anyway. */
export const DOCUMENT_ACCEPT =
  '.pdf,.xlsx,.jpg,.jpeg,.png,application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,image/jpeg,image/png';

/** The address that downloads a document (a plain link: the session cookie authenticates it). */
export function documentDownloadUrl(id: number): string {
  return `/api/v1/documents/${encodeURIComponent(String(id))}/content`;
}

/** Short label of a content type: PDF, XLSX, JPEG, PNG. */
export function documentKindLabel(contentType: string): string {
  if (contentType === 'application/pdf') return 'PDF';
  if (contentType.includes('spreadsheetml')) return 'XLSX';
  if (contentType === 'image/jpeg') return 'JPEG';
  if (contentType === 'image/png') return 'PNG';
  return contentType;
}

export const documentsApi = {
  list(signal?: AbortSignal): Promise<DocumentItem[]> {
    return request<{ items: DocumentItem[] }>('GET', '/api/v1/documents', { signal }).then((r) => r.items);
  },

  upload(input: DocumentUpload): Promise<DocumentItem> {
    const form = new FormData();
    // Text fields first, so the server has them before the (large) file part.
    form.append('title', input.title);
    if (input.sortOrder !== undefined) form.append('sortOrder', String(input.sortOrder));
    form.append('visibility', input.visibility);
    if (input.visibility === 'DISTRICTS') form.append('districts', input.districts.join(','));
    form.append('file', input.file, input.file.name);
    return request<DocumentItem>('POST', '/api/v1/documents', { form });
  },

  update(id: number, patch: DocumentPatch): Promise<DocumentItem> {
    return request<DocumentItem>('PATCH', `/api/v1/documents/${id}`, { body: patch });
  },

  remove(id: number): Promise<void> {
    return request<void>('DELETE', `/api/v1/documents/${id}`);
  },

  auditLog(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditItem>> {
    return request<Page<AuditItem>>('GET', `/api/v1/audit${queryString({ ...query })}`, { signal });
  },
};

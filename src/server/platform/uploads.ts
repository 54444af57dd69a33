import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart'; // request.file() and isMultipart() types
import { AppError } from './errors.ts';

// Room for the form's boundaries, headers and text fields around the files themselves.
export const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Refuses an upload whose declared length already exceeds `maxBytes` of files, before a byte of the body is read. */
export function refuseDeclaredOversize(
  req: FastifyRequest,
  maxBytes: number,
  tooLarge: () => AppError,
  overhead = FORM_OVERHEAD_BYTES,
): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + overhead) throw tooLarge();
}

/** The file stream of one multipart part, as @fastify/multipart (busboy) hands it over. */
interface PartFile extends NodeJS.ReadableStream {
  truncated: boolean;
  destroy(error?: Error): void;
}

/**
 * Reads one uploaded file into memory, holding at most `maxBytes`: busboy stops passing bytes at
 * its limit but would read the rest of the part before ending, so the stream is ended at once.
 */
export async function readPartBytes(file: PartFile, maxBytes: number, tooLarge: () => AppError): Promise<Buffer> {
  file.once('limit', () => file.destroy(tooLarge()));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  if (file.truncated) throw tooLarge();
  return Buffer.concat(chunks, size);
}

/** What readOneFileUpload refuses with. */
export interface OneFileErrors {
  /** No multipart body, no `file` field, or an empty file. */
  missing: () => AppError;
  /** Larger than the limit (announced or read). */
  tooLarge: () => AppError;
}

/**
 * The one file of a multipart upload (field `file`), in memory, at most `maxBytes`: an announced
 * oversize is refused before the body is read, a larger file as soon as the limit is crossed.
 */
export async function readOneFileUpload(
  req: FastifyRequest,
  maxBytes: number,
  errors: OneFileErrors,
): Promise<{ filename: string; bytes: Buffer }> {
  refuseDeclaredOversize(req, maxBytes, errors.tooLarge);
  if (typeof req.isMultipart !== 'function' || !req.isMultipart()) throw errors.missing();
  try {
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
    if (part?.fieldname !== 'file') {
      part?.file.resume();
      throw errors.missing();
    }
    const bytes = await readPartBytes(part.file, maxBytes, errors.tooLarge);
    if (bytes.length === 0) throw errors.missing();
    return { filename: part.filename, bytes };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw errors.tooLarge();
    throw errors.missing();
  }
}

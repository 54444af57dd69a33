import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** How a downloaded file is named, typed and cached. */
export interface Attachment {
  fileName: string;
  contentType: string;
  /** `no-store` (the default) for data and logged downloads; `private, no-cache` for files that may be revalidated. */
  cache?: 'no-store' | 'private, no-cache';
}

/**
 * Sends bytes or a stream as a file the browser saves: an attachment with its name, never sniffed
 * (so never run as a page), and not kept in shared caches.
 */
export function sendAttachment(reply: FastifyReply, file: Attachment, body: Buffer | Uint8Array | Readable) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', file.cache ?? 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

// Profile images (district logo, user photo): the upload is read with a hard byte limit, its kind
// is decided from its bytes (magic bytes, then the header as sharp reads it, then a full decode),
// its size in pixels is checked from the header before anything is decoded, and what is stored
// and served is the server's own re-encoding: the same format, auto-rotated, without metadata.
// A polyglot (a PNG carrying a PHP script in a chunk, say) thus loses everything but its pixels.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart'; // request.file() and isMultipart() types
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { IMAGE_MAX_BYTES, IMAGE_MAX_SIDE } from '../../shared/api/vocabulary.ts';
import { AppError } from './errors.ts';
import { readPartBytes, refuseDeclaredOversize } from './uploads.ts';

// The largest upload (2 MiB) and the largest width and height (pixels) are part of the API contract.
export { IMAGE_MAX_BYTES, IMAGE_MAX_SIDE };
// A re-encoding may grow (a JPEG saved at low quality, re-saved at 85): cap what is stored.
const STORED_MAX_BYTES = 8 * 1024 * 1024;
// Room for the multipart boundaries and part headers around the file itself.
const FORM_OVERHEAD_BYTES = 16 * 1024;
// sharp works on the libuv pool; a pathological file must not hold a worker for long.
const ENCODE_TIMEOUT_SECONDS = 20;

export type ImageFormat = 'png' | 'jpeg';

/** An image as stored: the re-encoded bytes and what the server measured of them. */
export interface ProcessedImage {
  contentType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  data: Buffer;
  sha256: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image format the bytes begin with (PNG signature or JPEG SOI marker), if any. */
export function sniffImageFormat(bytes: Buffer): ImageFormat | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

const tooLarge = () => new AppError('IMAGE_TOO_LARGE', { maxBytes: IMAGE_MAX_BYTES });

/**
 * Refuses an upload whose declared length already exceeds the limit, before a byte of the body
 * is read (chunked uploads without a length are caught while reading, by readImageUpload).
 */
export function refuseOversizedUpload(req: FastifyRequest): void {
  refuseDeclaredOversize(req, IMAGE_MAX_BYTES, tooLarge, FORM_OVERHEAD_BYTES);
}

/**
 * Reads the one file of a multipart upload (field `file`), holding at most IMAGE_MAX_BYTES:
 * a larger file is refused with 413 as soon as the limit is crossed, without reading the rest.
 */
export async function readImageUpload(req: FastifyRequest): Promise<Buffer> {
  refuseOversizedUpload(req);
  if (typeof req.isMultipart !== 'function' || !req.isMultipart()) throw new AppError('IMAGE_MISSING');
  // Per-call limits, so this route does not depend on the options the plugin was registered with.
  let part;
  try {
    part = await req.file({ limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 10, parts: 11 } });
  } catch (e) {
    throw mapMultipartError(e);
  }
  if (part?.fieldname !== 'file') {
    part?.file.resume();
    throw new AppError('IMAGE_MISSING');
  }
  let bytes: Buffer;
  try {
    bytes = await readPartBytes(part.file, IMAGE_MAX_BYTES, tooLarge);
  } catch (e) {
    throw mapMultipartError(e);
  }
  if (bytes.length === 0) throw new AppError('IMAGE_MISSING');
  return bytes;
}

// The plugin's own errors (too many parts, a body cut short) in the catalogue's words.
function mapMultipartError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('IMAGE_MISSING');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('IMAGE_MISSING');
  return new AppError('IMAGE_DAMAGED');
}

/**
 * Checks an uploaded file and re-encodes it: JPEG or PNG by content only, at most
 * IMAGE_MAX_SIDE pixels a side (read from the header, before decoding), fully decodable.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  if (bytes.length > IMAGE_MAX_BYTES) throw tooLarge();
  const format = sniffImageFormat(bytes);
  if (!format) throw new AppError('IMAGE_NOT_JPEG_PNG');

  // The header only: a 20000×20000 "decompression bomb" of a few hundred KB stops here, before
  // any pixel is decoded. The limit is off for this call so that the check below is the one that
  // answers, with the image's real size.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('IMAGE_DAMAGED');
  }
  if (meta.format !== format) throw new AppError('IMAGE_NOT_JPEG_PNG');
  const { width, height } = meta;
  if (!width || !height) throw new AppError('IMAGE_DAMAGED');
  if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE) {
    throw new AppError('IMAGE_TOO_MANY_PIXELS', { width, height, maxSide: IMAGE_MAX_SIDE });
  }

  // limitInputPixels again, in case the decoder sees another size than the header promised.
  // failOn 'error' refuses truncated or corrupt data, but tolerates harmless warnings that
  // cameras' files often carry.
  const encode = async (quality: number) => {
    const pipeline = sharp(bytes, {
      limitInputPixels: IMAGE_MAX_SIDE * IMAGE_MAX_SIDE,
      failOn: 'error',
      sequentialRead: true,
    })
      .autoOrient()
      .timeout({ seconds: ENCODE_TIMEOUT_SECONDS });
    // Metadata (EXIF, XMP, ICC, comments, text chunks) is not copied: sharp writes only pixels
    // unless told otherwise. A palette PNG stays a palette PNG, or a logo would triple in size.
    const out =
      format === 'png'
        ? pipeline.png({ compressionLevel: 9, palette: meta.isPalette === true })
        : pipeline.jpeg({ quality, mozjpeg: false });
    return out.toBuffer({ resolveWithObject: true });
  };
  let result: { data: Buffer; info: OutputInfo } | undefined;
  try {
    for (const quality of format === 'jpeg' ? [85, 70, 55] : [100]) {
      result = await encode(quality);
      if (result.data.length <= STORED_MAX_BYTES) break;
    }
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw new AppError('IMAGE_TOO_MANY_PIXELS', { maxSide: IMAGE_MAX_SIDE });
    throw new AppError('IMAGE_DAMAGED');
  }
  if (!result || result.data.length > STORED_MAX_BYTES) throw tooLarge();
  return {
    contentType: format === 'png' ? 'image/png' : 'image/jpeg',
    width: result.info.width,
    height: result.info.height,
    data: result.data,
    sha256: createHash('sha256').update(result.data).digest('hex'),
  };
}

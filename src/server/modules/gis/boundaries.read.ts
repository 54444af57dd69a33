// Reading a boundary file into GeoJSON features: a GeoJSON FeatureCollection (or one Feature), or
// a ZIP holding a Shapefile (.shp with its .dbf attributes, reprojected to WGS84 by its .prj), read
// with shpjs.
import { unzipSync } from 'fflate';
import { parseZip } from 'shpjs';
import { AppError } from '../../platform/errors.ts';

/** A feature as read from a file: its properties and its (unchecked) geometry. */
export interface RawFeature {
  properties: Record<string, unknown> | null;
  geometry: unknown;
}

const unreadable = (reason: string) => new AppError('BOUNDARY_FILE_UNREADABLE', { reason });

function featuresOf(doc: unknown): RawFeature[] {
  const d = doc as { type?: unknown; features?: unknown; properties?: unknown; geometry?: unknown } | null;
  if (d?.type === 'Feature') return [{ properties: (d.properties ?? null) as RawFeature['properties'], geometry: d.geometry }];
  if (d?.type !== 'FeatureCollection' || !Array.isArray(d.features)) throw unreadable('not a GeoJSON FeatureCollection');
  return d.features.map((f: { properties?: unknown; geometry?: unknown } | null) => ({
    properties: (f?.properties ?? null) as RawFeature['properties'],
    geometry: f?.geometry,
  }));
}

// shpjs inflates every entry in memory: a ZIP announcing more than this unpacked is refused
// before anything is inflated (a small ZIP of zeros could otherwise fill the server's memory).
const ZIP_MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/** The unpacked size a ZIP's directory announces, read without inflating anything. */
function unpackedSize(bytes: Uint8Array): number {
  let total = 0;
  unzipSync(bytes, {
    filter: (f) => {
      total += f.originalSize;
      return false;
    },
  });
  return total;
}

const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The features of a boundary file, decided by its bytes (ZIP signature) rather than its name; BOUNDARY_FILE_UNREADABLE otherwise. */
export async function readBoundaryFile(bytes: Uint8Array): Promise<RawFeature[]> {
  if (bytes.length === 0) throw new AppError('BOUNDARY_FILE_REQUIRED');
  if (isZip(bytes)) {
    let parsed: unknown;
    try {
      if (unpackedSize(bytes) > ZIP_MAX_UNPACKED_BYTES)
        throw new AppError('BOUNDARY_FILE_TOO_LARGE', { unpackedMaxBytes: ZIP_MAX_UNPACKED_BYTES });
      parsed = await parseZip(bytes);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unreadable(e instanceof Error ? e.message : 'unreadable ZIP');
    }
    // A ZIP of several layers gives one collection per layer.
    return (Array.isArray(parsed) ? parsed : [parsed]).flatMap(featuresOf);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(
      Buffer.from(bytes)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch {
    throw unreadable('neither JSON nor ZIP');
  }
  return featuresOf(doc);
}

// `siks boundaries load FILE`: Pusdatin's load of region shapes (F14) from a file on this machine.
// Argument parsing and output only; the service is the web page's, run as the machine's
// administrator (CLI_ACTOR).
import fs from 'node:fs';
import path from 'node:path';
import { BOUNDARY_FILE_MAX_BYTES } from '../shared/api/boundaries.ts';
import { loadBoundaries } from '../server/modules/gis/index.ts';
import { CLI_ACTOR, type AppContext } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import type { Io } from './commands.ts';

export const BOUNDARIES_USAGE = `  boundaries load FILE                   load region shapes from a GeoJSON FeatureCollection or a
                                         zipped Shapefile keyed by Kemendagri code (property kode,
                                         code, kode_wilayah, kode_kemendagri or KDEPUM…); prints the
                                         shapes loaded and the unknown codes left out; an invalid
                                         geometry refuses the whole file`;

/** The file argument of `boundaries load` made absolute, so that a command run through the server's control socket finds it. */
export function resolveBoundaryFile(argv: string[], cwd: string): string[] {
  if (argv[0] !== 'boundaries' || argv[1] !== 'load') return argv;
  return argv.map((a, i) => (i >= 2 && !a.startsWith('--') ? path.resolve(cwd, a) : a));
}

/** Runs `siks boundaries load FILE`; returns the exit code (the error catalogue's for a refusal). */
export async function runBoundariesCommand(verb: string, args: string[], ctx: AppContext, io: Io): Promise<number> {
  const file = args[0];
  if (verb !== 'load' || !file || args.length !== 1) return 2;
  if (!fs.existsSync(file))
    throw new AppError('BOUNDARY_FILE_REQUIRED', { file }, { id: `Berkas ${file} tidak ditemukan.`, en: `File ${file} not found.` });
  if (fs.statSync(file).size > BOUNDARY_FILE_MAX_BYTES)
    throw new AppError('BOUNDARY_FILE_TOO_LARGE', { maxBytes: BOUNDARY_FILE_MAX_BYTES });
  const r = await loadBoundaries(ctx, CLI_ACTOR, { fileName: path.basename(file), bytes: fs.readFileSync(file) });
  const levels = Object.entries(r.byLevel)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}`)
    .join(', ');
  io.out(`loaded ${r.loaded} shapes from ${r.source}${levels ? ` (${levels})` : ''}${r.replaced ? `, replacing ${r.replaced}` : ''}`);
  if (r.unknownCodes.length > 0) io.out(`unknown codes, not loaded (${r.unknownCodes.length}): ${r.unknownCodes.join(', ')}`);
  if (r.withoutCode > 0) io.out(`features without a code property, not loaded: ${r.withoutCode}`);
  return 0;
}

// `siks baseline …`: the baseline load (C2) from files on this machine. Argument parsing and output
// only; the services are those of the web page, run as the machine's administrator (CLI_ACTOR).
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { baselineErrorsCsv, confirmBaseline, getBaselineLoad, loadBaseline } from '../server/modules/baseline/index.ts';
import { CLI_ACTOR, type AppContext } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import type { Io } from './commands.ts';

export const BASELINE_USAGE = `  baseline load --kab K --period P [--publish] [--replace] FILE...
                                         load a district's baseline: households.csv and members.csv,
                                         one ZIP of both, or one xlsx; checks every row and prints
                                         the errors; --publish publishes it when it has none, and
                                         --replace is needed when the district already has households
  baseline confirm ID [--replace]        publish a checked load (--replace: replace the district's households)
  baseline errors ID                     print the error report of a load as CSV`;

/** File arguments made absolute, so that a command run through the server's control socket finds them. */
export function resolveBaselineFiles(argv: string[], cwd: string): string[] {
  if (argv[0] !== 'baseline' || argv[1] !== 'load') return argv;
  const out = [...argv];
  for (let i = 2; i < out.length; i++) {
    const a = out[i]!;
    if (a === '--kab' || a === '--period') i++;
    else if (!a.startsWith('--')) out[i] = path.resolve(cwd, a);
  }
  return out;
}

const missingId = () => new AppError('VALIDATION', undefined, { id: 'ID muatan data awal wajib diisi', en: 'The load id is required' });

async function printErrors(ctx: AppContext, id: string, io: Io, limit?: number): Promise<void> {
  const csv = await baselineErrorsCsv(ctx, CLI_ACTOR, id);
  const out = new PassThrough();
  const done = csv.write(out);
  let text = '';
  for await (const chunk of out) text += chunk;
  await done;
  const lines = text.trimEnd().split('\r\n');
  const shown = limit === undefined ? lines : lines.slice(0, limit + 1);
  io.out(shown.join('\n'));
  if (shown.length < lines.length) io.err(`… ${lines.length - shown.length} more: siks baseline errors ${id} > errors.csv`);
}

function summary(l: { id: string; kab: string; period: string; status: string; households: number; members: number; errorCount: number }) {
  return `load ${l.id} (${l.kab}, ${l.period}): ${l.households} households, ${l.members} members, ${l.errorCount} errors: ${l.status}`;
}

/** Runs `siks baseline load|confirm|errors`; returns the exit code. */
export async function runBaselineCommand(verb: string, args: string[], ctx: AppContext, io: Io): Promise<number> {
  if (verb === 'load') {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { kab: { type: 'string' }, period: { type: 'string' }, publish: { type: 'boolean' }, replace: { type: 'boolean' } },
    });
    if (!values.kab || !/^[0-9]{4}$/.test(values.kab)) throw new AppError('UNKNOWN_REGION');
    if (!values.period) throw new AppError('BASELINE_PERIOD_UNKNOWN');
    if (positionals.length === 0) throw new AppError('BASELINE_FILES_MISSING');
    for (const f of positionals)
      if (!fs.existsSync(f))
        throw new AppError('BASELINE_FILES_MISSING', { file: f }, { id: `Berkas ${f} tidak ditemukan.`, en: `File ${f} not found.` });
    const files = positionals.map((f) => ({ name: path.basename(f), stream: fs.createReadStream(f) }));
    const load = await loadBaseline(ctx, CLI_ACTOR, { kab: values.kab, period: values.period, files });
    io.out(summary(load));
    if (load.status !== 'READY') {
      await printErrors(ctx, load.id, io, 20);
      io.err('nothing was published');
      return 2;
    }
    if (!values.publish) {
      io.out(`checked, nothing published yet: siks baseline confirm ${load.id}${load.existingHouseholds > 0 ? ' --replace' : ''}`);
      return 0;
    }
    const done = await confirmBaseline(ctx, CLI_ACTOR, load.id, {
      replace: values.replace === true,
      confirmKab: values.replace ? load.kab : undefined,
    });
    io.out(`published ${done.households} households${done.replacedHouseholds ? `, replacing ${done.replacedHouseholds}` : ''}`);
    return 0;
  }
  if (verb === 'confirm') {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { replace: { type: 'boolean' } } });
    const id = positionals[0];
    if (!id) throw missingId();
    const load = await getBaselineLoad(ctx, CLI_ACTOR, id);
    const done = await confirmBaseline(ctx, CLI_ACTOR, id, {
      replace: values.replace === true,
      confirmKab: values.replace ? load.kab : undefined,
    });
    io.out(`published ${done.households} households${done.replacedHouseholds ? `, replacing ${done.replacedHouseholds}` : ''}`);
    return 0;
  }
  if (verb === 'errors') {
    const id = args[0];
    if (!id) throw missingId();
    await printErrors(ctx, id, io);
    return 0;
  }
  return 2;
}

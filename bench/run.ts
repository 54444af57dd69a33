// `npm run bench`: runs every benchmark of bench/ (each as its own child process, on PostgreSQL through
// scripts/with-postgres.mjs and on the embedded database as each bench supports), collects the JSON
// lines each prints, and prints the table of aims (bench/aims.ts) with the measured figures.
// Small sizes by default (a smoke run of minutes); --full runs the issues' sizes (hours; a quiet machine).
// Usage: npm run bench -- [--full] [--only import-approve,map] [--engine postgres|pglite] [--list]
// --full writes bench/results/bench-run.json (the runs' JSON lines and the table); a small run leaves
// bench/results/ as it found it.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { AIMS, BENCHES, type Engine, formatTable, type Run, rowsOf } from './aims.ts';

const { values: opts } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    engine: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});
const only = opts.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((id) => !BENCHES.some((b) => b.id === id)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.id).join(', ')}\n`);
  process.exit(2);
}

/** The command line of one bench on one engine. */
function commandOf(file: string, args: string[], engine: Engine): string[] {
  const run = file.endsWith('.mjs') ? ['node', `bench/${file}`] : ['npx', 'tsx', `bench/${file}`];
  return engine === 'postgres' ? ['node', 'scripts/with-postgres.mjs', ...run, ...args] : [...run, ...args];
}

function runOne(bench: string, engine: Engine, argv: string[]): Promise<Run> {
  const command = argv.join(' ');
  process.stderr.write(`\n== ${command}\n`);
  // Each bench makes its own database: no inherited data directory or server URL.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.SIKS_DATA_DIR;
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Run['lines'] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (l) => {
    process.stderr.write(`   ${l}\n`);
    try {
      const v = JSON.parse(l) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) lines.push(v as Run['lines'][number]);
    } catch {
      /* not a result line */
    }
  });
  return new Promise((resolve) => {
    child.once('error', (err) => resolve({ bench, engine, command, lines, failure: err.message }));
    child.once('close', (code, signal) =>
      resolve({ bench, engine, command, lines, ...(code === 0 ? {} : { failure: `failed (${signal ?? `exit ${code}`})` }) }),
    );
  });
}

const plan = BENCHES.filter((b) => !only || only.includes(b.id)).flatMap((b) =>
  b.engines
    .filter((e) => !opts.engine || e === opts.engine)
    .map((engine) => ({ b, engine, argv: commandOf(b.file, opts.full ? b.full : b.args, engine) })),
);
if (opts.list) {
  for (const p of plan) process.stdout.write(`${p.argv.join(' ')}\n`);
  process.exit(0);
}

/**
 * The benches write their results to bench/results/ whatever their size: a small run puts back what
 * was there (and removes what it added), so smoke runs never replace the recorded full-size figures.
 */
function keepResults(): () => void {
  const dir = 'bench/results';
  fs.mkdirSync(dir, { recursive: true });
  const saved = new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(`${dir}/${f}`)] as const));
  return () => {
    for (const f of fs.readdirSync(dir)) {
      const before = saved.get(f);
      if (before) fs.writeFileSync(`${dir}/${f}`, before);
      else fs.rmSync(`${dir}/${f}`, { recursive: true, force: true });
    }
  };
}

const started = new Date();
const runs: Run[] = [];
const restore = opts.full ? () => {} : keepResults();
for (const p of plan) {
  if (!fs.existsSync(`bench/${p.b.file}`))
    runs.push({ bench: p.b.id, engine: p.engine, command: p.argv.join(' '), lines: [], failure: 'bench missing' });
  else runs.push(await runOne(p.b.id, p.engine, p.argv));
}
restore();
const rows = rowsOf(AIMS, runs, { small: !opts.full });
const table = formatTable(rows);
const sizes = opts.full
  ? "The issues' sizes"
  : "Small sizes: 'met/missed (small size)' compares a smoke run with full-size aims; only --full decides";
process.stdout.write(`\n${sizes}. Started ${started.toISOString()}.\n\n${table}\n`);
if (opts.full) fs.writeFileSync('bench/results/bench-run.json', `${JSON.stringify({ started, full: true, runs, rows }, null, 2)}\n`);
process.exit(runs.some((r) => r.failure) ? 1 : 0);

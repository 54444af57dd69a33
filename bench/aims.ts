// The performance aims of issues 10, 11, 12, 17 and 18 (and issue 5's page aims), in one place: which
// bench measures each, at which sizes, on which engine, and how to read the figure from the bench's
// JSON output. bench/run.ts runs the benches and prints the table; nothing here runs a bench.

export type Engine = 'postgres' | 'pglite';
type Json = Record<string, unknown>;

/** A bench of bench/ as the runner starts it: `args` at the small default size, `full` at the issues' sizes. */
export interface Bench {
  id: string;
  /** The file under bench/: run with tsx (`.ts`) or node (`.mjs`). */
  file: string;
  args: string[];
  full: string[];
  engines: Engine[];
}

/** One aim: a figure read from a bench's JSON lines, compared with `limit` (none: reported only). */
export interface Aim {
  issue: number;
  what: string;
  bench: string;
  engine: Engine;
  unit: string;
  /** `max`: met when the measured figure is at most `limit`; `min`: at least. */
  kind?: 'max' | 'min';
  limit?: number;
  /** The figure from the bench's JSON lines (`last` is the final one); undefined when absent. */
  read(last: Json, all: Json[]): number | undefined;
}

export const BENCHES: Bench[] = [
  { id: 'import-approve', file: 'import-approve.ts', args: ['3000', '500'], full: ['200000', '10000'], engines: ['postgres', 'pglite'] },
  { id: 'bsp-approve', file: 'bsp-approve.ts', args: ['3000', '500'], full: ['200000', '10000'], engines: ['postgres'] },
  { id: 'release-download', file: 'release-download.ts', args: ['2000'], full: ['200000'], engines: ['postgres', 'pglite'] },
  {
    id: 'household-list',
    file: 'household-list.ts',
    args: ['3000', '3', 'bench-run'],
    full: ['200000', '15', 'bench-run'],
    engines: ['postgres', 'pglite'],
  },
  { id: 'mix', file: 'mix.ts', args: ['3000', '3', '200'], full: ['200000', '20', '2000'], engines: ['postgres', 'pglite'] },
  { id: 'export-households', file: 'export-households.ts', args: ['3000'], full: ['200000'], engines: ['postgres'] },
  { id: 'baseline-load', file: 'baseline-load.ts', args: ['5000'], full: ['1000000'], engines: ['postgres'] },
  { id: 'map', file: 'map.ts', args: ['3000'], full: ['200000'], engines: ['postgres', 'pglite'] },
  { id: 'memory', file: 'memory.ts', args: ['200'], full: ['20000'], engines: ['pglite'] },
  {
    id: 'nation',
    file: 'nation.ts',
    args: ['20000', '2000', '200', '3'],
    full: ['2000000', '200000', '10000', '5'],
    engines: ['postgres'],
  },
];

/** A numeric field of a JSON line. */
const num = (o: unknown, key: string): number | undefined => {
  const v = (o as Json | undefined)?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const key = (k: string) => (last: Json) => num(last, k);
/** household-list prints one line per cell: the cell of this request kind and connection count. */
const cell = (scenario: string, connections: number, k: string) => (_: Json, all: Json[]) =>
  num(
    all.find((r) => r.scenario === scenario && r.connections === connections),
    k,
  );

/** mix prints one line per server size: the line of `workers` processes. */
const worker = (workers: number, k: string) => (_: Json, all: Json[]) =>
  num(
    all.find((r) => r.workers === workers),
    k,
  );

/** An aim of `bench` on `engine`: `limit` is `['max', n]` (at most n) or `['min', n]`; none, reported only. */
function aim(
  issue: number,
  bench: string,
  engine: Engine,
  what: string,
  unit: string,
  limit: ['max' | 'min', number] | undefined,
  read: Aim['read'],
): Aim {
  return { issue, bench, engine, what, unit, ...(limit ? { kind: limit[0], limit: limit[1] } : {}), read };
}
const both = ['postgres', 'pglite'] as const;
const listCell = 'random page 1–400';

export const AIMS: Aim[] = [
  // Issue 17 item 1: import and bulk approval of 10,000 proposals into 200,000 households.
  aim(17, 'import-approve', 'postgres', 'import of 10,000 proposals', 's', ['max', 2], key('importSeconds')),
  aim(17, 'import-approve', 'postgres', 'import rate', 'proposals/s', ['min', 5000], key('importPerSecond')),
  aim(17, 'import-approve', 'postgres', 'import ÷ plain COPY of the same rows', '×', ['max', 12], key('importToCopyRatio')),
  aim(17, 'import-approve', 'postgres', 'bulk approval of 10,000', 's', ['max', 2], key('approveSeconds')),
  aim(17, 'import-approve', 'pglite', 'import of 10,000 proposals', 's', ['max', 4], key('importSeconds')),
  aim(17, 'import-approve', 'pglite', 'import ÷ plain COPY of the same rows', '×', ['max', 12], key('importToCopyRatio')),
  aim(5, 'import-approve', 'postgres', 'proposal list p95', 'ms', ['max', 50], key('listProposalsP95ms')),
  aim(5, 'import-approve', 'postgres', 'proposal page p95', 'ms', ['max', 50], key('getProposalP95ms')),
  // Issue 17 item 3: the demo seed (the benches seed their district with the demo generator).
  aim(17, 'import-approve', 'postgres', 'demo seed of the district', 's', ['max', 15], key('seedSeconds')),
  aim(17, 'import-approve', 'pglite', 'demo seed of the district', 's', ['max', 30], key('seedSeconds')),
  // Issue 17 item 2: release download of 200,000 households.
  aim(17, 'release-download', 'postgres', 'release download', 's', ['max', 20], key('seconds')),
  aim(17, 'release-download', 'pglite', 'release download', 's', ['max', 60], key('seconds')),
  ...both.map((engine) =>
    aim(17, 'release-download', engine, 'release download: peak RSS growth', 'MiB', ['max', 150], (last) => {
      const peak = num(last, 'peakRssDuringDownloadMiB');
      const before = num(last, 'rssBeforeMiB');
      return peak === undefined || before === undefined ? undefined : peak - before;
    }),
  ),
  // Issue 17 item 4: a supervisor's realistic mix of reads under load, 50 connections, 1 and 2 server processes.
  ...[1, 2].flatMap((workers) => [
    aim(17, 'mix', 'postgres', `mix, ${workers} worker(s): throughput`, 'req/s', ['min', 500], worker(workers, 'requestsPerSecond')),
    aim(17, 'mix', 'postgres', `mix, ${workers} worker(s): p99`, 'ms', ['max', 250], worker(workers, 'p99ms')),
    aim(17, 'mix', 'postgres', `mix, ${workers} worker(s): errors`, 'errors', ['max', 0], worker(workers, 'errors')),
  ]),
  aim(17, 'mix', 'pglite', 'mix: throughput', 'req/s', ['min', 150], worker(1, 'requestsPerSecond')),
  aim(17, 'mix', 'pglite', 'mix: errors', 'errors', ['max', 0], worker(1, 'errors')),
  // The household list's random pages alone.
  aim(17, 'household-list', 'postgres', 'list, 50 connections: throughput', 'req/s', ['min', 500], cell(listCell, 50, 'requestsPerSecond')),
  aim(17, 'household-list', 'postgres', 'list, 50 connections: p99', 'ms', ['max', 250], cell(listCell, 50, 'p99ms')),
  aim(17, 'household-list', 'postgres', 'list, 50 connections: errors', 'errors', ['max', 0], cell(listCell, 50, 'errors')),
  aim(17, 'household-list', 'pglite', 'list, 50 connections: throughput', 'req/s', ['min', 150], cell(listCell, 50, 'requestsPerSecond')),
  aim(17, 'household-list', 'pglite', 'list, 50 connections: errors', 'errors', ['max', 0], cell(listCell, 50, 'errors')),
  // Issue 17 item 6: server RSS on PGlite, idle 30 s after a start.
  aim(17, 'memory', 'pglite', 'server RSS idle after the first start', 'MiB', ['max', 600], key('firstStartRssMiB')),
  aim(17, 'memory', 'pglite', 'server RSS idle after a later start', 'MiB', ['max', 350], key('laterStartRssMiB')),
  // Issue 10: BSP approval within quota and the KPM list page.
  aim(10, 'bsp-approve', 'postgres', 'BSP approval of 10,000 replacements', 's', ['max', 3], key('approveSeconds')),
  aim(10, 'bsp-approve', 'postgres', 'KPM list page p95', 'ms', ['max', 50], key('listKpmP95ms')),
  // Issue 11: baseline load of 1,000,000 households; the export has no figure to meet (rows/s, flat memory).
  aim(11, 'baseline-load', 'postgres', 'baseline load', 's', ['max', 180], key('totalLoadSeconds')),
  ...(['csv', 'xlsx'] as const).map((format) =>
    aim(11, 'export-households', 'postgres', `export ${format}`, 'rows/s', undefined, (_, all) =>
      num(
        all.find((r) => r.format === format),
        'rowsPerSecond',
      ),
    ),
  ),
  // Issue 12: the map page and the largest points answer (reported, no figure to meet).
  ...both.flatMap((engine) => [
    aim(12, 'map', engine, 'map page load (district)', 'ms', undefined, (last) =>
      num((last.page as Json | undefined)?.district, 'totalMs'),
    ),
    aim(12, 'map', engine, 'largest points answer', 'ms', undefined, (last) => num(last.largestPoints, 'ms')),
  ]),
  // Issue 18: a 200,000-household district inside a 2,000,000-household nation against the district alone.
  aim(18, 'nation', 'postgres', 'district operation in the nation ÷ alone (worst of six)', '×', ['max', 1.3], key('maxRatio')),
  ...(['import', 'approve', 'householdListP95', 'proposalListP95', 'rekapDesa', 'release'] as const).map((op) =>
    aim(18, 'nation', 'postgres', `${op}: in the nation ÷ alone`, '×', undefined, (last) =>
      num(
        (last.operations as Json[] | undefined)?.find((o) => o.operation === op),
        'ratio',
      ),
    ),
  ),
  aim(18, 'nation', 'postgres', 'slowest national/province view (median)', 'ms', ['max', 1000], key('slowestViewMs')),
];

/** A bench run as the runner reports it. */
export interface Run {
  bench: string;
  engine: Engine;
  command: string;
  /** Every JSON object line of the bench's stdout, in order. */
  lines: Json[];
  /** Set when the bench could not run or ended with an error. */
  failure?: string;
}

export type Verdict = 'met' | 'missed' | 'reported' | 'not measured';

export interface Row {
  aim: string;
  measured: string;
  unit: string;
  verdict: Verdict;
  /** Measured below the issues' sizes: the verdict is a smoke check, not the aim's. */
  small: boolean;
  command: string;
}

/** Whether a measured figure meets its aim. */
export function verdictOf(aim: Pick<Aim, 'kind' | 'limit'>, measured: number | undefined): Verdict {
  if (measured === undefined) return 'not measured';
  if (aim.limit === undefined || aim.kind === undefined) return 'reported';
  return (aim.kind === 'max' ? measured <= aim.limit : measured >= aim.limit) ? 'met' : 'missed';
}

/** Numbers as people read them: grouped thousands, at most two decimals. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 2 });
}

function aimText(a: Aim): string {
  const limit = a.limit === undefined ? '' : ` ${a.kind === 'max' ? '≤' : '≥'} ${formatNumber(a.limit)} ${a.unit}`;
  return `#${a.issue} ${a.what} (${a.engine})${limit}`;
}

/**
 * The table rows of every aim whose bench was run (aims of benches not run are left out); `small`:
 * the runs were at the small default sizes.
 */
export function rowsOf(aims: Aim[], runs: Run[], opts: { small?: boolean } = {}): Row[] {
  const rows: Row[] = [];
  for (const a of aims) {
    const run = runs.find((r) => r.bench === a.bench && r.engine === a.engine);
    if (!run) continue;
    const last = run.lines.at(-1) ?? {};
    const measured = run.failure ? undefined : a.read(last, run.lines);
    rows.push({
      aim: aimText(a),
      measured: measured === undefined ? (run.failure ?? '—') : formatNumber(measured),
      unit: a.unit,
      verdict: run.failure ? 'not measured' : verdictOf(a, measured),
      small: opts.small ?? false,
      command: run.command,
    });
  }
  return rows;
}

/** The rows as a Markdown table (paste into docs/performance.md). */
export function formatTable(rows: Row[]): string {
  const head = ['aim', 'measured', 'unit', 'met/missed', 'command'];
  const verdict = (r: Row) => (r.small && (r.verdict === 'met' || r.verdict === 'missed') ? `${r.verdict} (small size)` : r.verdict);
  const cells = rows.map((r) => [r.aim, r.measured, r.unit, verdict(r), `\`${r.command}\``]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => (i === 1 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 1 ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(head), rule, ...cells.map(line)].join('\n');
}

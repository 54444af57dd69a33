import { describe, expect, it } from 'vitest';
import { AIMS, type Aim, BENCHES, formatTable, type Run, rowsOf, verdictOf } from '../../bench/aims.ts';

// The table `npm run bench` prints (bench/aims.ts): aims compared with measured figures and laid
// out as Markdown. No bench runs here.

const importAim = (engine: 'postgres' | 'pglite', what: string) =>
  AIMS.find((a) => a.bench === 'import-approve' && a.engine === engine && a.what === what)!;
const run = (over: Partial<Run>): Run => ({
  bench: 'import-approve',
  engine: 'postgres',
  command: 'node scripts/with-postgres.mjs npx tsx bench/import-approve.ts 200000 10000',
  lines: [],
  ...over,
});

describe('bench aims', () => {
  it('compares a figure with an upper or a lower limit, the limit itself meeting it', () => {
    expect(verdictOf({ kind: 'max', limit: 2 }, 2)).toBe('met');
    expect(verdictOf({ kind: 'max', limit: 2 }, 2.01)).toBe('missed');
    expect(verdictOf({ kind: 'min', limit: 5000 }, 5000)).toBe('met');
    expect(verdictOf({ kind: 'min', limit: 5000 }, 4999)).toBe('missed');
    expect(verdictOf({ kind: 'max', limit: 0 }, 0)).toBe('met');
    expect(verdictOf({}, 12.5)).toBe('reported');
    expect(verdictOf({ kind: 'max', limit: 2 }, undefined)).toBe('not measured');
  });

  it("holds the issues' figures, each aim naming a bench the runner knows on an engine that bench runs on", () => {
    expect(importAim('postgres', 'import of 10,000 proposals').limit).toBe(2);
    expect(importAim('pglite', 'import of 10,000 proposals').limit).toBe(4);
    expect(importAim('postgres', 'import ÷ plain COPY of the same rows')).toMatchObject({ kind: 'max', limit: 12 });
    expect(AIMS.find((a) => a.bench === 'memory' && a.what.includes('later start'))).toMatchObject({ limit: 350, unit: 'MiB' });
    expect(AIMS.find((a) => a.bench === 'bsp-approve' && a.what.startsWith('BSP approval'))).toMatchObject({ issue: 10, limit: 3 });
    expect(AIMS.find((a) => a.bench === 'baseline-load')).toMatchObject({ issue: 11, limit: 180 });
    for (const a of AIMS) expect(BENCHES.find((b) => b.id === a.bench)?.engines, `${a.what} (${a.bench})`).toContain(a.engine);
    expect(BENCHES.find((b) => b.id === 'import-approve')!.full).toEqual(['200000', '10000']);
  });

  it('reads figures from the last JSON line or from the line of a household-list cell, derived figures too', () => {
    const rows = rowsOf(AIMS, [
      run({
        lines: [
          { note: 'progress' },
          { importSeconds: 6.7, importPerSecond: 1483, importToCopyRatio: 41, approveSeconds: 1.9, seedSeconds: 48 },
        ],
      }),
      {
        bench: 'household-list',
        engine: 'postgres',
        command: 'node scripts/with-postgres.mjs npx tsx bench/household-list.ts 3000 3 bench-run',
        lines: [
          { scenario: 'random page 1–400', connections: 1, requestsPerSecond: 90, p99ms: 20, errors: 0 },
          { scenario: 'random page 1–400', connections: 50, requestsPerSecond: 612.4, p99ms: 310, errors: 0 },
          { scenario: 'kecamatan, page 1', connections: 50, requestsPerSecond: 10, p99ms: 9000, errors: 3 },
        ],
      },
      {
        bench: 'release-download',
        engine: 'pglite',
        command: 'npx tsx bench/release-download.ts 2000',
        lines: [{ seconds: 61, rssBeforeMiB: 400, peakRssDuringDownloadMiB: 520 }],
      },
    ]);
    const row = (text: string) => rows.find((r) => r.aim.startsWith(text))!;
    expect(row('#17 import of 10,000 proposals (postgres)')).toMatchObject({ measured: '6.7', unit: 's', verdict: 'missed' });
    expect(row('#17 import rate (postgres)')).toMatchObject({ measured: '1,483', verdict: 'missed' });
    expect(row('#17 bulk approval of 10,000 (postgres)')).toMatchObject({ measured: '1.9', verdict: 'met' });
    expect(row('#17 list, 50 connections: throughput (postgres)')).toMatchObject({ measured: '612', verdict: 'met' });
    expect(row('#17 list, 50 connections: p99 (postgres)')).toMatchObject({ measured: '310', verdict: 'missed' });
    expect(row('#17 list, 50 connections: errors (postgres)')).toMatchObject({ measured: '0', verdict: 'met' });
    expect(row('#17 release download: peak RSS growth (pglite)')).toMatchObject({ measured: '120', unit: 'MiB', verdict: 'met' });
    expect(row('#17 release download (pglite)')).toMatchObject({ measured: '61', verdict: 'missed' });
    // A figure the bench did not print is not measured, not met.
    expect(row('#5 proposal list p95 (postgres)')).toMatchObject({ measured: '—', verdict: 'not measured' });
    // Aims of benches that did not run are left out.
    expect(rows.some((r) => r.aim.includes('(pglite)') && r.aim.includes('import'))).toBe(false);
  });

  it('says why a failed run has no figures', () => {
    const rows = rowsOf(AIMS, [run({ failure: 'failed (exit 1)', lines: [{ importSeconds: 1 }] })]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ measured: 'failed (exit 1)', verdict: 'not measured' });
  });

  it('lays the rows out as an aligned Markdown table with the limit and the command', () => {
    const a: Aim = {
      issue: 17,
      what: 'import',
      bench: 'x',
      engine: 'postgres',
      unit: 's',
      kind: 'max',
      limit: 2,
      read: (l) => l.s as number,
    };
    const b: Aim = { ...a, what: 'rate', unit: 'proposals/s', kind: 'min', limit: 5000, read: (l) => l.r as number };
    const table = formatTable(
      rowsOf([a, b], [{ bench: 'x', engine: 'postgres', command: 'npx tsx bench/x.ts', lines: [{ s: 1.234, r: 12345 }] }]),
    );
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| aim +\| measured \| unit +\| met\/missed \| command +\|$/);
    expect(lines[1]).toMatch(/^\| -+ \| -+: \| -+ \| -+ \| -+ \|$/);
    expect(lines[2]).toContain('#17 import (postgres) ≤ 2 s');
    expect(lines[2]).toMatch(/\| +1\.23 \| s +\| met +\| `npx tsx bench\/x\.ts` \|$/);
    expect(lines[3]).toContain('#17 rate (postgres) ≥ 5,000 proposals/s');
    expect(lines[3]).toMatch(/\| +12,345 \| proposals\/s \|/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    // A smoke run at small sizes says so beside each verdict.
    const small = formatTable(
      rowsOf([a], [{ bench: 'x', engine: 'postgres', command: 'npx tsx bench/x.ts', lines: [{ s: 3 }] }], { small: true }),
    );
    expect(small.split('\n')[2]).toMatch(/\| missed \(small size\) \|/);
  });
});

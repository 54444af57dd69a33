import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Database, Db } from '../../platform/db.ts';
import type { RegionLevel } from './regions.queries.ts';

// idn-area-data 4.0.1 (Kemendagri codes, ODbL): one CSV per level, dotted codes.
const FILES: { file: string; level: RegionLevel }[] = [
  { file: 'provinces.csv', level: 'provinsi' },
  { file: 'regencies.csv', level: 'kabkota' },
  { file: 'districts.csv', level: 'kecamatan' },
  { file: 'villages.csv', level: 'desa' },
];

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

/** Splits one CSV line (RFC 4180 quoting: a few village names hold commas and quotes). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

function* regionRows(): Generator<[string, string, RegionLevel, string | null]> {
  const dir = dataDir();
  for (const { file, level } of FILES) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/);
    for (const line of lines.slice(1)) {
      if (!line) continue;
      const cols = parseCsvLine(line);
      const code = cols[0]!.replaceAll('.', '');
      const parent = level === 'provinsi' ? null : cols[1]!.replaceAll('.', '');
      const name = level === 'provinsi' ? cols[1]! : cols[2]!;
      yield [code, name.trim(), level, parent];
    }
  }
}

/** Loads all Kemendagri regions with COPY inside `tx` when the table is empty; returns rows loaded. */
export async function loadRegionsIfEmpty(database: Database, tx: Db): Promise<number> {
  const any = await tx.selectFrom('regions').select('code').limit(1).executeTakeFirst();
  if (any) return 0;
  // Parents come before children in the files, and the FK is checked per row.
  return database.copyRows(tx, 'regions', ['code', 'name', 'level', 'parent_code'], regionRows());
}

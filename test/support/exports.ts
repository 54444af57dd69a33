// Reading the list exports in tests: the csv as tabular.ts writes it, the xlsx's first sheet, and
// a whole server-paged list as the list page reads it, to compare a file with the list.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { get } from './bed.ts';
import type { Persona } from './personas.ts';

// RFC 4180 as tabular.ts writes it: quoted fields may hold commas and doubled quotes.
export function parseCsv(body: string): string[][] {
  return body
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      Array.from(line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g), (m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1),
    );
}

/** Every item of a list, page after page, as the list page reads it. */
export async function wholeList(who: Persona, url: string, pageSize = 25): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const res = await get(who, `${url}${url.includes('?') ? '&' : '?'}pageSize=${pageSize}&page=${page}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

/** A csv export as rows of cells by header name; fails unless it answered 200 with csv. */
export async function csvExport(who: Persona, url: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const res = await get(who, url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  const [header, ...lines] = parseCsv(res.body);
  return { header: header!, rows: lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i]!]))) };
}

/** The cells of an xlsx export's first sheet, row by row (the header first). */
export async function xlsxRows(payload: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

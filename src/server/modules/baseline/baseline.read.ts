// Reading baseline files: CSV (RFC 4180, comma or semicolon, UTF-8 with or without BOM), a ZIP
// holding CSV files, or an xlsx workbook (exceljs streaming reader). Each yields sheets: a header
// row and the data rows as text cells, read as a stream so memory stays flat for CSV and xlsx.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { AppError } from '../../platform/errors.ts';

/** One table read from a file: its header and its rows (row numbers count the header as row 1). */
export interface Sheet {
  source: string;
  header: string[];
  rows: AsyncIterable<string[]>;
}

/** The kind of an uploaded file, by its name. */
export function fileKind(name: string): 'csv' | 'zip' | 'xlsx' | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return undefined;
}

async function* decode(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  // Invalid UTF-8 becomes U+FFFD, which the cell checks refuse (per row, never the whole file).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  for await (const chunk of bytes) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Parses CSV text chunks into records; the delimiter is the first comma or semicolon met outside quotes. */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let delimiter = -1;
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let pendingCr = false;
  let any = false;
  for await (const chunk of chunks) {
    let start = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (quoted) {
        if (c === QUOTE) {
          field += chunk.slice(start, i);
          start = i + 1;
          quoted = false;
          afterQuote = true;
        }
        continue;
      }
      if (pendingCr) {
        pendingCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (c === QUOTE) {
        // "" inside a quoted field: a quote character, and the field goes on quoted.
        if (afterQuote) field += '"';
        else field += chunk.slice(start, i);
        start = i + 1;
        quoted = true;
        afterQuote = false;
        any = true;
        continue;
      }
      afterQuote = false;
      if (delimiter < 0 && (c === 44 || c === 59)) delimiter = c;
      if (c === delimiter) {
        record.push(field + chunk.slice(start, i));
        field = '';
        start = i + 1;
        any = true;
        continue;
      }
      if (c === LF || c === CR) {
        field += chunk.slice(start, i);
        start = i + 1;
        // A blank line yields an empty record, so that row numbers stay those of the file.
        if (any || field !== '') record.push(field);
        yield record;
        record = [];
        field = '';
        any = false;
        pendingCr = c === CR;
        continue;
      }
      any = true;
    }
    field += chunk.slice(start);
  }
  if (any || field !== '') {
    record.push(field);
    yield record;
  }
}

async function sheetOf(source: string, records: AsyncGenerator<string[]>): Promise<Sheet | undefined> {
  const first = await records.next();
  if (first.done) return undefined;
  const header = first.value.map((h) =>
    h
      .replace(/^\ufeff/, '')
      .trim()
      .toLowerCase(),
  );
  return {
    source,
    header,
    rows: {
      [Symbol.asyncIterator]: () => records,
    },
  };
}

/** The sheet of one CSV stream. */
export async function csvSheet(source: string, bytes: AsyncIterable<Uint8Array>): Promise<Sheet | undefined> {
  return sheetOf(source, parseCsv(decode(bytes)));
}

async function* slices(bytes: Uint8Array, size = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The CSV entries of a ZIP held in memory, one at a time (each is inflated only when its turn comes). */
export async function* zipSheets(source: string, zip: Uint8Array): AsyncGenerator<Sheet> {
  let names: string[];
  try {
    const listed: string[] = [];
    unzipSync(zip, {
      filter: (f) => {
        listed.push(f.name);
        return false;
      },
    });
    names = listed.filter((n) => fileKind(n) === 'csv' && !n.startsWith('__MACOSX/'));
  } catch {
    throw new AppError('BASELINE_FILE_UNKNOWN');
  }
  for (const name of names) {
    const entry = unzipSync(zip, { filter: (f) => f.name === name })[name];
    if (!entry) continue;
    const sheet = await csvSheet(`${source}/${name}`, slices(entry));
    if (sheet) yield sheet;
  }
}

/** A cell of an xlsx row as text: dates as YYYY-MM-DD, rich text and formula results as their text. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v);
}

async function* xlsxRows(ws: AsyncIterable<ExcelJS.Row>): AsyncGenerator<string[]> {
  let expected = 1;
  for await (const row of ws) {
    // Skipped (empty) rows keep their numbers: the error report names rows as the workbook shows them.
    while (expected < row.number) {
      expected++;
      yield [];
    }
    expected = row.number + 1;
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    yield cells;
  }
}

/** The worksheets of an xlsx stream, read as they arrive. */
export async function* xlsxSheets(source: string, stream: Readable): AsyncGenerator<Sheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let n = 0;
  try {
    for await (const ws of reader) {
      n++;
      const sheet = await sheetOf(`${source}#${n}`, xlsxRows(ws as unknown as AsyncIterable<ExcelJS.Row>));
      if (sheet) yield sheet;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('BASELINE_FILE_UNKNOWN');
  }
}

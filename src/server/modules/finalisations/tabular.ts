// Streaming table exports (xlsx and csv) for finalised data (F8) and recaps (F9). Rows come from
// async iterables read in pages and go straight to the HTTP response: memory stays flat whatever
// the district's size, and a client that stops reading stops the database reads too.
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { sendAttachment } from '../../http/download.ts';
import type { routeTable } from '../../http/routes.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { maskRecord } from '../../platform/masking.ts';
import type { Actor } from '../../platform/scope.ts';

export type Cell = string | number | boolean | null | undefined;

/** A column: its header and how to read a cell from a row. */
export interface Column<R> {
  header: string;
  value: (row: R) => Cell;
  /** Width in characters (xlsx). */
  width?: number;
}

/** A column that shows one field of the row as it is (most export columns are just that). */
export function field<K extends string>(header: string, key: K, width?: number): Column<{ [P in K]: Cell }> {
  return { header, value: (row) => row[key], ...(width === undefined ? {} : { width }) };
}

/** One table (an xlsx worksheet, or the whole csv file). */
export interface Table<R> {
  name: string;
  columns: readonly Column<R>[];
  rows: AsyncIterable<R> | Iterable<R>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Waits until `out` wants more data; false when it was closed (the client went away). */
async function drained(out: Writable): Promise<boolean> {
  if (out.destroyed) return false;
  if (!out.writableNeedDrain) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
  return !out.destroyed;
}

/** Stops the export quietly when the client went away. */
class ClientGone extends Error {}

// Text a spreadsheet would run as a formula ("=HYPERLINK(…)" typed by an operator as a name):
// prefixed with an apostrophe in csv. Numbers are written as numbers and never prefixed.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes `table` as RFC 4180 csv (comma, CRLF, UTF-8 without BOM) to `out`, then ends it. */
export async function writeCsv<R>(out: Writable, table: Table<R>): Promise<void> {
  try {
    let buf = `${table.columns.map((c) => csvField(c.header)).join(',')}\r\n`;
    for await (const row of table.rows) {
      buf += `${table.columns.map((c) => csvField(c.value(row))).join(',')}\r\n`;
      if (buf.length >= 64 * 1024) {
        out.write(buf);
        buf = '';
        if (!(await drained(out))) throw new ClientGone();
      }
    }
    out.end(buf);
  } catch (e) {
    if (!(e instanceof ClientGone)) out.destroy(e as Error);
  }
}

/**
 * Writes the tables as worksheets of one xlsx workbook to `out` (exceljs streaming writer: each
 * row is committed as it is written), then ends it. Headers are bold and frozen.
 */
// Tables of different row types: each table's columns read its own rows.
// biome-ignore lint/suspicious/noExplicitAny: tables of different row types, each read by its own columns
export async function writeXlsx(out: Writable, tables: readonly Table<any>[]): Promise<void> {
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'SIKS-NG';
    for (const table of tables) {
      const ws = wb.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = table.columns.map((c) => ({
        header: c.header,
        width: c.width ?? Math.min(40, Math.max(10, c.header.length + 2)),
      }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      let n = 0;
      for await (const row of table.rows) {
        ws.addRow(table.columns.map((c) => c.value(row) ?? null)).commit();
        if (++n % 500 === 0 && !(await drained(out))) throw new ClientGone();
      }
      ws.commit();
    }
    await wb.commit();
  } catch (e) {
    if (!(e instanceof ClientGone)) out.destroy(e as Error);
  }
}

/** A download ready to stream: its file name, content type and writer. */
export interface StreamedDownload {
  fileName: string;
  contentType: string;
  write(out: Writable): Promise<void>;
}

/** Sends a prepared download as a stream (its log entry is already written). */
export function sendDownload(reply: FastifyReply, d: StreamedDownload) {
  const out = new PassThrough();
  // A client that goes away stops the writer (and so the database reads) at its next drain check.
  reply.raw.once('close', () => out.destroy());
  void d.write(out);
  return sendAttachment(reply, d, out);
}

/** A list export: what its log entry says, and the table to stream. */
export interface ListExport<R> {
  format: 'xlsx' | 'csv';
  /** The log's action code, e.g. `EXPORT_HOUSEHOLDS`. */
  action: string;
  /** The list as the log texts name it ("daftar rumah tangga", "household list"). */
  name: { id: string; en: string };
  /** The filter as the log texts name it. */
  filter: { id: string; en: string };
  /** Rows the file holds (counted with the same filter). */
  rows: number;
  subject: string;
  regionCode: string | null;
  details: Record<string, unknown>;
  /** File name without its extension. */
  fileName: string;
  table: Table<R>;
}

/**
 * Logs a list download (its filter and row count, one entry) and returns the file to stream: the
 * entry is committed before any row is sent, so a download is never without its log (F15).
 */
export async function loggedExport<R>(ctx: AppContext, actor: Actor, e: ListExport<R>): Promise<StreamedDownload> {
  const count = (lang: 'id-ID' | 'en-US') => e.rows.toLocaleString(lang);
  await ctx.database.transaction((tx) =>
    recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: e.action,
      text: {
        id: `Download ${e.name.id} (${e.format}, ${count('id-ID')} baris), filter: ${e.filter.id}`,
        en: `Downloaded the ${e.name.en} (${e.format}, ${count('en-US')} rows), filter: ${e.filter.en}`,
      },
      subject: e.subject,
      regionCode: e.regionCode,
      details: { format: e.format, rows: e.rows, ...e.details },
    }),
  );
  return streamedFile(e.format, e.fileName, e.table);
}

/** One table as an xlsx or csv file ready to stream; `fileName` without its extension. */
export function streamedFile<R>(format: 'xlsx' | 'csv', fileName: string, table: Table<R>): StreamedDownload {
  const name = `${fileName}.${format}`;
  return format === 'xlsx'
    ? { fileName: name, contentType: XLSX_TYPE, write: (out) => writeXlsx(out, [table]) }
    : { fileName: name, contentType: CSV_TYPE, write: (out) => writeCsv(out, table) };
}

/** How a log text names a filter field in each language. */
export type FilterLabels = Record<string, { id: string; en: string }>;

/** How the log texts name the filter fields of the lists, in the order they are named. */
export const LIST_FILTER_LABELS: FilterLabels = {
  tab: { id: 'jenis', en: 'type' },
  provinsi: { id: 'provinsi', en: 'province' },
  kab: { id: 'kabupaten/kota', en: 'district' },
  kecamatan: { id: 'kecamatan', en: 'kecamatan' },
  desa: { id: 'desa', en: 'village' },
  status: { id: 'status', en: 'status' },
  desil: { id: 'desil', en: 'decile' },
  program: { id: 'program', en: 'programme' },
  component: { id: 'komponen', en: 'component' },
  unnominated: { id: 'belum diusulkan', en: 'not nominated' },
  importId: { id: 'impor', en: 'import' },
  operator: { id: 'operator', en: 'operator' },
  result: { id: 'hasil verval', en: 'verval result' },
  conflict: { id: 'konflik', en: 'conflict' },
  warning: { id: 'peringatan', en: 'warning' },
  role: { id: 'peran', en: 'role' },
  q: { id: 'cari', en: 'search' },
  // A search the log must not repeat (a name, a NIK): only that there was one.
  search: { id: 'pencarian', en: 'search' },
};

/** A list export's query: the list's query without its paging, and the file format. */
export type ExportQuery<Q> = Omit<Q, 'page' | 'pageSize'> & { format: 'xlsx' | 'csv' };

/** The rows of a list with their personal fields masked (maskRecord, the address as the desa's name) when `mask`. */
export async function* maskedRows<R extends { nama_desa: string }>(rows: AsyncIterable<R>, mask: boolean): AsyncGenerator<R> {
  for await (const r of rows) yield mask ? maskRecord(r, r.nama_desa) : r;
}

/** A filter as the log texts name it: "label value" for each labelled field that is set, else "semua"/"none". */
export function filterTexts(filter: Record<string, unknown>, labels: FilterLabels = LIST_FILTER_LABELS): { id: string; en: string } {
  const set = Object.entries(labels).filter(([field]) => filter[field] !== undefined && filter[field] !== null && filter[field] !== '');
  const text = (lang: 'id' | 'en', none: string) =>
    set.length > 0 ? set.map(([f, l]) => `${l[lang]} ${String(filter[f])}`).join(', ') : none;
  return { id: text('id', 'semua'), en: text('en', 'none') };
}

/**
 * Declares GET `url` as a list's export: the list's filters and `format` in the query, the file
 * streamed once `prepare` has checked the request and written its log entry (loggedExport).
 */
export function exportRoute<Q extends z.ZodType>(
  r: ReturnType<typeof routeTable>,
  url: string,
  operationId: string,
  querystring: Q,
  summary: string,
  prepare: (actor: Actor, query: z.output<Q>) => Promise<StreamedDownload>,
): void {
  r.get(url, operationId, { querystring, produces: [XLSX_TYPE, 'text/csv'] })
    .summary(summary)
    .handle(async ({ actor, query, reply }) => sendDownload(reply, await prepare(actor, query as z.output<Q>)));
}

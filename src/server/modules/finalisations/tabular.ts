// Streaming table exports (xlsx and csv) for finalised data (F8) and recaps (F9). Rows come from
// async iterables read in pages and go straight to the HTTP response: memory stays flat whatever
// the district's size, and a client that stops reading stops the database reads too.
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import { sendAttachment } from '../../http/download.ts';

export type Cell = string | number | boolean | null | undefined;

/** A column: its header and how to read a cell from a row. */
export interface Column<R> {
  header: string;
  value: (row: R) => Cell;
  /** Width in characters (xlsx). */
  width?: number;
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

// Reading a quota sheet (C4): the first worksheet of an xlsx, a header row naming the columns
// (Kode Kab/Kota, BPNT, RASTRA, PBI; others such as the name are ignored), one district per row.
// Everything wrong is collected by row rather than stopping at the first fault, so that PFM can
// correct the whole sheet at once; nothing here touches the database.
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';
import { QUOTA_SHEET_HEADERS, QUOTA_SHEET_MAX_ROWS } from '../../../shared/api/quotas.ts';
import { AppError } from '../../platform/errors.ts';
import { PROGRAMS, type Program } from './programs.queries.ts';
import { QUOTA_MAX } from '../../../shared/api/vocabulary.ts';

// A workbook of every district inflates to well under 1 MiB; anything far beyond is a zip bomb.
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/** A fault of the sheet, by row (1 = the header) and column header. */
export interface SheetIssue {
  row: number;
  column: string | null;
  text: { id: string; en: string };
}

/** One district row: the quotas it gives (an empty cell gives none). */
export interface SheetRow {
  row: number;
  kab: string;
  quotas: Partial<Record<Program, number>>;
}

const tooLarge = () => new AppError('QUOTA_SHEET_TOO_LARGE');
const unreadable = () => new AppError('QUOTA_SHEET_UNREADABLE');
const fmt = (n: number, lang: 'id-ID' | 'en-US') => n.toLocaleString(lang);

/** Refuses a workbook whose entries inflate beyond the limit, counting the bytes actually inflated. */
function assertInflatesWithin(bytes: Uint8Array, max: number): void {
  let total = 0;
  const unzip = new Unzip((file) => {
    // fflate hands an error thrown here back to this callback as `err`: throw from there to stop.
    file.ondata = (err, chunk) => {
      if (err) throw total > max ? tooLarge() : unreadable();
      total += chunk.length;
      if (total > max) throw tooLarge();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (e) {
    throw e instanceof AppError ? e : unreadable();
  }
}

type Plain = string | number | null | { bad: string };

// The value a cell shows: formulas by their result, rich text and links by their text.
function plain(v: ExcelJS.CellValue): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean') return { bad: String(v) };
  if (v instanceof Date) return { bad: v.toISOString().slice(0, 10) };
  if ('result' in v) return plain(v.result ?? null);
  // A formula saved without its value (a sheet written by a script): nothing to read.
  if ('formula' in v || 'sharedFormula' in v) return { bad: `=${v.formula ?? ''}` };
  if ('richText' in v) return plain(v.richText.map((t) => t.text).join(''));
  if ('text' in v) return plain(v.text);
  if ('error' in v) return { bad: v.error };
  return { bad: '?' };
}

const shown = (v: Plain) => (v !== null && typeof v === 'object' ? v.bad : String(v));
const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The kabupaten/kota code a cell gives: 4 digits, also written "31.74" as Kemendagri does. */
function kabOf(v: Plain): string | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1000 && v <= 9999 ? String(v) : null;
  if (typeof v !== 'string') return null;
  const s = v.replace(/^([0-9]{2})\.([0-9]{2})$/, '$1$2');
  return /^[0-9]{4}$/.test(s) ? s : null;
}

/** A quota cell: a whole number 0…QUOTA_MAX, or what is wrong with it. */
function quotaOf(v: Exclude<Plain, null>, program: Program): number | { id: string; en: string } {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?[0-9]+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || !Number.isInteger(n)) {
    return {
      id: `Kuota ${program} "${shown(v)}" bukan bilangan bulat.`,
      en: `The ${program} quota "${shown(v)}" is not a whole number.`,
    };
  }
  if (n < 0) return { id: `Kuota ${program} tidak boleh negatif (${n}).`, en: `The ${program} quota cannot be negative (${n}).` };
  if (n > QUOTA_MAX) {
    return {
      id: `Kuota ${program} ${fmt(n, 'id-ID')} melebihi batas ${fmt(QUOTA_MAX, 'id-ID')}.`,
      en: `The ${program} quota ${fmt(n, 'en-US')} is above the limit of ${fmt(QUOTA_MAX, 'en-US')}.`,
    };
  }
  return n;
}

/** Loads the first worksheet of an xlsx (refusing what is not one, or is too large). */
async function firstWorksheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  assertInflatesWithin(bytes, MAX_INFLATED_BYTES);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable();
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable();
  if (ws.actualRowCount > QUOTA_SHEET_MAX_ROWS + 1) throw tooLarge();
  return ws;
}

/**
 * Reads a quota sheet: its district rows and every fault found (missing header columns, codes
 * that are not 4 digits, a district given twice, quotas that are not whole numbers ≥ 0). Rows
 * with nothing in the read columns are skipped; an empty quota cell leaves that quota as it is.
 */
export async function readQuotaSheet(bytes: Buffer): Promise<{ rows: SheetRow[]; issues: SheetIssue[] }> {
  const ws = await firstWorksheet(bytes);
  const issues: SheetIssue[] = [];
  const columns = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = plain(cell.value);
    if (typeof h === 'string' && !columns.has(normalise(h))) columns.set(normalise(h), col);
  });
  const kabCol = columns.get(normalise(QUOTA_SHEET_HEADERS.kab)) ?? columns.get('kode');
  const programCols = PROGRAMS.map((p) => [p, columns.get(normalise(p))] as const);
  const missing = [
    ...(kabCol === undefined ? [QUOTA_SHEET_HEADERS.kab] : []),
    ...programCols.filter(([, c]) => c === undefined).map(([p]) => p),
  ];
  if (missing.length > 0) {
    const names = missing.join(', ');
    issues.push({
      row: 1,
      column: null,
      text: { id: `Baris judul tidak memuat kolom ${names}.`, en: `The header row lacks the column(s) ${names}.` },
    });
    return { rows: [], issues };
  }

  const rows: SheetRow[] = [];
  const seen = new Map<string, number>();
  ws.eachRow({ includeEmpty: false }, (r, rowNo) => {
    if (rowNo === 1) return;
    const rawKab = plain(r.getCell(kabCol!).value);
    const cells = programCols.map(([p, c]) => [p, plain(r.getCell(c!).value)] as const);
    if (rawKab === null && cells.every(([, v]) => v === null)) return;
    const header = QUOTA_SHEET_HEADERS.kab;
    const kab = kabOf(rawKab);
    if (rawKab === null) {
      issues.push({ row: rowNo, column: header, text: { id: 'Kode kabupaten/kota kosong.', en: 'The district code is empty.' } });
    } else if (kab === null) {
      issues.push({
        row: rowNo,
        column: header,
        text: {
          id: `Kode kabupaten/kota "${shown(rawKab)}" tidak valid (4 angka, misalnya 3174).`,
          en: `The district code "${shown(rawKab)}" is not valid (4 digits, e.g. 3174).`,
        },
      });
    } else if (seen.has(kab)) {
      issues.push({
        row: rowNo,
        column: header,
        text: {
          id: `Kabupaten/kota ${kab} sudah ada di baris ${seen.get(kab)}.`,
          en: `District ${kab} is already on row ${seen.get(kab)}.`,
        },
      });
    } else seen.set(kab, rowNo);
    const quotas: SheetRow['quotas'] = {};
    for (const [program, v] of cells) {
      if (v === null) continue;
      const q = quotaOf(v, program);
      if (typeof q === 'number') quotas[program] = q;
      else issues.push({ row: rowNo, column: program, text: q });
    }
    if (kab !== null) rows.push({ row: rowNo, kab, quotas });
  });
  return { rows, issues };
}

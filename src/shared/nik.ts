// Structure of the NIK (Nomor Induk Kependudukan) and the No KK (Kartu Keluarga number), rule R3.
// NIK = 6-digit Kemendagri kecamatan code of issue + DDMMYY birth date (DD + 40 for women)
//       + 4-digit serial (never 0000). No KK = 16 digits whose first 6 are a kecamatan code.
// The prefix is deliberately not checked against today's region list: codes of issue may be older.
import { formatIsoDate, isRealDate, parseIsoDate } from './rules/dates.ts';

/** Why a NIK is structurally invalid: not 16 digits, digits 7-12 not a real date, serial 0000. */
export type NikProblem = 'FORMAT' | 'DATE' | 'SERIAL';

/** What a NIK encodes, or why it is invalid. */
export type NikInfo =
  | {
      valid: true;
      /** Kecamatan code of issue (digits 1-6). */
      regionPrefix: string;
      /** Candidate birth dates YYYY-MM-DD in 19YY and 20YY that are real dates (one or two). */
      birthDates: string[];
      /** 1 laki-laki, 2 perempuan (day + 40), as jenis_kelamin codes. */
      sex: 1 | 2;
      /** Digits 13-16. */
      serial: string;
    }
  | { valid: false; reasons: NikProblem[] };

const SIXTEEN_DIGITS = /^[0-9]{16}$/;

/** Whether a value is a string of exactly 16 ASCII digits (the whole No KK check of R3). */
export function isSixteenDigits(value: unknown): value is string {
  return typeof value === 'string' && SIXTEEN_DIGITS.test(value);
}

/** Decodes a NIK: its candidate birth dates and sex, or the reasons it is structurally invalid. */
export function parseNik(nik: string): NikInfo {
  if (!isSixteenDigits(nik)) return { valid: false, reasons: ['FORMAT'] };
  const dd = Number(nik.slice(6, 8));
  const mm = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12);
  const sex: 1 | 2 = dd > 40 ? 2 : 1;
  const day = sex === 2 ? dd - 40 : dd;
  // YY alone cannot tell 1905 from 2005, so both centuries are candidates; 29 February of
  // 1900 is not a real date while that of 2000 is, hence the per-century check.
  const birthDates = [1900 + yy, 2000 + yy]
    .filter((year) => isRealDate(year, mm, day))
    .map((year) => formatIsoDate({ year, month: mm, day }));
  const reasons: NikProblem[] = [];
  if (birthDates.length === 0) reasons.push('DATE');
  if (serial === '0000') reasons.push('SERIAL');
  if (reasons.length > 0) return { valid: false, reasons };
  return { valid: true, regionPrefix: nik.slice(0, 6), birthDates, sex, serial };
}

/** Builds a structurally valid NIK (for generators and tests); throws on impossible input. */
export function makeNik(input: { regionPrefix6: string; birthDate: string; sex: 1 | 2; serial: number | string }): string {
  const { regionPrefix6, birthDate, sex } = input;
  if (!/^[0-9]{6}$/.test(regionPrefix6)) throw new Error('makeNik: regionPrefix6 must be 6 digits');
  const date = parseIsoDate(birthDate);
  if (!date || date.year < 1900 || date.year > 2099) throw new Error('makeNik: birthDate must be a real date in 1900-2099');
  if (sex !== 1 && sex !== 2) throw new Error('makeNik: sex must be 1 or 2');
  const serial = String(input.serial).padStart(4, '0');
  if (!/^[0-9]{4}$/.test(serial) || serial === '0000') throw new Error('makeNik: serial must be 1-9999');
  const dd = String(date.day + (sex === 2 ? 40 : 0)).padStart(2, '0');
  const mm = String(date.month).padStart(2, '0');
  const yy = String(date.year % 100).padStart(2, '0');
  return `${regionPrefix6}${dd}${mm}${yy}${serial}`;
}

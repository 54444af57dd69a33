// Pure helpers of C2 (Periode): the period code, its customary name, the form checks. No React.
import type { Translate } from './i18n/index.ts';

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

const PERIOD_CODE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `code` is a period code 'YYYY-MM' (month 01–12). */
export function isPeriodCode(code: string): boolean {
  return PERIOD_CODE.test(code);
}

/**
 * The customary name of a period, as the server gives it when none is typed: '2019-01' →
 * "BDT Januari 2019" (always Indonesian: it is data, not interface). '' for an invalid code.
 */
export function periodName(code: string): string {
  const m = PERIOD_CODE.exec(code.trim());
  if (!m) return '';
  return `BDT ${MONTHS_ID[Number(m[2]) - 1]} ${m[1]}`;
}

/** Whether `value` is a real calendar date 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The code of the period after the newest one (six months later, the usual rhythm), or of this month. */
export function suggestPeriodCode(existing: readonly string[], today: Date): string {
  const valid = existing.filter(isPeriodCode).sort();
  const last = valid[valid.length - 1];
  let y: number;
  let m: number; // 1..12
  if (last) {
    y = Number(last.slice(0, 4));
    m = Number(last.slice(5, 7)) + 6;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  } else {
    y = today.getFullYear();
    m = today.getMonth() + 1;
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}

export interface PeriodFormValues {
  code: string;
  name: string;
  skNumber: string;
  startsOn: string;
  endsOn: string;
}

export type PeriodFormErrors = Partial<Record<keyof PeriodFormValues, string>>;

/** Checks the form before sending (the server checks again). */
export function validatePeriodForm(v: PeriodFormValues, existing: readonly string[], t: Translate): PeriodFormErrors {
  const errors: PeriodFormErrors = {};
  const code = v.code.trim();
  if (code === '') errors.code = t('periods.err.codeRequired');
  else if (!isPeriodCode(code)) errors.code = t('periods.err.code');
  else if (existing.includes(code)) errors.code = t('periods.err.exists');
  if (v.name.trim().length > 100) errors.name = t('periods.err.tooLong');
  if (v.skNumber.trim().length > 100) errors.skNumber = t('periods.err.tooLong');
  if (v.startsOn === '') errors.startsOn = t('periods.err.dateRequired');
  else if (!isIsoDate(v.startsOn)) errors.startsOn = t('periods.err.date');
  if (v.endsOn === '') errors.endsOn = t('periods.err.dateRequired');
  else if (!isIsoDate(v.endsOn)) errors.endsOn = t('periods.err.date');
  else if (!errors.startsOn && v.endsOn < v.startsOn) errors.endsOn = t('periods.err.endBeforeStart');
  return errors;
}

// Checks of one field value on its own: JSON type, code list, range, length, pattern, date, and
// the NIK / No KK structure (R3). Shared by proposals (checkFields) and whole records.
import { type Entity, type FieldDef, type FieldType, fieldDef, regionCodeLength } from '../dictionary/index.ts';
import { type NikProblem, isSixteenDigits, parseNik } from '../nik.ts';
import { parseIsoDate } from './dates.ts';
import { type Issue, type Message, formatNumber, isPlainObject, joinPath, makeIssue } from './issues.ts';
import { tooLongMessage } from './names.ts';

// Identifiers, region codes, NIK and No KK are all digits written as text.
const DIGITS: Message = { id: 'teks berisi angka', en: 'a string of digits' };

const EXPECTED: Record<FieldType, Message> = {
  id: DIGITS,
  region: DIGITS,
  nik: DIGITS,
  nokk: DIGITS,
  code: { id: 'kode berupa bilangan bulat', en: 'a code (whole number)' },
  integer: { id: 'bilangan bulat', en: 'a whole number' },
  decimal: { id: 'angka', en: 'a number' },
  boolean: { id: 'ya/tidak (true/false)', en: 'yes/no (true/false)' },
  text: { id: 'teks', en: 'text' },
  date: { id: 'tanggal (TTTT-BB-HH)', en: 'a date (YYYY-MM-DD)' },
};

function hasJsonType(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'code':
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
}

const NIK_PROBLEM: Record<NikProblem, Message> = {
  FORMAT: { id: 'harus 16 digit angka', en: 'must be 16 digits' },
  DATE: {
    id: 'digit ke-7 sampai ke-12 bukan tanggal lahir yang valid (HHBBTT, tanggal ditambah 40 untuk perempuan)',
    en: 'digits 7 to 12 are not a valid birth date (DDMMYY, day plus 40 for women)',
  },
  SERIAL: {
    id: 'nomor urut (digit ke-13 sampai ke-16) tidak boleh 0000',
    en: 'the serial number (digits 13 to 16) must not be 0000',
  },
};

/** A message "<label>: <problem>" in both languages. */
function labelled(def: FieldDef, problem: Message): Message {
  return { id: `${def.label}: ${problem.id}`, en: `${def.label}: ${problem.en}` };
}

// Built once per field definition: an import checks every id and region field of every record.
const patterns = new WeakMap<FieldDef, { regex: RegExp; digits: number | undefined }>();

function digitsPattern(def: FieldDef): { regex: RegExp; digits: number | undefined } {
  let p = patterns.get(def);
  if (!p) {
    p = buildDigitsPattern(def);
    patterns.set(def, p);
  }
  return p;
}

function buildDigitsPattern(def: FieldDef): { regex: RegExp; digits: number | undefined } {
  if (def.type === 'region') {
    const digits = regionCodeLength(def.level ?? 'desa');
    return { regex: new RegExp(`^[0-9]{${digits}}$`), digits };
  }
  const pattern = def.pattern ?? '^[0-9]+$';
  const fixed = /^\^\[0-9\]\{([0-9]+)\}\$$/.exec(pattern);
  return { regex: new RegExp(pattern), digits: fixed?.[1] === undefined ? undefined : Number(fixed[1]) };
}

function rangeProblem(def: FieldDef, value: number): Message | undefined {
  const { min, max } = def;
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return undefined;
  const v = (lang: 'id' | 'en') => formatNumber(value, lang);
  if (min !== undefined && max !== undefined) {
    return {
      id: `nilai ${v('id')} di luar batas ${formatNumber(min, 'id')} sampai ${formatNumber(max, 'id')}`,
      en: `${v('en')} is outside the range ${formatNumber(min, 'en')} to ${formatNumber(max, 'en')}`,
    };
  }
  return min !== undefined
    ? {
        id: `nilai ${v('id')} kurang dari ${formatNumber(min, 'id')}`,
        en: `${v('en')} is less than ${formatNumber(min, 'en')}`,
      }
    : {
        id: `nilai ${v('id')} lebih dari ${formatNumber(max ?? 0, 'id')}`,
        en: `${v('en')} is more than ${formatNumber(max ?? 0, 'en')}`,
      };
}

/** Checks one non-null value against its field definition (TYPE, CODE, RANGE, LENGTH, PATTERN, DATE, R3). */
export function checkValue(def: FieldDef, value: unknown, path: string): Issue[] {
  if (!hasJsonType(def.type, value)) {
    const expected = EXPECTED[def.type];
    return [makeIssue(path, 'TYPE', labelled(def, { id: `harus berupa ${expected.id}`, en: `must be ${expected.en}` }))];
  }
  switch (def.type) {
    case 'code': {
      const code = String(value);
      if (def.codes && Object.hasOwn(def.codes, code)) return [];
      return [
        makeIssue(
          path,
          'CODE',
          labelled(def, { id: `kode ${code} tidak ada dalam daftar kode`, en: `code ${code} is not in the code list` }),
        ),
      ];
    }
    case 'integer':
    case 'decimal': {
      const problem = rangeProblem(def, value as number);
      return problem ? [makeIssue(path, 'RANGE', labelled(def, problem))] : [];
    }
    case 'text': {
      // UTF-16 length, as the zod schema counts: never more than the database's varchar accepts.
      const length = (value as string).length;
      if (def.maxLength === undefined || length <= def.maxLength) return [];
      return [makeIssue(path, 'LENGTH', tooLongMessage({ id: def.label, en: def.label }, def.maxLength, length))];
    }
    case 'date':
      if (parseIsoDate(value as string)) return [];
      return [
        makeIssue(
          path,
          'DATE',
          labelled(def, {
            id: 'bukan tanggal yang valid (format TTTT-BB-HH, misalnya 1980-05-17)',
            en: 'is not a valid date (format YYYY-MM-DD, e.g. 1980-05-17)',
          }),
        ),
      ];
    case 'id':
    case 'region': {
      const { regex, digits } = digitsPattern(def);
      if (regex.test(value as string)) return [];
      const what: Message =
        digits === undefined
          ? { id: 'format tidak sesuai', en: 'has the wrong format' }
          : def.type === 'region'
            ? {
                id: `harus ${digits} digit angka (kode Kemendagri tanpa titik)`,
                en: `must be ${digits} digits (Kemendagri code without dots)`,
              }
            : { id: `harus ${digits} digit angka`, en: `must be ${digits} digits` };
      return [makeIssue(path, 'PATTERN', labelled(def, what))];
    }
    case 'nik': {
      const info = parseNik(value as string);
      if (info.valid) return [];
      const problems = info.reasons.map((r) => NIK_PROBLEM[r]);
      const joined = { id: problems.map((p) => p.id).join('; '), en: problems.map((p) => p.en).join('; ') };
      return [makeIssue(path, 'R3', labelled(def, joined))];
    }
    case 'nokk':
      return isSixteenDigits(value) ? [] : [makeIssue(path, 'R3', labelled(def, NIK_PROBLEM.FORMAT))];
    case 'boolean':
      return [];
  }
}

/** Field-level checks of fields as proposed: UNKNOWN_FIELD, READ_ONLY, then the value checks; null (clearing) is left to whole-record REQUIRED. */
export function checkFields(
  entity: Entity,
  fields: Record<string, unknown>,
  pathPrefix: string,
  opts: { allowKodeWilayah?: boolean } = {},
): Issue[] {
  // Proposals come from files: a JSON array or string where an object belongs must not throw.
  if (!isPlainObject(fields)) {
    return [makeIssue(pathPrefix, 'TYPE', { id: 'Isian harus berupa objek JSON', en: 'The fields must be a JSON object' })];
  }
  const issues: Issue[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const path = joinPath(pathPrefix, name);
    const def = fieldDef(entity, name);
    if (!def) {
      const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
      issues.push(
        makeIssue(path, 'UNKNOWN_FIELD', {
          id: `Kolom "${shown}" tidak dikenal dalam kamus data BDT`,
          en: `Unknown field "${shown}" (not in the BDT data dictionary)`,
        }),
      );
      continue;
    }
    const readOnly = readOnlyProblem(entity, def, opts.allowKodeWilayah === true);
    if (readOnly) {
      issues.push(makeIssue(path, 'READ_ONLY', labelled(def, readOnly)));
      continue;
    }
    if (value === null || value === undefined) continue;
    issues.push(...checkValue(def, value, path));
  }
  return issues;
}

function readOnlyProblem(entity: Entity, def: FieldDef, allowKodeWilayah: boolean): Message | undefined {
  if (def.derived)
    return {
      id: 'dihitung otomatis oleh sistem dan tidak dapat diisi',
      en: 'is computed by the system and cannot be set',
    };
  if (def.readOnly) return { id: 'tidak dapat diubah melalui usulan', en: 'cannot be changed through a proposal' };
  // Moving a household is an online action (Pemindahan Rumah Tangga, F12), never a correction.
  if (entity === 'household' && def.name === 'kode_wilayah' && !allowKodeWilayah) {
    return {
      id: `tidak dapat diubah melalui usulan perbaikan; pemindahan dilakukan secara online (Pemindahan Rumah Tangga)`,
      en: `cannot be changed by a correction; households are moved online (Pemindahan Rumah Tangga)`,
    };
  }
  return undefined;
}

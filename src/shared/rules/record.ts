// Whole-record validation of a household with its members: required fields, requiredWhen /
// forbiddenWhen, the value checks of every field, and the dictionary's rules R1, R3–R11.
import { type Entity, codeLabel, entityFields, fieldDef, formatRegionCode, isPresentMember } from '../dictionary/index.ts';
import { isSixteenDigits, parseNik } from '../nik.ts';
import { describeCondition, evalCondition } from './conditions.ts';
import { type Ymd, ageAt, compareYmd, formatLongDate, parseIsoDate } from './dates.ts';
import { checkValue } from './fields.ts';
import {
  type Issue,
  type Message,
  type ValidationResult,
  isMissing,
  isPlainObject,
  labelOf,
  makeIssue,
  own,
  splitIssues,
} from './issues.ts';

/** Context of a whole-record validation. */
export interface RecordValidationOptions {
  /** The date the record is judged at (YYYY-MM-DD): ages and R11 depend on it. */
  checkDate: string;
  /** A new household (USULAN_BARU): enables R8. */
  isNew?: boolean;
  /** Desa codes of the package's district and scope (R8; R8 is skipped without it). */
  allowedDesa?: ReadonlySet<string>;
  /** Whether a present member of another AKTIF household holds this NIK (R5); must exclude this household. */
  nikHeldElsewhere?: (nik: string) => boolean;
}

/** A household with its members, as stored or as proposed (fields may be missing or wrong). */
export interface HouseholdRecordInput {
  household: Record<string, unknown>;
  members: Record<string, unknown>[];
}

/** REQUIRED, REQUIRED_WHEN, FORBIDDEN_WHEN and the value checks of every dictionary field of one record. */
export function checkRecordFields(entity: Entity, record: Readonly<Record<string, unknown>>, prefix: string): Issue[] {
  // Keys outside the dictionary (version, status, idbdt, database columns) are not judged here:
  // proposals are screened for them by checkFields (UNKNOWN_FIELD, READ_ONLY).
  const issues: Issue[] = [];
  for (const def of entityFields(entity)) {
    const path = `${prefix}.${def.name}`;
    const value = own(record, def.name);
    const missing = isMissing(value);
    if (missing) {
      if (def.required) {
        issues.push(makeIssue(path, 'REQUIRED', { id: `${def.label}: wajib diisi`, en: `${def.label}: is required` }));
      } else if (def.requiredWhen && evalCondition(def.requiredWhen, record)) {
        const why = describeCondition(entity, def.requiredWhen);
        issues.push(
          makeIssue(path, 'REQUIRED_WHEN', {
            id: `${def.label}: wajib diisi karena ${why.id}`,
            en: `${def.label}: is required because ${why.en}`,
          }),
        );
      }
      continue;
    }
    issues.push(...checkValue(def, value, path));
    if (def.forbiddenWhen && evalCondition(def.forbiddenWhen, record)) {
      const why = describeCondition(entity, def.forbiddenWhen);
      issues.push(
        makeIssue(path, 'FORBIDDEN_WHEN', {
          id: `${def.label}: harus dikosongkan karena ${why.id}`,
          en: `${def.label}: must be empty because ${why.en}`,
        }),
      );
    }
  }
  return issues;
}

/** A code value when it is one of the field's codes, else undefined (wrong values are reported once, as CODE). */
function validCode(entity: Entity, record: Readonly<Record<string, unknown>>, field: string): number | undefined {
  const v = own(record, field);
  return typeof v === 'number' && codeLabel(entity, field, v) !== undefined ? v : undefined;
}

/** What the rules need to know about one member, computed once. */
interface MemberFacts {
  index: number;
  record: Readonly<Record<string, unknown>>;
  present: boolean;
  hubKrt: number | undefined;
  birth: Ymd | undefined;
  /** Age in completed years at the check date; undefined when the birth date is unusable (DATE, R11). */
  age: number | undefined;
}

const memberPath = (index: number, field: string) => `members[${index}].fields.${field}`;

/** R1: an AKTIF household (missing status counts as AKTIF) has exactly one present head. */
function ruleR1(household: Readonly<Record<string, unknown>>, facts: readonly MemberFacts[]): Issue[] {
  if (own(household, 'status') === 'NONAKTIF') return [];
  const heads = facts.filter((m) => m.present && m.hubKrt === 1).length;
  if (heads === 1) return [];
  const hub = labelOf('member', 'hub_krt');
  // One issue on `members` whatever the count, so that "already there before the change" compares simply.
  const message: Message =
    heads === 0
      ? {
          id: `Rumah tangga tidak memiliki kepala rumah tangga yang tinggal di ruta (${hub} = 1)`,
          en: `The household has no head of household living in it (${hub} = 1)`,
        }
      : {
          id: `Rumah tangga memiliki ${heads} kepala rumah tangga yang tinggal di ruta; harus tepat satu`,
          en: `The household has ${heads} heads of household living in it; there must be exactly one`,
        };
  return [makeIssue('members', 'R1', message)];
}

/** R4: the birth date or sex encoded in the NIK disagrees with tanggal_lahir or jenis_kelamin. */
function ruleR4(m: MemberFacts): Issue[] {
  const nik = own(m.record, 'nik');
  if (typeof nik !== 'string') return [];
  const info = parseNik(nik);
  if (!info.valid) return []; // R3 already rejects it
  const tanggal = own(m.record, 'tanggal_lahir');
  const dateDiffers = m.birth !== undefined && typeof tanggal === 'string' && !info.birthDates.includes(tanggal);
  const sex = validCode('member', m.record, 'jenis_kelamin');
  const sexDiffers = sex !== undefined && sex !== info.sex;
  if (!dateDiffers && !sexDiffers) return [];
  const nikLabel = labelOf('member', 'nik');
  const [dateLabel, sexLabel] = [labelOf('member', 'tanggal_lahir'), labelOf('member', 'jenis_kelamin')];
  const what: Message =
    dateDiffers && sexDiffers
      ? { id: `tanggal lahir dan jenis kelamin`, en: `birth date and sex` }
      : dateDiffers
        ? { id: 'tanggal lahir', en: 'birth date' }
        : { id: 'jenis kelamin', en: 'sex' };
  const against = dateDiffers && sexDiffers ? `${dateLabel} & ${sexLabel}` : dateDiffers ? dateLabel : sexLabel;
  return [
    makeIssue(memberPath(m.index, 'nik'), 'R4', {
      id: `${nikLabel}: ${what.id} yang tercantum dalam NIK tidak sama dengan isian ${against}`,
      en: `${nikLabel}: the ${what.en} encoded in the NIK differ${dateDiffers && sexDiffers ? '' : 's'} from ${against}`,
    }),
  ];
}

/** R5: the NIK is also held by a present member of another AKTIF household (never says where). */
function ruleR5(m: MemberFacts, nikHeldElsewhere: ((nik: string) => boolean) | undefined): Issue[] {
  const nik = own(m.record, 'nik');
  if (!nikHeldElsewhere || !isSixteenDigits(nik) || !nikHeldElsewhere(nik)) return [];
  return [nikHeldElsewhereIssue(m.index)];
}

/** The R5 finding of the member at this index (an approval judges R5 again, apart from the record's other rules). */
export function nikHeldElsewhereIssue(index: number): Issue {
  return makeIssue(memberPath(index, 'nik'), 'R5', {
    id: 'NIK juga terdaftar di rumah tangga lain',
    en: 'The NIK is also registered in another household',
  });
}

/** R6: a present spouse of the head (hub_krt 2) must be sta_kawin 2. */
function ruleR6(m: MemberFacts): Issue[] {
  const kawin = validCode('member', m.record, 'sta_kawin');
  if (!m.present || m.hubKrt !== 2 || kawin === undefined || kawin === 2) return [];
  const label = labelOf('member', 'sta_kawin');
  const married = codeLabel('member', 'sta_kawin', 2) ?? '2';
  return [
    makeIssue(memberPath(m.index, 'sta_kawin'), 'R6', {
      id: `${label}: istri/suami kepala rumah tangga harus berstatus "${married}"`,
      en: `${label}: the wife/husband of the head of household must be "${married}" (married)`,
    }),
  ];
}

/** R7: a present child (hub_krt 3) is older than the present head. */
function ruleR7(facts: readonly MemberFacts[]): Issue[] {
  const heads = facts.filter((m) => m.present && m.hubKrt === 1);
  // With no head, or several (R1), there is no one to compare with.
  const headBirth = heads.length === 1 ? heads[0]?.birth : undefined;
  if (!headBirth) return [];
  const label = labelOf('member', 'tanggal_lahir');
  return facts
    .filter((m) => m.present && m.hubKrt === 3 && m.birth !== undefined && compareYmd(m.birth, headBirth) < 0)
    .map((m) =>
      makeIssue(memberPath(m.index, 'tanggal_lahir'), 'R7', {
        id: `${label}: anak lebih tua dari kepala rumah tangga`,
        en: `${label}: a child (anak) is older than the head of household`,
      }),
    );
}

/** R8: the kode_wilayah of a new household must be a desa of the package's district and scope. */
function ruleR8(household: Readonly<Record<string, unknown>>, opts: RecordValidationOptions): Issue[] {
  if (!opts.isNew || !opts.allowedDesa) return [];
  const def = fieldDef('household', 'kode_wilayah');
  const code = own(household, 'kode_wilayah');
  // A missing or malformed code is already REQUIRED/TYPE/PATTERN.
  if (!def || typeof code !== 'string' || checkValue(def, code, '').length > 0 || opts.allowedDesa.has(code)) return [];
  const shown = formatRegionCode(code);
  return [
    makeIssue('household.kode_wilayah', 'R8', {
      id: `${def.label}: ${shown} bukan desa/kelurahan dalam wilayah kerja paket ini`,
      en: `${def.label}: ${shown} is not a desa/kelurahan of this package's district and scope`,
    }),
  ];
}

/** R9: under 10 and not sta_kawin 1; under 5 and sta_bekerja = true. */
function ruleR9(m: MemberFacts): Issue[] {
  if (m.age === undefined) return [];
  const issues: Issue[] = [];
  const kawin = validCode('member', m.record, 'sta_kawin');
  if (m.age < 10 && kawin !== undefined && kawin !== 1) {
    const label = labelOf('member', 'sta_kawin');
    const single = codeLabel('member', 'sta_kawin', 1) ?? '1';
    issues.push(
      makeIssue(memberPath(m.index, 'sta_kawin'), 'R9', {
        id: `${label}: anggota berumur ${m.age} tahun (di bawah 10 tahun) seharusnya "${single}"`,
        en: `${label}: a member aged ${m.age} (under 10) should be "${single}" (never married)`,
      }),
    );
  }
  if (m.age < 5 && own(m.record, 'sta_bekerja') === true) {
    const label = labelOf('member', 'sta_bekerja');
    issues.push(
      makeIssue(memberPath(m.index, 'sta_bekerja'), 'R9', {
        id: `${label}: anggota berumur ${m.age} tahun (di bawah 5 tahun) seharusnya tidak bekerja`,
        en: `${label}: a member aged ${m.age} (under 5) should not be working`,
      }),
    );
  }
  return issues;
}

/** R10: sta_hamil = true under 10 or over 55. */
function ruleR10(m: MemberFacts): Issue[] {
  if (m.age === undefined || own(m.record, 'sta_hamil') !== true || (m.age >= 10 && m.age <= 55)) return [];
  const label = labelOf('member', 'sta_hamil');
  return [
    makeIssue(memberPath(m.index, 'sta_hamil'), 'R10', {
      id: `${label}: tidak wajar untuk umur ${m.age} tahun (di bawah 10 atau di atas 55 tahun)`,
      en: `${label}: unlikely at age ${m.age} (under 10 or over 55)`,
    }),
  ];
}

/** R11: tanggal_lahir after the check date, or more than 120 years before it. */
function ruleR11(m: MemberFacts, at: Ymd): Issue[] {
  if (!m.birth) return [];
  const after = compareYmd(m.birth, at) > 0;
  // Exactly 120 years is still allowed; comparing tuples avoids needing 29 February to exist.
  const tooOld = !after && compareYmd(m.birth, { ...at, year: at.year - 120 }) < 0;
  if (!after && !tooOld) return []; // the usual case: no dates to format
  const label = labelOf('member', 'tanggal_lahir');
  const [bornId, bornEn, atId, atEn] = [
    formatLongDate(m.birth, 'id'),
    formatLongDate(m.birth, 'en'),
    formatLongDate(at, 'id'),
    formatLongDate(at, 'en'),
  ];
  if (after) {
    return [
      makeIssue(memberPath(m.index, 'tanggal_lahir'), 'R11', {
        id: `${label}: ${bornId} sesudah tanggal pemeriksaan (${atId})`,
        en: `${label}: ${bornEn} is after the check date (${atEn})`,
      }),
    ];
  }
  return [
    makeIssue(memberPath(m.index, 'tanggal_lahir'), 'R11', {
      id: `${label}: ${bornId} lebih dari 120 tahun sebelum tanggal pemeriksaan (${atId})`,
      en: `${label}: ${bornEn} is more than 120 years before the check date (${atEn})`,
    }),
  ];
}

function memberFacts(record: Readonly<Record<string, unknown>>, index: number, at: Ymd): MemberFacts {
  const tanggal = own(record, 'tanggal_lahir');
  const birth = typeof tanggal === 'string' ? parseIsoDate(tanggal) : undefined;
  // No age for a birth after the check date: R11 reports it, and the age rules would only echo it.
  const age = birth && compareYmd(birth, at) <= 0 ? ageAt(birth, at) : undefined;
  return {
    index,
    record,
    present: isPresentMember(record),
    hubKrt: validCode('member', record, 'hub_krt'),
    birth,
    age,
  };
}

/** Validates a household with its members at `checkDate`; errors reject, warnings are shown to the reviewer. */
export function validateHouseholdRecord(record: HouseholdRecordInput, opts: RecordValidationOptions): ValidationResult {
  const at = parseIsoDate(opts.checkDate);
  if (!at) throw new Error(`validateHouseholdRecord: checkDate must be YYYY-MM-DD, got ${opts.checkDate}`);
  const notObject: Message = { id: 'Data harus berupa objek JSON', en: 'The data must be a JSON object' };
  const issues: Issue[] = [];

  const household = isPlainObject(record.household) ? record.household : {};
  if (!isPlainObject(record.household)) issues.push(makeIssue('household', 'TYPE', notObject));
  issues.push(...checkRecordFields('household', household, 'household'));

  const members: unknown[] = Array.isArray(record.members) ? record.members : [];
  if (!Array.isArray(record.members)) {
    issues.push(
      makeIssue('members', 'TYPE', {
        id: 'Daftar anggota harus berupa larik JSON',
        en: 'The members must be a JSON array',
      }),
    );
  }
  const facts: MemberFacts[] = [];
  members.forEach((m, i) => {
    if (!isPlainObject(m)) {
      issues.push(makeIssue(`members[${i}]`, 'TYPE', notObject));
      return;
    }
    issues.push(...checkRecordFields('member', m, `members[${i}].fields`));
    facts.push(memberFacts(m, i, at));
  });

  issues.push(...ruleR1(household, facts), ...ruleR8(household, opts));
  for (const m of facts) {
    issues.push(...ruleR4(m), ...ruleR5(m, opts.nikHeldElsewhere), ...ruleR6(m), ...ruleR9(m), ...ruleR10(m), ...ruleR11(m, at));
  }
  issues.push(...ruleR7(facts));
  return splitIssues(issues);
}

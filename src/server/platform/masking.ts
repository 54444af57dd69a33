// The one masking rule for roles without `personal:unmasked` (PROVINSI), applied by every service
// before personal data leaves it: the API lists and household page, the change history and the
// finalised-data exports. The rule keeps what a province needs for statistics and oversight
// (region, desil, household composition) and drops what re-identifies a person: numbers show only
// their last 4 digits, names only their initials, a birth date only its year, an address only its
// desa. The first digits of a NIK encode region, birth date and sex; with those masked nothing
// else in the masked view rebuilds them (issue 9, finding 2).

type Masker = (value: unknown, desaName: string | null) => unknown;

/** A number (NIK, No KK, KKS, account or customer number) with all but its last 4 digits as `*`: `************0001`. */
export function lastFour(value: string | null): string | null {
  if (value === null) return null;
  const chars = Array.from(value.trim());
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

/** A name as the initial of each word, with a fixed mark so the length of a word is not revealed: `Siti Aminah` → `S*** A***`. */
export function initials(value: string | null): string | null {
  if (value === null) return null;
  const words = value
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '');
  return words.map((w) => `${Array.from(w)[0]!.toUpperCase()}***`).join(' ');
}

/** A birth date ('YYYY-MM-DD' or a Date) as its year only: `1987`. */
export function birthYear(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return String(value.getUTCFullYear());
  const m = /^(\d{4})/.exec(String(value));
  return m ? m[1]! : null;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const asNumber: Masker = (v) => lastFour(text(v));
const asName: Masker = (v) => initials(text(v));
const removed: Masker = () => null;

// Fields of a household or member (dictionary names) and how each is masked; a field not named
// here is not personal. Numbers of cards and accounts follow the `no_`/`nomor_` naming of the
// dictionary, so a field added later (e.g. `nomor_kks`, `no_rekening`) is masked without a change here.
const FIELD_MASKS: Record<string, Masker> = {
  nik: asNumber,
  nama: asName,
  nama_krt: asName,
  nama_ibu_kandung: asName,
  tanggal_lahir: (v) => birthYear(v),
  alamat: (_v, desa) => desa ?? '',
  nama_sls: removed,
  lat: removed,
  lng: removed,
};
const NUMBER_FIELD = /^(no|nomor)_/;

function maskerOf(field: string): Masker | undefined {
  return FIELD_MASKS[field] ?? (NUMBER_FIELD.test(field) ? asNumber : undefined);
}

/** Whether a field of a household or member is personal data that a masked role sees masked. */
export function isMaskedField(field: string): boolean {
  return maskerOf(field) !== undefined;
}

/**
 * A household or member record (any subset of dictionary fields) with its personal fields masked.
 * `desaName` replaces the address; nested `members` arrays are masked too.
 */
export function maskRecord<T extends object>(record: T, desaName: string | null): T {
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [field, value] of Object.entries(record)) {
    if (field === 'members' && Array.isArray(value)) {
      out.members = value.map((m) => (m !== null && typeof m === 'object' ? maskRecord(m as Record<string, unknown>, desaName) : m));
      continue;
    }
    const masker = maskerOf(field);
    if (masker && value !== null && value !== undefined) out[field] = masker(value, desaName);
  }
  return out as T;
}

/** One value of a field (a history entry, a table cell) masked as `maskRecord` masks it. */
export function maskFieldValue(field: string, value: unknown, desaName: string | null): unknown {
  if (value === null || value === undefined) return value;
  if (field === 'anggota_baru') {
    // "<idartbdt> <name>" of a member added by a proposal.
    const [id, ...name] = String(value).split(' ');
    return name.length > 0 ? `${id} ${initials(name.join(' '))}` : id;
  }
  const masker = maskerOf(field);
  return masker ? masker(value, desaName) : value;
}

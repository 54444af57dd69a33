// The field rules of Profil (F4), with messages that name the field in the user's language.
// Routes only check the JSON shape; these rules run in the service, so that every message a user
// reads comes from here, in Bahasa Indonesia or English, never zod's English defaults.
import { z } from 'zod';
import { AppError, type Lang } from '../../platform/errors.ts';

type Text = { id: string; en: string };

/** Field labels as the forms show them. */
export const FIELD_LABELS = {
  namaInstansi: { id: 'Nama Instansi', en: 'Institution name' },
  alamat: { id: 'Alamat', en: 'Address' },
  nomorTelepon: { id: 'Nomor Telepon', en: 'Telephone number' },
  namaKepalaDinas: { id: 'Nama Kepala Dinas', en: 'Name of the Head of Office' },
  nipKepalaDinas: { id: 'NIP Kepala Dinas', en: 'NIP of the Head of Office' },
  namaBupati: { id: 'Nama Bupati/Wali Kota', en: 'Name of the Regent/Mayor' },
  samaDenganKepalaDinas: { id: 'Sama dengan Kepala Dinas?', en: 'Same as the Head of Office?' },
  namaPengesah: { id: 'Nama Pengesah', en: 'Name of the signing official' },
  nipPengesah: { id: 'NIP Pengesah', en: 'NIP of the signing official' },
  nama: { id: 'Nama Pengguna', en: 'User name' },
  nomorHp: { id: 'Nomor HP', en: 'Mobile number' },
  email: { id: 'Email', en: 'E-mail' },
} as const satisfies Record<string, Text>;

export type FieldName = keyof typeof FIELD_LABELS;

/** Maximum lengths, the same as the columns of migrations/0006_create_profiles.sql and users.name. */
export const MAX_LENGTH = { namaInstansi: 150, alamat: 300, nama: 100, email: 254 } as const;

const MESSAGES = {
  required: (l: Text): Text => ({ id: `${l.id} wajib diisi.`, en: `${l.en} is required.` }),
  max: (l: Text, n: number): Text => ({
    id: `${l.id} maksimal ${n} karakter.`,
    en: `${l.en} must be at most ${n} characters.`,
  }),
  nip: (l: Text): Text => ({
    id: `${l.id} harus terdiri dari 18 digit angka.`,
    en: `${l.en} must be exactly 18 digits.`,
  }),
  phone: (l: Text): Text => ({
    id: `${l.id} tidak valid. Tulis +62, 62 atau 0 diikuti 8–13 digit, misalnya 0812-3456-7890.`,
    en: `${l.en} is not valid. Write +62, 62 or 0 followed by 8–13 digits, e.g. 0812-3456-7890.`,
  }),
  email: (l: Text): Text => ({
    id: `${l.id} tidak valid, misalnya nama@dinsos.go.id.`,
    en: `${l.en} is not a valid address, e.g. name@dinsos.go.id.`,
  }),
};

const PHONE = /^(?:\+62|62|0)([1-9][0-9]{7,12})$/;

/** A phone number in an Indonesian format (+62/62/0 and 8–13 digits, spaces and dashes allowed) as +62…, else null. */
export function normalisePhone(input: string): string | null {
  const m = PHONE.exec(input.replace(/[\s-]/g, ''));
  return m ? `+62${m[1]}` : null;
}

/** A NIP with its customary spaces removed (`19650101 199003 1 001`), when it is 18 digits; else null. */
export function normaliseNip(input: string): string | null {
  const s = input.replace(/\s/g, '');
  return /^[0-9]{18}$/.test(s) ? s : null;
}

// Absent, null, and blank text are all "not filled in".
const blankToNull = (v: unknown) => (v == null || (typeof v === 'string' && v.trim() === '') ? null : v);

function builders(lang: Lang) {
  const say = (t: Text) => t[lang];
  const requiredText = (f: FieldName, max: number) =>
    z.preprocess(
      blankToNull,
      z
        .string({ error: say(MESSAGES.required(FIELD_LABELS[f])) })
        .trim()
        .max(max, say(MESSAGES.max(FIELD_LABELS[f], max))),
    );
  const optionalText = (f: FieldName, max: number) =>
    z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .max(max, say(MESSAGES.max(FIELD_LABELS[f], max)))
        .nullable(),
    );
  const normalised = (f: FieldName, normalise: (s: string) => string | null, message: (l: Text) => Text) =>
    z.string().transform((s, ctx) => {
      const v = normalise(s);
      if (v === null) {
        ctx.addIssue({ code: 'custom', message: say(message(FIELD_LABELS[f])) });
        return z.NEVER;
      }
      return v;
    });
  // Blank becomes null, which the string check refuses with the "required" message.
  const required = (f: FieldName, schema: z.ZodType<string, string>) =>
    z.preprocess(blankToNull, z.string({ error: say(MESSAGES.required(FIELD_LABELS[f])) }).pipe(schema));
  const optional = (schema: z.ZodType<string, string>) => z.preprocess(blankToNull, schema.nullable());
  const email = (f: FieldName) =>
    optional(
      z
        .string()
        .trim()
        .max(MAX_LENGTH.email, say(MESSAGES.max(FIELD_LABELS[f], MAX_LENGTH.email)))
        .pipe(z.email(say(MESSAGES.email(FIELD_LABELS[f])))),
    );
  return { say, requiredText, optionalText, normalised, required, optional, email };
}

function instansiSchema(lang: Lang) {
  const b = builders(lang);
  return z.object({
    namaInstansi: b.requiredText('namaInstansi', MAX_LENGTH.namaInstansi),
    alamat: b.requiredText('alamat', MAX_LENGTH.alamat),
    nomorTelepon: b.required('nomorTelepon', b.normalised('nomorTelepon', normalisePhone, MESSAGES.phone)),
    namaKepalaDinas: b.requiredText('namaKepalaDinas', MAX_LENGTH.nama),
    nipKepalaDinas: b.required('nipKepalaDinas', b.normalised('nipKepalaDinas', normaliseNip, MESSAGES.nip)),
    namaBupati: b.requiredText('namaBupati', MAX_LENGTH.nama),
  });
}

function pengesahanSchema(lang: Lang) {
  const b = builders(lang);
  return z.object({
    samaDenganKepalaDinas: z.boolean(),
    nama: b.optionalText('namaPengesah', MAX_LENGTH.nama),
    nip: b.optional(b.normalised('nipPengesah', normaliseNip, MESSAGES.nip)),
  });
}

function penggunaSchema(lang: Lang) {
  const b = builders(lang);
  return z.object({
    nama: b.requiredText('nama', MAX_LENGTH.nama),
    nomorHp: b.optional(b.normalised('nomorHp', normalisePhone, MESSAGES.phone)),
    email: b.email('email'),
  });
}

export type InstansiInput = z.output<ReturnType<typeof instansiSchema>>;
export type PengesahanInput = z.output<ReturnType<typeof pengesahanSchema>>;
export type PenggunaInput = z.output<ReturnType<typeof penggunaSchema>>;

/** One refused field: its JSON path, its name, and the message (naming the field) in the user's language. */
export interface FieldError {
  path: string;
  field: string;
  message: string;
}

// The API field of each path, for the label in the summary message.
const PATH_LABELS: Record<string, FieldName> = {
  namaInstansi: 'namaInstansi',
  alamat: 'alamat',
  nomorTelepon: 'nomorTelepon',
  namaKepalaDinas: 'namaKepalaDinas',
  nipKepalaDinas: 'nipKepalaDinas',
  namaBupati: 'namaBupati',
  samaDenganKepalaDinas: 'samaDenganKepalaDinas',
  nama: 'nama',
  nip: 'nipPengesah',
  nomorHp: 'nomorHp',
  email: 'email',
};

function refuse(errors: FieldError[], labels: Text[]): AppError {
  return new AppError('VALIDATION', errors, {
    id: `Periksa kembali isian: ${labels.map((l) => l.id).join(', ')}.`,
    en: `Please check: ${labels.map((l) => l.en).join(', ')}.`,
  });
}

// One message per field (the first rule it breaks), with its JSON path.
function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ path: `/${issue.path.join('/')}`, field, message: issue.message });
  }
  return errors;
}

function parseWith<S extends z.ZodType>(schema: S, input: unknown, labelOf: (field: string) => Text): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const errors = fieldErrors(r.error.issues);
  throw refuse(
    errors,
    errors.map((e) => labelOf(e.field)),
  );
}

const schemas = {
  id: { instansi: instansiSchema('id'), pengesahan: pengesahanSchema('id'), pengguna: penggunaSchema('id') },
  en: { instansi: instansiSchema('en'), pengesahan: pengesahanSchema('en'), pengguna: penggunaSchema('en') },
};

const pathLabel = (field: string): Text => FIELD_LABELS[PATH_LABELS[field] ?? 'nama'];
const pengesahLabel = (field: string): Text =>
  field === 'nama' ? FIELD_LABELS.namaPengesah : field === 'nip' ? FIELD_LABELS.nipPengesah : pathLabel(field);

/** Validates Profil Instansi; throws VALIDATION with one message per refused field. */
export function parseInstansi(input: unknown, lang: Lang): InstansiInput {
  return parseWith(schemas[lang].instansi, input, pathLabel);
}

/** Validates Profil Pengesahan: Nama and NIP are required unless the signer is the Kepala Dinas. */
export function parsePengesahan(input: unknown, lang: Lang): PengesahanInput {
  // "Sama dengan Kepala Dinas": the form hides Nama and NIP, so whatever they still hold is ignored.
  if ((input as { samaDenganKepalaDinas?: unknown } | null)?.samaDenganKepalaDinas === true) {
    return { samaDenganKepalaDinas: true, nama: null, nip: null };
  }
  const r = schemas[lang].pengesahan.safeParse(input);
  const errors = r.success ? [] : fieldErrors(r.error.issues);
  // Reported together with any format error, so that one Submit shows every field to fix.
  const raw = (input ?? {}) as Record<string, unknown>;
  for (const f of ['nama', 'nip'] as const) {
    if (blankToNull(raw[f]) === null && !errors.some((e) => e.field === f)) {
      errors.push({ path: `/${f}`, field: f, message: MESSAGES.required(pengesahLabel(f))[lang] });
    }
  }
  if (errors.length > 0 || !r.success) {
    errors.sort((a, b) => a.path.localeCompare(b.path)); // form order: nama, nip
    throw refuse(
      errors,
      errors.map((e) => pengesahLabel(e.field)),
    );
  }
  return r.data;
}

/** Validates Profil Pengguna; throws VALIDATION with one message per refused field. */
export function parsePengguna(input: unknown, lang: Lang): PenggunaInput {
  return parseWith(schemas[lang].pengguna, input, pathLabel);
}

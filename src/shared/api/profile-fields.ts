// The request bodies of Profil (F4) with their field rules (lengths, NIP, phone, e-mail): the
// routes validate with them, and a refused save is answered once, by the server's validation
// answer (http/errors.ts with validation.ts): one message per field, naming it, in the user's
// language. Language-neutral: the labels and the wording of the NIP and phone rules travel with
// the schemas.
import { z } from 'zod';
import { text } from './common.ts';
import { type Text, labelled } from './validation.ts';

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

/** Maximum lengths, the same as the columns of migrations/0006_create_profiles.sql and users.name. */
export const MAX_LENGTH = { namaInstansi: 150, alamat: 300, nama: 100, email: 254 } as const;

const NIP_RULE: Text = { id: 'harus terdiri dari 18 digit angka', en: 'must be exactly 18 digits' };
const PHONE_RULE: Text = {
  id: 'tidak valid. Tulis +62, 62 atau 0 diikuti 8–13 digit, misalnya 0812-3456-7890',
  en: 'is not valid. Write +62, 62 or 0 followed by 8–13 digits, e.g. 0812-3456-7890',
};

const PHONE_ABOUT = '+62, 62 or 0 followed by 8–13 digits (spaces and dashes allowed), stored as +62…';
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

// Absent, null, and blank text are all "not filled in" (null); the rules apply to what is left.
const blankToNull = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v);
const sent = (max = 2000) => text().trim().max(max).nullish().transform(blankToNull);
const filled = z.string(); // refuses the null left by blankToNull: "wajib diisi"

// Labels are attached last: describe() makes a new schema, which would not carry them.
const described = <S extends z.ZodType>(schema: S, about?: string): S => (about ? schema.describe(about) : schema);
const requiredText = (label: Text, max: number, about?: string) => labelled(described(sent(max).pipe(filled), about), label);

const normalised = (normalise: (s: string) => string | null, rule: Text) =>
  z.string().transform((s, ctx) => {
    const v = normalise(s);
    if (v === null) {
      ctx.addIssue({ code: 'custom', message: rule.en, params: { code: 'PATTERN', text: rule } });
      return z.NEVER;
    }
    return v;
  });
const requiredNormalised = (label: Text, normalise: (s: string) => string | null, rule: Text, about?: string) =>
  labelled(described(sent().pipe(normalised(normalise, rule)), about), label);
const optionalNormalised = (label: Text, normalise: (s: string) => string | null, rule: Text, about?: string) =>
  labelled(described(sent().pipe(normalised(normalise, rule).nullable()), about), label);

/** Body of updateDistrictProfile (Profil Instansi): every field required; phone stored as +62…. */
export const InstansiBodySchema = z.object({
  namaInstansi: requiredText(FIELD_LABELS.namaInstansi, MAX_LENGTH.namaInstansi, 'At most 150 characters'),
  alamat: requiredText(FIELD_LABELS.alamat, MAX_LENGTH.alamat, 'At most 300 characters'),
  nomorTelepon: requiredNormalised(FIELD_LABELS.nomorTelepon, normalisePhone, PHONE_RULE, PHONE_ABOUT),
  namaKepalaDinas: requiredText(FIELD_LABELS.namaKepalaDinas, MAX_LENGTH.nama, 'At most 100 characters'),
  nipKepalaDinas: requiredNormalised(FIELD_LABELS.nipKepalaDinas, normaliseNip, NIP_RULE, '18 digits'),
  namaBupati: requiredText(FIELD_LABELS.namaBupati, MAX_LENGTH.nama, 'Nama Bupati/Wali Kota, at most 100 characters'),
});

/**
 * Body of updateDistrictApproval (Profil Pengesahan). "Sama dengan Kepala Dinas": the form hides
 * Nama and NIP, so whatever they still hold is ignored; otherwise both are required.
 */
export const PengesahanBodySchema = z.discriminatedUnion('samaDenganKepalaDinas', [
  z
    .object({
      samaDenganKepalaDinas: labelled(z.literal(true), FIELD_LABELS.samaDenganKepalaDinas),
      nama: text().max(2000).nullish(),
      nip: text().max(2000).nullish(),
    })
    .transform(() => ({ samaDenganKepalaDinas: true as const, nama: null, nip: null })),
  z.object({
    samaDenganKepalaDinas: labelled(z.literal(false), FIELD_LABELS.samaDenganKepalaDinas),
    nama: requiredText(FIELD_LABELS.namaPengesah, MAX_LENGTH.nama),
    nip: requiredNormalised(FIELD_LABELS.nipPengesah, normaliseNip, NIP_RULE, '18 digits'),
  }),
]);

/** Body of updateMyProfile (Profil Pengguna): nama required; nomorHp and email optional. */
export const UserProfileBodySchema = z.object({
  nama: requiredText(FIELD_LABELS.nama, MAX_LENGTH.nama, 'At most 100 characters'),
  nomorHp: optionalNormalised(FIELD_LABELS.nomorHp, normalisePhone, PHONE_RULE, PHONE_ABOUT),
  email: labelled(sent(MAX_LENGTH.email).pipe(z.email().nullable()), FIELD_LABELS.email),
});

export type InstansiInput = z.output<typeof InstansiBodySchema>;
export type PengesahanInput = z.output<typeof PengesahanBodySchema>;
export type PenggunaInput = z.output<typeof UserProfileBodySchema>;

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InstansiBodySchema, PengesahanBodySchema } from './profile-fields.ts';
import { fieldLabel, labelled, localiseIssues } from './validation.ts';

const answer = (schema: z.ZodType, input: unknown, lang: 'id' | 'en' = 'id') => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a refusal');
  return localiseIssues(r.error.issues as never, { lang, schema, input });
};

describe('field labels', () => {
  it('prefers the schema label, then the dictionary (snake or camel case), then common names, then the key made readable', () => {
    const schema = z.object({ kode: labelled(z.string(), { id: 'Kode Usulan', en: 'Proposal code' }) });
    expect(fieldLabel(['kode'], schema)).toEqual({ id: 'Kode Usulan', en: 'Proposal code' });
    expect(fieldLabel(['kodeWilayah']).id).toBe('Kode desa/kelurahan');
    expect(fieldLabel(['household', 'kode_wilayah']).id).toBe('Kode desa/kelurahan');
    expect(fieldLabel(['members', 0, 'fields', 'nik']).id).toBe('NIK');
    expect(fieldLabel(['reason'])).toEqual({ id: 'Alasan', en: 'Reason' });
    expect(fieldLabel(['acceptedFields', 3]).en).toBe('Accepted fields');
    expect(fieldLabel([]).id).toBe('Data');
  });

  it('finds labels through wrappers, pipes and discriminated unions', () => {
    expect(fieldLabel(['nipKepalaDinas'], InstansiBodySchema).id).toBe('NIP Kepala Dinas');
    expect(fieldLabel(['nip'], PengesahanBodySchema).id).toBe('NIP Pengesah');
    expect(fieldLabel(['samaDenganKepalaDinas'], PengesahanBodySchema).en).toBe('Same as the Head of Office?');
  });
});

describe('localised issues', () => {
  const schema = z.object({
    name: z.string().min(1).max(5),
    count: z.number().int().gt(0).lte(10),
    tags: z.array(z.string()).max(1),
    day: z.iso.date(),
    id: z.uuid(),
    kind: z.enum(['A', 'B']),
  });

  it('words each issue kind as a sentence naming the field, with a stable code', () => {
    const r = answer(schema.strict(), { name: 'abcdefg', count: 0, tags: ['a', 'b'], day: '2019-02-30', id: 'x', kind: 'C', extra: 1 });
    expect(r.details.map((d) => [d.code, d.message])).toEqual([
      ['LENGTH', 'Nama maksimal 5 karakter.'],
      ['RANGE', 'Count harus lebih dari 0.'],
      ['LENGTH', 'Tags paling banyak 1 isian.'],
      ['DATE', 'Day bukan tanggal yang valid (format TTTT-BB-HH).'],
      ['PATTERN', 'Id harus berupa UUID.'],
      ['CODE', 'Kind harus salah satu dari: A, B.'],
      ['UNKNOWN_FIELD', 'Kolom "extra" tidak dikenal.'],
    ]);
    expect(r.details.at(-1)?.path).toBe('/extra');
    const en = answer(
      schema,
      { name: '', count: 11.5, tags: [], day: '2019-02-28', id: '0b7a4c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d', kind: 'A' },
      'en',
    );
    expect(en.details.map((d) => [d.path, d.code, d.message])).toEqual([
      ['/name', 'REQUIRED', 'Name is required.'],
      ['/count', 'TYPE', 'Count must be a whole number.'],
    ]);
    expect(en.message).toBe('Please check: Name, Count.');
  });

  it('a missing, null or blank value is REQUIRED; a value of another type is TYPE', () => {
    const s = z.object({ a: z.string(), b: z.number(), c: z.boolean() });
    expect(answer(s, { a: null, b: '3' }).details.map((d) => `${d.path} ${d.code} ${d.message}`)).toEqual([
      '/a REQUIRED A wajib diisi.',
      '/b TYPE B harus berupa angka.',
      '/c REQUIRED C wajib diisi.',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { countsBy, findUnprintable, isErrorBody, isPrintableText, pageOf, pagingQuery, text } from './common.ts';
import { localiseIssues } from './validation.ts';
import { z } from 'zod';

describe('API contract pieces', () => {
  it('paging reads page and pageSize from a query string, with defaults and bounds', () => {
    const q = z.object(pagingQuery({ pageSize: 10, maxPage: 5 }));
    expect(q.parse({})).toEqual({ page: 1, pageSize: 10 });
    expect(q.parse({ page: '3', pageSize: '100' })).toEqual({ page: 3, pageSize: 100 });
    expect(q.safeParse({ page: '6' }).success).toBe(false);
    expect(q.safeParse({ pageSize: '101' }).success).toBe(false);
    expect(q.safeParse({ page: '0' }).success).toBe(false);
  });

  it('a page of a list answers items, total, page and pageSize, and drops anything else', () => {
    const page = pageOf(z.object({ id: z.number() }));
    expect(page.parse({ items: [{ id: 1, secret: 'x' }], total: 1, page: 1, pageSize: 25, extra: true })).toEqual({
      items: [{ id: 1 }],
      total: 1,
      page: 1,
      pageSize: 25,
    });
  });

  it('counts by key require a number for every key', () => {
    const counts = countsBy(['A', 'B'] as const);
    expect(counts.parse({ A: 1, B: 0 })).toEqual({ A: 1, B: 0 });
    expect(counts.safeParse({ A: 1 }).success).toBe(false);
  });

  it('recognises the error shape of every refusal', () => {
    expect(isErrorBody({ code: 'NOT_FOUND', message: 'Data tidak ditemukan.' })).toBe(true);
    expect(isErrorBody({ code: 'VALIDATION', message: 'x', details: [{ path: '/q' }] })).toBe(true);
    expect(isErrorBody({ code: 404 })).toBe(false);
    expect(isErrorBody('<html>')).toBe(false);
    expect(isErrorBody(null)).toBe(false);
  });
});

describe('the printable-text rule', () => {
  it('finding 9: refuses U+0000 and unpaired surrogates, keeps paired ones and any normalisation form exactly', () => {
    for (const bad of ['a\u0000', '\ud800', 'x\udc00', '\udc00\ud800', 'ok\ud83d']) expect(isPrintableText(bad)).toBe(false);
    for (const good of ['', 'Sumarni', 'skrip 😀', 'e\u0301', '\u00e9', 'tab\tline\n']) expect(isPrintableText(good)).toBe(true);
    // Kept exactly: "é" decomposed stays decomposed (never normalised silently).
    expect(text().parse('e\u0301')).toBe('e\u0301');
    expect(findUnprintable({ a: ['ok', 'x\u0000'], b: { 'k\ud800': 1 }, c: 5 })).toEqual([
      ['a', 1],
      ['b', 'k\ud800'],
    ]);
  });

  it('finding 9: a contract text field refuses such text with a localised TYPE finding', () => {
    const schema = z.object({ name: text().max(10) });
    const r = schema.safeParse({ name: 'a\u0000' });
    expect(r.success).toBe(false);
    const { details } = localiseIssues(r.error!.issues as never, { lang: 'id', schema });
    expect(details).toEqual([
      {
        path: '/name',
        field: 'name',
        code: 'TYPE',
        message: 'Nama memuat karakter yang tidak diizinkan (NUL atau surrogate Unicode tunggal).',
      },
    ]);
  });
});

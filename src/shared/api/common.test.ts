import { describe, expect, it } from 'vitest';
import { countsBy, isErrorBody, pageOf, pagingQuery } from './common.ts';
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

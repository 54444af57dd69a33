import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { LIST_EXACT_COUNT_LIMIT } from '../../src/server/modules/households/households.queries.ts';
import { ctx, get, householdsOf, p, setupTestBed } from '../support/bed.ts';

// Issue 9 finding 10: the household list counted the whole district on every page (≈ 100 ms of
// a single-threaded PGlite per request), and joined the regions before cutting the page.
const LARGE = LIST_EXACT_COUNT_LIMIT + 50;
setupTestBed((c) => seedDistrict(c, { kab: '3174', households: LARGE, seed: 5 }));

type ListPage = { items: { idbdt: string; nama_desa: string; nama_kecamatan: string }[]; total: number; totalApproximate: boolean };

describe('View Data Kesos: the count of a large list', () => {
  it('finding 10: pages of a large list reuse one count, marked approximate; small lists count exactly', async () => {
    const first = await get(p.supervisorJakSel, '/api/v1/households?page=1&pageSize=25');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ total: LARGE, totalApproximate: true, page: 1, pageSize: 25 });

    // Three more households arrive; the next page does not count the district again.
    await seedDistrict(ctx, { kab: '3174', households: 3, seed: 6 });
    const second = await get(p.supervisorJakSel, '/api/v1/households?page=2&pageSize=25');
    const page2 = second.json() as ListPage;
    expect(page2).toMatchObject({ total: LARGE, totalApproximate: true });
    // The rows themselves are current: the 26th to 50th household of the district, with their region names.
    const all = await householdsOf('3174');
    expect(all.length).toBe(LARGE + 3);
    expect(page2.items.map((h) => h.idbdt)).toEqual(all.slice(25, 50).map((h) => h.idbdt));
    expect(page2.items.every((h) => h.nama_desa && h.nama_kecamatan)).toBe(true);

    // A list of at most LIST_EXACT_COUNT_LIMIT matches is counted exactly on every request.
    const desa = all.at(-1)!.kode_wilayah;
    const inDesa = await sql<{ n: number }>`select count(*)::int as n from households where kode_wilayah = ${desa}`.execute(
      ctx.database.db,
    );
    const small = await get(p.supervisorJakSel, `/api/v1/households?desa=${desa}`);
    expect(small.json()).toMatchObject({ total: inDesa.rows[0]!.n, totalApproximate: false });
    // Another scope is another count: the operator of 317401 sees its own kecamatan's exact number.
    const operator = (await get(p.operatorDesa, '/api/v1/households')).json() as ListPage;
    expect(operator.total).toBe(all.filter((h) => h.kode_wilayah.startsWith('317401')).length);
  });
});

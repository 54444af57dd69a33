import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, parseFilter, serializeFilter, toHouseholdQuery } from './filters.ts';
import { pageCount, pageRange, regionFilterPlan, searchProblem } from './filters.ts';

describe('list filter in the URL', () => {
  it('round-trips through the query string', () => {
    const f = {
      ...EMPTY_FILTER,
      q: 'siti',
      kecamatan: '317401',
      desa: '3174011001',
      status: 'AKTIF' as const,
      desil: 3,
      program: 'PBI' as const,
      page: 2,
    };
    const s = serializeFilter(f);
    expect(s).toBe('?q=siti&kecamatan=317401&desa=3174011001&status=AKTIF&desil=3&program=PBI&page=2');
    expect(parseFilter(s)).toEqual(f);
  });

  it('leaves out defaults', () => {
    expect(serializeFilter(EMPTY_FILTER)).toBe('');
    expect(parseFilter('')).toEqual(EMPTY_FILTER);
  });

  it('drops invalid values', () => {
    expect(parseFilter('?kecamatan=31&desa=99&status=X&desil=11&page=-1')).toEqual(EMPTY_FILTER);
    expect(parseFilter('?desil=0&page=abc')).toEqual(EMPTY_FILTER);
    expect(parseFilter('?program=KIP')).toEqual(EMPTY_FILTER);
  });

  it('keeps the province and district of a national user, each inside the one above', () => {
    const f = { ...EMPTY_FILTER, provinsi: '31', kab: '3174', kecamatan: '317401' };
    expect(serializeFilter(f)).toBe('?provinsi=31&kab=3174&kecamatan=317401');
    expect(parseFilter('?provinsi=31&kab=3174&kecamatan=317401')).toEqual(f);
    expect(parseFilter('?provinsi=32&kab=3174&kecamatan=317401')).toEqual({ ...EMPTY_FILTER, provinsi: '32' });
    expect(toHouseholdQuery({ ...EMPTY_FILTER, provinsi: '31', kab: '3174' })).toEqual({
      provinsi: '31',
      kab: '3174',
      page: 1,
      pageSize: 25,
    });
  });

  it('drops a desa outside the chosen kecamatan but keeps a desa alone', () => {
    expect(parseFilter('?kecamatan=317401&desa=3174021001').desa).toBe('');
    expect(parseFilter('?desa=3174021001').desa).toBe('3174021001');
  });

  it('builds the API query with a trimmed search', () => {
    expect(toHouseholdQuery({ ...EMPTY_FILTER, q: '  budi ', desil: 10, program: 'PKH', page: 3 })).toEqual({
      q: 'budi',
      desil: 10,
      program: 'PKH',
      page: 3,
      pageSize: 25,
    });
    expect(toHouseholdQuery({ ...EMPTY_FILTER, q: '   ' })).toEqual({ page: 1, pageSize: 25 });
  });
});

describe('paging', () => {
  it('counts pages (at least one)', () => {
    const cases: [total: number, pages: number][] = [
      [0, 1],
      [25, 1],
      [26, 2],
      [20000, 800],
    ];
    for (const [total, pages] of cases) expect(pageCount(total), `${total} rows`).toBe(pages);
  });

  it('computes the shown range', () => {
    expect(pageRange(1, 25, 20000)).toEqual({ from: 1, to: 25 });
    expect(pageRange(800, 25, 20000)).toEqual({ from: 19976, to: 20000 });
    expect(pageRange(2, 25, 30)).toEqual({ from: 26, to: 30 });
    expect(pageRange(1, 25, 0)).toEqual({ from: 0, to: 0 });
    expect(pageRange(5, 25, 30)).toEqual({ from: 0, to: 0 });
  });
});

describe('regionFilterPlan', () => {
  it('offers kecamatan then desa to a district supervisor', () => {
    expect(regionFilterPlan([{ code: '3174', name: 'KOTA ADM. JAKARTA SELATAN', level: 'kabkota' }])).toEqual({
      kind: 'kecamatan',
      districtCode: '3174',
    });
  });

  it('offers the desa of a kecamatan operator', () => {
    expect(regionFilterPlan([{ code: '317401', name: 'TEBET', level: 'kecamatan' }])).toEqual({
      kind: 'desaOfKecamatan',
      kecamatanCode: '317401',
    });
  });

  it('offers the listed desa of a desa operator, sorted', () => {
    const plan = regionFilterPlan([
      { code: '3174011002', name: 'B', level: 'desa' },
      { code: '3174011001', name: 'A', level: 'desa' },
    ]);
    expect(plan.kind === 'desaList' && plan.desa.map((d) => d.code)).toEqual(['3174011001', '3174011002']);
  });

  it('offers national users every level from the province, and a province user its districts down', () => {
    expect(regionFilterPlan([])).toEqual({ kind: 'national' });
    expect(regionFilterPlan([{ code: '31', name: 'DKI JAKARTA', level: 'provinsi' }])).toEqual({ kind: 'province', provinceCode: '31' });
  });
});

describe('a search that explains itself (issue 13)', () => {
  it('flags a number of the wrong length, whatever its separators; a name or a 16-digit number passes', () => {
    expect(searchProblem('317401170785001')).toEqual({ digits: 15 });
    expect(searchProblem('31.74.01.1001.00012')).toEqual({ digits: 15 });
    expect(searchProblem('317401100100012302')).toEqual({ digits: 18 });
    expect(searchProblem('3174')).toEqual({ digits: 4 });
    expect(searchProblem('3174011707850001')).toBeNull();
    expect(searchProblem('Siti Aminah')).toBeNull();
    expect(searchProblem('')).toBeNull();
  });

  it('sends a dotted IDBDT as its digits, a name as typed', () => {
    expect(toHouseholdQuery({ ...EMPTY_FILTER, q: ' 31.74.01.1001.000123 ' }).q).toBe('3174011001000123');
    expect(toHouseholdQuery({ ...EMPTY_FILTER, q: 'Siti ' }).q).toBe('Siti');
  });
});

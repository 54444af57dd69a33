import { describe, expect, it } from 'vitest';
import { SearchIndex, buildIndex, nameKeys, normName } from './search.ts';

const hh = (idbdt: string, nama_krt: string, extra: Record<string, unknown> = {}) => ({
  idbdt,
  nama_krt,
  kode_wilayah: idbdt.slice(0, 10),
  alamat: `Jl. ${nama_krt}`,
  jumlah_art: 2,
  status: 'AKTIF',
  ...extra,
});
const mm = (idbdt: string, n: string, nama: string, nik: string, extra: Record<string, unknown> = {}) => ({
  idartbdt: `${idbdt}${n}`,
  idbdt,
  nama,
  nik,
  no_kk: `${idbdt.slice(0, 6)}9999990001`,
  sta_keberadaan_art: 1,
  ...extra,
});

const households = [
  hh('3174011001000001', 'Siti Aminah'),
  hh('3174011001000002', 'Budi Santoso'),
  hh('3174011002000001', 'Nur Siti Rahayu'),
  hh('3174011002000002', 'Agus Salim', { status: 'NONAKTIF' }),
  hh('3174011002000003', 'Ñoño Álvarez'),
];
const members = [
  mm('3174011001000001', '01', 'Siti Aminah', '3174015812840001'),
  mm('3174011001000001', '02', 'Joko Widodo', '3174011112920001'),
  mm('3174011001000002', '01', 'Budi Santoso', '3174011212800001', { no_kk: '3174010101010001' }),
  mm('3174011002000001', '01', 'Nur Siti Rahayu', '3174014101900001'),
  mm('3174011002000002', '01', 'Agus Salim', '3174010101700001'),
  mm('3174011002000003', '01', 'Ñoño Álvarez', '3174010202700001'),
  mm('3174011002000003', '02', 'Meninggal Dunia', '3174010303700001', { sta_keberadaan_art: 2 }),
];

// The snapshot goes through structured cloning in IndexedDB: the index must work from a clone.
const index = () => new SearchIndex(structuredClone(buildIndex(households, members)));
const ids = (r: { items: { idbdt: string }[] }) => r.items.map((i) => i.idbdt);

describe('search index', () => {
  it('normalises names and keys every word start', () => {
    expect(normName('  Ñoño   ÁLVAREZ ')).toBe('nono alvarez');
    expect(nameKeys('Nur Siti Rahayu')).toEqual(['nur siti rahayu', 'siti rahayu', 'rahayu']);
  });

  it('finds by name prefix of any member or word, in order of the head name', () => {
    const ix = index();
    expect(ids(ix.search({ q: 'siti' }))).toEqual(['3174011002000001', '3174011001000001']); // Nur Siti…, Siti Aminah
    expect(ids(ix.search({ q: 'Siti Am' }))).toEqual(['3174011001000001']);
    expect(ids(ix.search({ q: 'joko' }))).toEqual(['3174011001000001']);
    expect(ids(ix.search({ q: 'nono' }))).toEqual(['3174011002000003']);
    expect(ids(ix.search({ q: 'ÑOÑO' }))).toEqual(['3174011002000003']);
    expect(ids(ix.search({ q: 'meninggal' }))).toEqual(['3174011002000003']);
    expect(ix.search({ q: 'zzz' }).total).toBe(0);
  });

  it('finds by IDBDT, IDARTBDT, NIK, No KK and IDBDT prefix', () => {
    const ix = index();
    expect(ids(ix.search({ q: '3174011001000002' }))).toEqual(['3174011001000002']);
    expect(ids(ix.search({ q: '317401100100000102' }))).toEqual(['3174011001000001']);
    expect(ids(ix.search({ q: '3174011112920001' }))).toEqual(['3174011001000001']);
    expect(ids(ix.search({ q: '3174010101010001' }))).toEqual(['3174011001000002']);
    expect(ids(ix.search({ q: '3174011002' }))).toEqual(['3174011002000002', '3174011002000003', '3174011002000001']); // Agus, Ñoño, Nur
    expect(ids(ix.search({ q: '31.74.01.1002' }))).toHaveLength(3);
  });

  it('filters by desa, kecamatan and status; pages', () => {
    const ix = index();
    expect(ix.search({ region: '3174011001' }).total).toBe(2);
    expect(ix.search({ region: '317401' }).total).toBe(5);
    expect(ids(ix.search({ status: 'NONAKTIF' }))).toEqual(['3174011002000002']);
    expect(ix.search({ status: 'AKTIF' }).total).toBe(4);
    const all = ids(ix.search({ limit: 100 }));
    expect(all).toEqual(['3174011002000002', '3174011001000002', '3174011002000003', '3174011002000001', '3174011001000001']);
    expect(ids(ix.search({ offset: 2, limit: 2 }))).toEqual(all.slice(2, 4));
    expect(ix.search({ offset: 2, limit: 2 }).total).toBe(5);
    expect(ix.search({ filter: (id) => id.endsWith('1') }).total).toBe(2);
  });

  it('summaries and NIK held elsewhere (present members of AKTIF households only)', () => {
    const ix = index();
    expect(ix.summary(ix.ordinal('3174011002000002'))).toEqual({
      idbdt: '3174011002000002',
      nama_krt: 'Agus Salim',
      alamat: 'Jl. Agus Salim',
      kode_wilayah: '3174011002',
      aktif: false,
      jumlah_art: 2,
    });
    expect(ix.nikHeldElsewhere('3174011112920001', '3174011001000002')).toBe(true);
    expect(ix.nikHeldElsewhere('3174011112920001', '3174011001000001')).toBe(false);
    expect(ix.nikHeldElsewhere('3174010101700001', '3174011001000001')).toBe(false); // NONAKTIF household
    expect(ix.nikHeldElsewhere('3174010303700001', '3174011001000001')).toBe(false); // member no longer present
  });

  it('the overlay makes offline edits searchable', () => {
    const ix = index();
    ix.setOverlay([{ idbdt: '3174011001000002', names: ['Dewi Lestari'], niks: ['3174014101950002'], head: 'Dewi Lestari' }]);
    expect(ids(ix.search({ q: 'lestari' }))).toEqual(['3174011001000002']);
    expect(ids(ix.search({ q: '3174014101950002' }))).toEqual(['3174011001000002']);
    expect(ix.search({ q: 'lestari' }).items[0]!.nama_krt).toBe('Dewi Lestari');
  });

  it('answers well under a second on 50,000 households', { timeout: 120_000 }, () => {
    const first = ['Siti', 'Budi', 'Agus', 'Dewi', 'Joko', 'Sri', 'Nur', 'Ahmad', 'Rina', 'Yusuf'];
    const last = ['Santoso', 'Wahyuni', 'Rahayu', 'Hidayat', 'Lestari', 'Saputra', 'Kurniawan', 'Susanti'];
    const hs: Record<string, unknown>[] = [];
    const ms: Record<string, unknown>[] = [];
    for (let i = 0; i < 50_000; i++) {
      const desa = `317401100${i % 7}`;
      const idbdt = `${desa}${String(i + 1).padStart(6, '0')}`;
      const nama = `${first[i % 10]} ${last[(i * 7) % 8]} ${i}`;
      hs.push(hh(idbdt, nama));
      for (let j = 1; j <= 4; j++)
        ms.push(
          mm(idbdt, `0${j}`, j === 1 ? nama : `${first[(i + j) % 10]} ${last[(i + j) % 8]}`, `3174${String(i * 4 + j).padStart(12, '0')}`),
        );
    }
    const t0 = performance.now();
    const ix = new SearchIndex(structuredClone(buildIndex(hs, ms)));
    const built = performance.now() - t0;
    const times: number[] = [];
    for (const q of ['s', 'siti', 'budi sa', 'rahayu', '3174000000000401', '3174011003', 'zzz', '']) {
      const t = performance.now();
      const r = ix.search({ q, region: q === 's' ? '3174011002' : undefined, limit: 25 });
      times.push(performance.now() - t);
      if (q !== 'zzz') expect(r.total).toBeGreaterThan(0);
    }
    expect(built).toBeLessThan(20_000);
    expect(Math.max(...times)).toBeLessThan(500);
  });
});

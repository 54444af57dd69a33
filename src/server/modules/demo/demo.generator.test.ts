import { describe, expect, it } from 'vitest';
import { householdFields, memberFields } from '../../../shared/dictionary/index.ts';
import { parseNik } from '../../../shared/nik.ts';
import { deriveHouseholdFields, validateHouseholdRecord } from '../../../shared/rules/index.ts';
import { householdSchema, memberSchema } from '../../../shared/schemas/index.ts';
import { type GenerateOptions, type GeneratedHousehold, Rng, districtBox, generateHouseholds, hashSeed } from './demo.generator.ts';

const TODAY = '2025-03-15';
// A few kelurahan of Tebet and Setiabudi (3174) and desa of Kab. Cilacap (3301): urban and rural.
const DESA = [
  { code: '3174011001', kecamatan: '317401' },
  { code: '3174011002', kecamatan: '317401' },
  { code: '3174011003', kecamatan: '317401' },
  { code: '3174021001', kecamatan: '317402' },
  { code: '3174021002', kecamatan: '317402' },
  { code: '3301012001', kecamatan: '330101' },
  { code: '3301012002', kecamatan: '330101' },
];
const BOX = districtBox('3174');

function options(over: Partial<GenerateOptions> = {}): GenerateOptions {
  return {
    desa: DESA,
    households: 2000,
    seed: 42,
    mistakeRate: 0.05,
    firstSerial: () => 1,
    box: BOX,
    today: TODAY,
    birthPlace: 'Jakarta',
    ...over,
  };
}

const all = (over: Partial<GenerateOptions> = {}) => [...generateHouseholds(options(over))];
const isPresent = (m: { sta_keberadaan_art: number }) => m.sta_keberadaan_art === 1 || m.sta_keberadaan_art === 4;

// One generation shared by the checks below (2,000 households, 5% mistakes).
const sample: GeneratedHousehold[] = all();

describe('Rng', () => {
  it('is reproducible and roughly uniform', () => {
    const a = new Rng(hashSeed('x', 1));
    const b = new Rng(hashSeed('x', 1));
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.map(() => b.next())).toEqual(xs);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(new Rng(hashSeed('x', 2)).next()).not.toBe(xs[0]);
  });
});

describe('generateHouseholds', () => {
  it('is deterministic: the same options give the same data byte for byte', () => {
    const again = all();
    expect(JSON.stringify(again)).toBe(JSON.stringify(sample));
    expect(JSON.stringify(all({ seed: 43 }).slice(0, 5))).not.toBe(JSON.stringify(sample.slice(0, 5)));
  });

  it('yields exactly the number asked, spread over every desa, with consecutive serials from firstSerial', () => {
    expect(sample).toHaveLength(2000);
    const first = (code: string) => (code === '3174011002' ? 501 : 1);
    const gen = all({ households: 700, firstSerial: first });
    const byDesa = new Map<string, string[]>();
    for (const g of gen) byDesa.set(g.household.kode_wilayah, [...(byDesa.get(g.household.kode_wilayah) ?? []), g.household.idbdt]);
    expect([...byDesa.keys()].sort()).toEqual(DESA.map((d) => d.code));
    for (const [desa, ids] of byDesa) {
      const start = first(desa);
      expect(ids).toEqual(ids.map((_, i) => `${desa}${String(start + i).padStart(6, '0')}`));
    }
  });

  it('sets every dictionary field (plus version/status, idbdt/version) and nothing else', () => {
    const hKeys = [...householdFields.map((f) => f.name), 'version', 'status'].sort();
    const mKeys = [...memberFields.map((f) => f.name), 'idbdt', 'version'].sort();
    for (const g of sample) {
      expect(Object.keys(g.household).sort()).toEqual(hKeys);
      for (const m of g.members) expect(Object.keys(m).sort()).toEqual(mKeys);
    }
  });

  it('stores only values the database accepts (types, code lists, ranges, lengths), mistakes included', () => {
    for (const g of sample) {
      householdSchema.parse(g.household);
      for (const m of g.members) {
        memberSchema.parse(m);
        expect(m.nik).toMatch(/^[0-9]{16}$/);
        expect(m.no_kk).toMatch(/^[0-9]{16}$/);
      }
      expect(g.household.status).toBe('AKTIF');
      expect(g.household.version).toBe(1);
    }
  });

  it('passes validateHouseholdRecord cleanly except the planted mistakes, which the rules catch', () => {
    let planted = 0;
    for (const g of sample) {
      const r = validateHouseholdRecord(g, { checkDate: TODAY });
      const found = [...r.errors, ...r.warnings];
      if (!g.mistake) {
        expect(found, g.household.idbdt).toEqual([]);
        continue;
      }
      planted++;
      // Exactly one finding: the planted rule, on the planted member.
      expect(
        found.map((i) => i.code),
        g.household.idbdt,
      ).toEqual([g.mistake.rule]);
      const index = g.members.findIndex((m) => m.idartbdt === g.mistake!.idartbdt);
      expect(found[0]!.path.startsWith(`members[${index}].`)).toBe(true);
      expect(r.errors.length).toBe(g.mistake.rule === 'R3' ? 1 : 0);
    }
    const share = planted / sample.length;
    expect(share).toBeGreaterThan(0.035);
    expect(share).toBeLessThan(0.065);
    const kinds = new Set(sample.flatMap((g) => (g.mistake ? [g.mistake.kind] : [])));
    expect([...kinds].sort()).toEqual(['CHILD_OLDER_THAN_HEAD', 'CHILD_UNDER_10_MARRIED', 'NIK_BIRTH_DATE', 'NIK_INVALID_DATE', 'NIK_SEX']);
  });

  it('plants no mistake at mistakeRate 0, and about 2% by default', () => {
    expect(all({ mistakeRate: 0, households: 500 }).filter((g) => g.mistake)).toEqual([]);
    const { mistakeRate: _, ...rest } = options({ households: 3000 });
    const share = [...generateHouseholds(rest)].filter((g) => g.mistake).length / 3000;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.03);
  });

  it('gives NIKs that encode tanggal_lahir and jenis_kelamin, the kecamatan prefix and a serial 0001-9999; all unique', () => {
    const seen = new Set<string>();
    for (const g of sample) {
      const kecamatan = g.household.kode_wilayah.slice(0, 6);
      for (const m of g.members) {
        expect(seen.has(m.nik), m.nik).toBe(false);
        seen.add(m.nik);
        expect(m.nik.slice(0, 6)).toBe(kecamatan);
        expect(m.no_kk.slice(0, 6)).toBe(kecamatan);
        if (g.mistake?.idartbdt === m.idartbdt) continue;
        const info = parseNik(m.nik);
        expect(info.valid, m.nik).toBe(true);
        if (!info.valid) continue;
        expect(info.birthDates).toContain(m.tanggal_lahir);
        expect(info.sex).toBe(m.jenis_kelamin);
        expect(Number(info.serial)).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('starts NIK and No KK serials above the floor of a kecamatan', () => {
    for (const g of all({ households: 200, mistakeRate: 0, personSerialFloor: () => 500 })) {
      for (const m of g.members) {
        expect(Number(m.nik.slice(12))).toBeGreaterThan(500);
        expect(Number(m.no_kk.slice(12))).toBeGreaterThan(500);
      }
    }
  });

  it('gives one No KK per family (nuk) and idartbdt = idbdt + 2-digit serial', () => {
    for (const g of sample) {
      const cards = new Map<number, string>();
      g.members.forEach((m, i) => {
        expect(m.idartbdt).toBe(`${g.household.idbdt}${String(i + 1).padStart(2, '0')}`);
        expect(m.idbdt).toBe(g.household.idbdt);
        const card = cards.get(m.nuk);
        if (card) expect(m.no_kk).toBe(card);
        else cards.set(m.nuk, m.no_kk);
      });
      expect(new Set(cards.values()).size).toBe(cards.size);
      expect([...cards.keys()].sort()).toEqual(Array.from({ length: cards.size }, (_, i) => i + 1));
    }
  });

  it('builds plausible households: one head, spouse of the other sex and married, children younger than parents', () => {
    for (const g of sample) {
      const present = g.members.filter(isPresent);
      const heads = present.filter((m) => m.hub_krt === 1);
      expect(heads).toHaveLength(1);
      const head = heads[0]!;
      expect(g.members[0]).toBe(head);
      for (const s of g.members.filter((m) => m.hub_krt === 2)) {
        expect(s.jenis_kelamin).not.toBe(head.jenis_kelamin);
        expect(s.sta_kawin).toBe(2);
        expect(head.sta_kawin).toBe(2);
        expect(s.ada_akta_nikah).toBe(head.ada_akta_nikah);
      }
      if (g.mistake?.kind === 'CHILD_OLDER_THAN_HEAD') continue;
      for (const c of g.members.filter((m) => m.hub_krt === 3)) expect(c.tanggal_lahir > head.tanggal_lahir).toBe(true);
      for (const gp of g.members.filter((m) => m.hub_krt === 6)) expect(gp.tanggal_lahir < head.tanggal_lahir).toBe(true);
    }
  });

  it('computes the derived fields from the members', () => {
    for (const g of sample) {
      const d = deriveHouseholdFields(g.members);
      expect({
        nama_krt: g.household.nama_krt,
        jumlah_art: g.household.jumlah_art,
        jumlah_keluarga: g.household.jumlah_keluarga,
      }).toEqual(d);
    }
  });

  it('respects requiredWhen/forbiddenWhen pairs and age limits on school, work, marriage and pregnancy', () => {
    const age = (d: string) => {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      return 2025 - y - (m > 3 || (m === 3 && day > 15) ? 1 : 0);
    };
    for (const g of sample) {
      const h = g.household;
      expect(h.sta_lahan !== null).toBe(h.sta_bangunan === 1);
      expect(h.daya !== null).toBe(h.sumber_penerangan === 1);
      expect(h.luas_atb !== null).toBe(h.aset_tak_bergerak);
      for (const m of g.members) {
        const a = age(m.tanggal_lahir);
        expect(m.ada_akta_nikah !== null).toBe(m.sta_kawin !== 1);
        expect(m.pendidikan_tertinggi !== null).toBe(m.partisipasi_sekolah !== 0);
        expect(m.kelas_tertinggi !== null).toBe(m.partisipasi_sekolah !== 0);
        expect(m.lapangan_usaha !== null).toBe(m.sta_bekerja);
        expect(m.status_pekerjaan !== null).toBe(m.sta_bekerja);
        if (a < 10) expect(m.sta_bekerja).toBe(false);
        if (a < 5) expect(m.partisipasi_sekolah).toBe(0);
        if (m.jenis_kelamin === 1) expect(m.sta_hamil).toBeNull();
        if (m.sta_hamil === true) expect(a >= 15 && a <= 49).toBe(true);
        if (g.mistake?.idartbdt === m.idartbdt) continue;
        if (a < 10) expect(m.sta_kawin).toBe(1);
        if (m.partisipasi_sekolah === 1 && m.pendidikan_tertinggi === 1) expect(a).toBeLessThanOrEqual(13);
        if (m.ijazah_tertinggi >= 3) expect(a).toBeGreaterThanOrEqual(17);
      }
    }
  });

  it('has a plausible distribution: sizes 1-9 with mean about 4, most households in desil 1-4, coordinates in the box', () => {
    const sizes = sample.map((g) => g.members.length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(5);
    expect(new Set(sizes)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const lowDesil = sample.filter((g) => g.household.persentil! <= 40).length / sample.length;
    expect(lowDesil).toBeGreaterThan(0.8);
    const present = sample.flatMap((g) => g.members).filter(isPresent).length / sample.flatMap((g) => g.members).length;
    expect(present).toBeGreaterThan(0.98);
    for (const { household: h } of sample) {
      expect(h.lat!).toBeGreaterThanOrEqual(BOX.latMin);
      expect(h.lat!).toBeLessThanOrEqual(BOX.latMax);
      expect(h.lng!).toBeGreaterThanOrEqual(BOX.lngMin);
      expect(h.lng!).toBeLessThanOrEqual(BOX.lngMax);
    }
    // Several families in some households, some single-word names, a mix of the sexes of heads.
    expect(sample.some((g) => g.household.jumlah_keluarga! > 1)).toBe(true);
    const names = sample.flatMap((g) => g.members.map((m) => m.nama));
    expect(names.some((n) => !n.includes(' '))).toBe(true);
    expect(new Set(names).size).toBeGreaterThan(1000);
    const femaleHeads = sample.filter((g) => g.members[0]!.jenis_kelamin === 2).length / sample.length;
    expect(femaleHeads).toBeGreaterThan(0.1);
    expect(femaleHeads).toBeLessThan(0.35);
  });

  it('correlates the percentile with assets and housing', () => {
    const score = (g: GeneratedHousehold) =>
      Number(g.household.ada_lemari_es) +
      Number(g.household.ada_motor) +
      Number(g.household.lantai === 2) +
      Number(g.household.ada_laptop) +
      Number(g.household.ada_tv);
    const xs = sample.map(score);
    const ys = sample.map((g) => g.household.persentil!);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    xs.forEach((x, i) => {
      sxy += (x - mx) * (ys[i]! - my);
      sxx += (x - mx) ** 2;
      syy += (ys[i]! - my) ** 2;
    });
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.2);
  });

  it('makes new people when appending to a desa (a different first serial)', () => {
    const a = all({ households: 50, desa: DESA.slice(0, 1) });
    const b = all({ households: 50, desa: DESA.slice(0, 1), firstSerial: () => 51 });
    expect(b[0]!.household.idbdt).toBe('3174011001000051');
    expect(b.map((g) => g.household.nama_krt)).not.toEqual(a.map((g) => g.household.nama_krt));
  });

  it('refuses a desa without room for more serials', () => {
    expect(() => all({ households: 10, desa: DESA.slice(0, 1), firstSerial: () => 999_995 })).toThrow(/no room/);
  });
});

describe('districtBox', () => {
  it('is precise for the Jakarta cities', () => {
    const b = districtBox('3174');
    expect(b.latMin).toBeGreaterThan(-6.4);
    expect(b.latMax).toBeLessThan(-6.19);
    expect(b.lngMin).toBeGreaterThan(106.7);
    expect(b.lngMax).toBeLessThan(106.9);
    for (const kab of ['3171', '3172', '3173', '3175']) {
      const j = districtBox(kab);
      expect(j.latMax - j.latMin).toBeLessThan(0.3);
      expect((j.latMin + j.latMax) / 2).toBeCloseTo(-6.2, 0);
    }
  });

  it('is near the province elsewhere, inside the dictionary ranges, and stable', () => {
    for (const kab of ['1101', '1271', '3301', '5101', '5301', '9101', '9501', '9999']) {
      const b = districtBox(kab);
      expect(b).toEqual(districtBox(kab));
      expect(b.latMin).toBeLessThan(b.latMax);
      expect(b.lngMin).toBeLessThan(b.lngMax);
      expect(b.latMin).toBeGreaterThanOrEqual(-11.5);
      expect(b.latMax).toBeLessThanOrEqual(6.5);
      expect(b.lngMin).toBeGreaterThanOrEqual(94.5);
      expect(b.lngMax).toBeLessThanOrEqual(141.5);
    }
    const bali = districtBox('5101');
    expect(bali.latMin).toBeLessThan(-8);
    expect(bali.lngMin).toBeGreaterThan(114);
  });
});

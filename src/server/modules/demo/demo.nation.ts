// A demo nation (issue 18): N households spread over many districts of several provinces, each
// district made by the same generator and set-up as the demo district (households, members,
// shapes and points, BPNT/PBI quotas and lists), so that a district's operations can be measured
// alone and inside a national database.
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { listChildRegions, listRegionsUnder, findRegion, type Region } from '../regions/index.ts';
import { hashSeed, Rng } from './demo.generator.ts';
import { ensureDemoPeriod, prepareDemoDistrict, seedDistrict } from './demo.service.ts';

/** Default number of districts of a demo nation. */
export const NATION_DISTRICTS = 40;
/** Default number of provinces of a demo nation. */
export const NATION_PROVINCES = 5;

/** Input of seedNation. */
export interface SeedNationInput {
  /** Households in the whole nation (including `with`). */
  households: number;
  districts?: number;
  provinces?: number;
  seed: number;
  mistakeRate?: number;
  /** One district of an exact size inside the nation (e.g. 3201 with 200,000 households). */
  with?: { kab: string; households: number };
}

/** One district of a nation plan: where and how many households. */
export interface NationDistrict {
  kab: string;
  province: string;
  households: number;
}

/** Result of seedNation: the districts seeded (or skipped because they already held households) and the time taken. */
export interface SeedNationResult {
  households: number;
  members: number;
  districts: (NationDistrict & { members: number; skipped: boolean })[];
  ms: number;
}

const invalid = (id: string, en: string) => new AppError('VALIDATION', undefined, { id, en });

/**
 * Plans a nation from the regions table. Provinces: the `with` district's province first, then
 * provinces picked evenly over the code-ordered list (Sumatra to Papua), skipping one with too few
 * kabupaten/kota for its share. Districts: the province's share (an even split, the remainder to
 * the first provinces), its kabupaten/kota in code order. Sizes: weights 0.5–1.5 drawn per district
 * from the seed, scaled to the households left after `with`, summing exactly (largest remainder).
 */
export async function planNation(db: Db, input: SeedNationInput): Promise<NationDistrict[]> {
  const districtCount = input.districts ?? NATION_DISTRICTS;
  const provinceCount = input.provinces ?? NATION_PROVINCES;
  const { households, seed } = input;
  if (!Number.isSafeInteger(households) || households < 1)
    throw invalid('Jumlah rumah tangga harus bilangan bulat positif', 'The number of households must be a positive whole number');
  if (!Number.isSafeInteger(districtCount) || !Number.isSafeInteger(provinceCount) || provinceCount < 1 || districtCount < provinceCount)
    throw invalid(
      'Jumlah kabupaten/kota harus bilangan bulat, paling sedikit sebanyak provinsi',
      'The number of districts must be a whole number, at least the number of provinces',
    );
  const fixed = input.with;
  if (fixed) {
    const region = await findRegion(db, fixed.kab);
    if (region?.level !== 'kabkota') throw new AppError('UNKNOWN_REGION', { region: fixed.kab });
    if (!Number.isSafeInteger(fixed.households) || fixed.households < 1 || households - fixed.households < districtCount - 1)
      throw invalid(
        'Kabupaten/kota tambahan harus berisi antara 1 rumah tangga dan sisa untuk kabupaten/kota lain',
        'The extra district must hold at least 1 household and leave at least one for every other district',
      );
  } else if (households < districtCount) {
    throw invalid('Setiap kabupaten/kota perlu paling sedikit 1 rumah tangga', 'Every district needs at least 1 household');
  }

  const shares = Array.from(
    { length: provinceCount },
    (_, i) => Math.floor(districtCount / provinceCount) + (i < districtCount % provinceCount ? 1 : 0),
  );
  const provinces = await listChildRegions(db, null);
  const kabkota = new Map<string, Region[]>();
  for (const k of await listRegionsUnder(db, '', 'kabkota')) {
    const list = kabkota.get(k.parent_code ?? k.code.slice(0, 2)) ?? [];
    list.push(k);
    kabkota.set(k.parent_code ?? k.code.slice(0, 2), list);
  }
  const fixedProvince = fixed?.kab.slice(0, 2);
  const picked: string[] = fixedProvince ? [fixedProvince] : [];
  const stride = provinces.length / provinceCount;
  for (let i = 0; picked.length < provinceCount && i < provinceCount; i++) {
    // From the evenly spaced pick onwards, the first province with room for its share.
    const share = shares[picked.length]!;
    for (let j = 0; j < provinces.length; j++) {
      const code = provinces[(Math.floor(i * stride) + j) % provinces.length]!.code;
      if (!picked.includes(code) && (kabkota.get(code)?.length ?? 0) >= share) {
        picked.push(code);
        break;
      }
    }
  }
  if (picked.length < provinceCount || (fixedProvince && (kabkota.get(fixedProvince)?.length ?? 0) < shares[0]!))
    throw invalid('Wilayah tidak cukup untuk sebaran ini', 'The regions table has too few districts for this spread');

  const plan: NationDistrict[] = [];
  picked.forEach((province, p) => {
    const list = kabkota.get(province)!.map((k) => k.code);
    const ordered = fixed && province === fixedProvince ? [fixed.kab, ...list.filter((k) => k !== fixed.kab)] : list;
    for (const kab of ordered.slice(0, shares[p])) plan.push({ kab, province, households: 0 });
  });

  const spread = plan.filter((d) => d.kab !== fixed?.kab);
  const total = households - (fixed?.households ?? 0);
  const weights = spread.map((d) => 0.5 + new Rng(hashSeed('nation', seed, d.kab)).next());
  const sum = weights.reduce((a, b) => a + b, 0);
  // Every district gets 1 first, so that none is empty; the rest goes by weight.
  const exact = weights.map((w) => (w / sum) * (total - spread.length));
  const counts = exact.map((x) => 1 + Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  spread.forEach((d, i) => {
    d.households = counts[i]!;
  });
  if (fixed) plan.find((d) => d.kab === fixed.kab)!.households = fixed.households;
  return plan;
}

/**
 * Seeds a demo nation (see planNation): per district seedDistrict with the same seed (so the `with`
 * district is the same district as `siks demo seed --kab K --households S` alone), then its quotas
 * and lists and an approved MoU as in the demo district. A district that already holds households is left as it is
 * (skipped), so that an interrupted run can be started again.
 */
export async function seedNation(
  ctx: AppContext,
  input: SeedNationInput,
  onDistrict?: (d: SeedNationResult['districts'][number], index: number, of: number) => void,
): Promise<SeedNationResult> {
  const started = Date.now();
  const plan = await planNation(ctx.database.db, input);
  // Quotas belong to a period: the demo one, as on a first start.
  await ensureDemoPeriod(ctx);
  const result: SeedNationResult = { households: 0, members: 0, districts: [], ms: 0 };
  for (const [i, d] of plan.entries()) {
    const { db } = ctx.database;
    const existing = await db.selectFrom('households').select('idbdt').where('idbdt', 'like', `${d.kab}%`).limit(1).executeTakeFirst();
    let done: SeedNationResult['districts'][number];
    if (existing) done = { ...d, members: 0, skipped: true };
    else {
      const r = await seedDistrict(ctx, { kab: d.kab, households: d.households, seed: input.seed, mistakeRate: input.mistakeRate });
      await prepareDemoDistrict(ctx, d.kab);
      done = { ...d, members: r.members, skipped: false };
      result.households += r.households;
      result.members += r.members;
    }
    result.districts.push(done);
    onDistrict?.(done, i, plan.length);
  }
  return { ...result, ms: Date.now() - started };
}

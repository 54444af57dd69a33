import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../../../../test/support/db.ts';
import { isMouApproved } from '../mou/index.ts';
import { planNation, seedNation } from './index.ts';

const ctx: TestContext = await testContext();
afterAll(() => ctx.close());

describe('demo nation', () => {
  it('plans 2 million households over 40 districts of 5 provinces, sizes varying, with one district of a given size', async () => {
    const plan = await planNation(ctx.database.db, { households: 2_000_000, seed: 1, with: { kab: '3201', households: 200_000 } });
    expect(plan).toHaveLength(40);
    expect(new Set(plan.map((d) => d.kab)).size).toBe(40);
    const provinces = [...new Set(plan.map((d) => d.province))];
    expect(provinces).toHaveLength(5);
    expect(provinces[0]).toBe('32');
    for (const p of provinces) expect(plan.filter((d) => d.province === p)).toHaveLength(8);
    expect(plan.every((d) => d.kab.startsWith(d.province))).toBe(true);
    expect(plan.reduce((a, d) => a + d.households, 0)).toBe(2_000_000);
    expect(plan.find((d) => d.kab === '3201')?.households).toBe(200_000);
    const others = plan.filter((d) => d.kab !== '3201').map((d) => d.households);
    // Weights 0.5-1.5 around 1,800,000 / 39 ≈ 46,000.
    expect(Math.min(...others)).toBeGreaterThan(23_000);
    expect(Math.max(...others)).toBeLessThan(70_000);
    expect(Math.max(...others) / Math.min(...others)).toBeGreaterThan(1.5);
    // Every planned district is a kabupaten/kota of the regions table.
    const known = await ctx.database.db.selectFrom('regions').select('code').where('level', '=', 'kabkota').execute();
    const codes = new Set(known.map((r) => r.code));
    expect(plan.every((d) => codes.has(d.kab))).toBe(true);
  });

  it('refuses a spread the regions cannot hold or a district too large', async () => {
    const { db } = ctx.database;
    await expect(planNation(db, { households: 100, districts: 3, provinces: 5, seed: 1 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(planNation(db, { households: 2, districts: 3, provinces: 1, seed: 1 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      planNation(db, { households: 100, districts: 3, provinces: 1, seed: 1, with: { kab: '3201', households: 99 } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      planNation(db, { households: 100, districts: 3, provinces: 1, seed: 1, with: { kab: '9999', households: 10 } }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_REGION' });
  });

  it('seeds 3 districts of 2 provinces, each complete like the demo district, and skips them when run again', async () => {
    const input = { households: 150, districts: 3, provinces: 2, seed: 4, with: { kab: '3174', households: 50 } };
    const seen: string[] = [];
    const r = await seedNation(ctx, input, (d) => seen.push(d.kab));
    expect(r.households).toBe(150);
    expect(r.districts.map((d) => d.kab)).toEqual(seen);
    expect(r.districts).toHaveLength(3);
    expect(new Set(r.districts.map((d) => d.province)).size).toBe(2);
    expect(r.districts[0]).toMatchObject({ kab: '3174', province: '31', households: 50, skipped: false });

    const { db } = ctx.database;
    for (const d of r.districts) {
      const one = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(db)).rows[0]!.n;
      const like = `${d.kab}%`;
      expect(await one(sql`select count(*)::int as n from households where idbdt like ${like}`), d.kab).toBe(d.households);
      expect(await one(sql`select count(*)::int as n from members where idbdt like ${like}`), d.kab).toBe(d.members);
      expect(d.members, d.kab).toBeGreaterThan(d.households);
      // A point per household on the map, inside its generated desa shape.
      expect(await one(sql`select count(*)::int as n from household_locations where kab_kota = ${d.kab}`), d.kab).toBe(d.households);
      // Quotas, BPNT stage, lists and the MoU, as the demo district has them.
      expect(
        await one(sql`select count(*)::int as n from district_quotas where kab = ${d.kab} and quota > 0`),
        d.kab,
      ).toBeGreaterThanOrEqual(2);
      expect(await one(sql`select count(*)::int as n from district_programs where kab = ${d.kab}`), d.kab).toBe(1);
      expect(await one(sql`select count(*)::int as n from kpm_memberships where kab_kota = ${d.kab}`), d.kab).toBeGreaterThan(0);
      expect(await one(sql`select count(*)::int as n from pbi_participants where kab_kota = ${d.kab}`), d.kab).toBeGreaterThan(0);
      expect(await isMouApproved(ctx, d.kab), d.kab).toBe(true);
    }
    expect(await db.selectFrom('periods').select('code').where('status', '=', 'OPEN').execute()).toHaveLength(1);

    const again = await seedNation(ctx, input);
    expect(again.households).toBe(0);
    expect(again.districts.every((d) => d.skipped)).toBe(true);
    expect((await sql<{ n: number }>`select count(*)::int as n from households`.execute(db)).rows[0]!.n).toBe(150);
  });
});

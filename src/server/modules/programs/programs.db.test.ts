import { describe, expect, it } from 'vitest';
import { bearer } from '../../../../test/support/http.ts';
import { app, auditEntries, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { authenticateToken } from '../access/index.ts';
import { seedDemoPrograms } from '../demo/index.ts';
import { getDistrictPrograms, setBpntStage, setDistrictQuota } from './index.ts';

setupTestBed();

const actor = async (who: Persona) => (await authenticateToken(ctx, who.token))!;

describe('district programmes (C4, read side)', () => {
  it('a district without data has no quotas and no stage', async () => {
    expect(await getDistrictPrograms(ctx, await actor(p.supervisorJakSel), '3174')).toMatchObject({
      kab: '3174',
      quotas: { BPNT: null, RASTRA: null, PBI: null },
      tahapBpnt: null,
    });
  });

  it('seedDemoPrograms gives 3174 its demo quota once, with one audit entry, and never overwrites', async () => {
    expect(await seedDemoPrograms(ctx)).toBe(true);
    const programs = await getDistrictPrograms(ctx, await actor(p.supervisorJakSel), '3174');
    expect(programs.quotas.BPNT).toBe(39_776);
    expect(programs.tahapBpnt).toBe('1');
    expect(await auditEntries('DEMO_PROGRAMS')).toHaveLength(1);
    expect((await auditEntries('DEMO_PROGRAMS'))[0]!.text_id).toContain('BPNT 39.776');

    await setDistrictQuota(ctx, CLI_ACTOR, { kab: '3174', program: 'BPNT', quota: 40_000 });
    expect(await seedDemoPrograms(ctx)).toBe(false);
    expect((await getDistrictPrograms(ctx, await actor(p.pusdatin), '3174')).quotas.BPNT).toBe(40_000);
    expect(await auditEntries('DEMO_PROGRAMS')).toHaveLength(1);
    await setDistrictQuota(ctx, CLI_ACTOR, { kab: '3174', program: 'BPNT', quota: 39_776 });
  });

  it('setDistrictQuota (CLI) writes one audit entry naming the district and the figure', async () => {
    const before = (await auditEntries('SET_QUOTA')).length;
    const r = await setDistrictQuota(ctx, CLI_ACTOR, { kab: '3171', program: 'PBI', quota: 12_345 });
    expect(r.quotas.PBI).toBe(12_345);
    const entries = await auditEntries('SET_QUOTA');
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ actor_username: 'cli', region_code: '3171' });
    expect(entries.at(-1)!.text_id).toMatch(/Menetapkan kuota PBI .*: 12\.345$/);
    expect(entries.at(-1)!.text_en).toMatch(/to 12,345$/);
    // null removes it
    expect((await setDistrictQuota(ctx, CLI_ACTOR, { kab: '3171', program: 'PBI', quota: null })).quotas.PBI).toBeNull();
  });

  it('refuses a negative quota, an unknown district and a region that is not a district', async () => {
    await expect(setDistrictQuota(ctx, CLI_ACTOR, { kab: '3174', program: 'BPNT', quota: -1 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(setDistrictQuota(ctx, CLI_ACTOR, { kab: '3199', program: 'BPNT', quota: 1 })).rejects.toMatchObject({
      code: 'UNKNOWN_REGION',
    });
    await expect(setDistrictQuota(ctx, CLI_ACTOR, { kab: '31', program: 'BPNT', quota: 1 })).rejects.toMatchObject({
      code: 'UNKNOWN_REGION',
    });
    await expect(setBpntStage(ctx, CLI_ACTOR, { kab: '3174', tahap: 'x'.repeat(51) })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('the stage takes text or a number', async () => {
    expect((await setBpntStage(ctx, CLI_ACTOR, { kab: '3171', tahap: 2 })).tahapBpnt).toBe('2');
    expect((await setBpntStage(ctx, CLI_ACTOR, { kab: '3171', tahap: ' Perluasan  Tahap III ' })).tahapBpnt).toBe('Perluasan Tahap III');
    expect((await setBpntStage(ctx, CLI_ACTOR, { kab: '3171', tahap: null })).tahapBpnt).toBeNull();
  });
});

describe('programme routes', () => {
  it('a district reads its own programmes; another district is 404', async () => {
    const own = await app.inject({
      method: 'GET',
      url: '/api/v1/districts/3174/programs',
      headers: bearer(p.supervisorJakSel),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ kab: '3174', quotas: { BPNT: 39_776 }, tahapBpnt: '1' });
    const other = await app.inject({
      method: 'GET',
      url: '/api/v1/districts/3174/programs',
      headers: bearer(p.supervisorOther),
    });
    expect(other.statusCode).toBe(404);
    // The province, an operator inside the district and the national roles may read it.
    for (const who of [p.provinsi31, p.operatorDesa, p.pfm, p.pusdatin]) {
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/districts/3174/programs', headers: bearer(who) })).statusCode,
        who.username,
      ).toBe(200);
    }
  });

  it('only PFM sets a quota or the stage through the API', async () => {
    for (const who of [p.supervisorJakSel, p.provinsi31, p.pusdatin]) {
      const res = await app.inject({
        method: 'PUT',
        url: '/api/v1/districts/3174/quotas/BPNT',
        payload: { quota: 1 },
        headers: bearer(who),
      });
      expect(res.statusCode, who.username).toBe(403);
    }
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/districts/3174/quotas/RASTRA',
      payload: { quota: 5_000 },
      headers: bearer(p.pfm),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().quotas).toEqual({ BPNT: 39_776, RASTRA: 5_000, PBI: 121_450 });
    const last = (await auditEntries('SET_QUOTA')).at(-1)!;
    expect(last.actor_username).toBe('pfm');

    const stage = await app.inject({
      method: 'PUT',
      url: '/api/v1/districts/3174/bpnt-stage',
      payload: { tahap: '2' },
      headers: bearer(p.pfm),
    });
    expect(stage.json().tahapBpnt).toBe('2');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/v1/districts/3174/bpnt-stage',
          payload: { tahap: '3' },
          headers: bearer(p.supervisorJakSel),
        })
      ).statusCode,
    ).toBe(403);

    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/districts/3174/quotas/PKH',
      payload: { quota: 1 },
      headers: bearer(p.pfm),
    });
    expect(bad.statusCode).toBe(400);
    const negative = await app.inject({
      method: 'PUT',
      url: '/api/v1/districts/3174/quotas/BPNT',
      payload: { quota: -5 },
      headers: bearer(p.pfm),
    });
    expect(negative.statusCode).toBe(400);
  });

  it('Beranda shows the KKS quota and the stage of the district', async () => {
    const home = (await app.inject({ method: 'GET', url: '/api/v1/home', headers: bearer(p.supervisorJakSel) })).json();
    expect(home).toMatchObject({ kuotaKks: 39_776, tahapBpnt: '2' });
    const operator = (await app.inject({ method: 'GET', url: '/api/v1/home', headers: bearer(p.operatorDesa) })).json();
    // An operator sees his own kecamatan's figures on Beranda, not the district's quota (issue 13).
    expect(operator).toMatchObject({ kuotaKks: null, tahapBpnt: null });
    const province = (await app.inject({ method: 'GET', url: '/api/v1/home', headers: bearer(p.provinsi31) })).json();
    expect(province.kuotaKks).toBeNull();
  });
});

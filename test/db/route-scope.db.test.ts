import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import sharp from 'sharp';
import { createApiToken } from '../../src/server/modules/access/index.ts';
import { randomUUID } from 'node:crypto';
import { approveMouDirectly } from '../../src/server/modules/mou/index.ts';
import { runPendingImports } from '../../src/server/modules/packages/index.ts';
import { openPeriod } from '../../src/server/modules/periods/index.ts';
import { buildPackage, fileUpload, makeRelease } from '../support/packages.ts';
import { publishDocument } from '../../src/server/modules/documents/index.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { minimalPdf } from '../support/files.ts';
import { actorOf as actorOfToken, makeFinalisation } from '../support/finalisations.ts';
import { testContext, type TestContext } from '../support/db.ts';
import { bearer, testApp, type TestApp } from '../support/http.ts';
import { createPersonas, type Persona, type PersonaName } from '../support/personas.ts';
import { routeProbes, type ProbeFixtures } from '../support/route-probes.ts';

// Generated from the route table: every /api/v1 route is probed by a user of another district.

let ctx: TestContext;
let app: TestApp;
let p: Record<PersonaName, Persona>;
let fx: ProbeFixtures;

beforeAll(async () => {
  ctx = await testContext();
  p = await createPersonas(ctx);
  await seedDistrict(ctx, { kab: '3174', households: 30, seed: 3 });
  await seedDistrict(ctx, { kab: '3171', households: 10, seed: 4 });
  app = await testApp(ctx);
  await app.ready();
  const h = await ctx.database.db.selectFrom('households').select('idbdt').where('kode_wilayah', 'like', '3174%').executeTakeFirstOrThrow();
  const doc = await publishDocument(ctx, CLI_ACTOR, {
    title: 'Surat Edaran khusus',
    visibility: 'DISTRICTS',
    districts: ['3174'],
    bytes: minimalPdf(),
  });
  const token = await createApiToken(ctx, CLI_ACTOR, '3174_supervisor', 'probe');
  const scan = await sharp({ create: { width: 100, height: 140, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  await approveMouDirectly(ctx, CLI_ACTOR, '3174', { mou: scan, permohonan: scan });
  const mou = await ctx.database.db.selectFrom('mou_submissions').select('id').where('kab_kota', '=', '3174').executeTakeFirstOrThrow();
  // A finalisation of 3174, in a period of its own that is closed again.
  const finalisationId = await makeFinalisation(ctx, await actorOfToken(ctx, p.supervisorJakSel.token));
  // A DONE import of 3174 with one waiting proposal.
  await openPeriod(ctx, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  const release = await makeRelease(ctx, '3174', '2019-01');
  const hh = await ctx.database.db
    .selectFrom('households')
    .select(['idbdt', 'version', 'kode_wilayah'])
    .where('kode_wilayah', 'like', '3174%')
    .executeTakeFirstOrThrow();
  const proposalId = randomUUID();
  const pkg = await buildPackage({
    release,
    kab: '3174',
    period: '2019-01',
    scope: [hh.kode_wilayah.slice(0, 6)],
    proposals: [
      {
        proposalId,
        type: 'PERBAIKAN',
        idbdt: hh.idbdt,
        baseVersion: hh.version,
        verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-01' },
        household: { jumlah_kamar: 2 },
        members: [],
        media: [],
        createdAt: '2019-02-01T08:00:00Z',
      },
    ],
  });
  const body = fileUpload(pkg.bytes);
  const importId = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: body.payload,
      headers: { ...body.headers, ...bearer(p.supervisorJakSel) },
    })
  ).json().id;
  await runPendingImports(ctx);
  fx = { idbdt: h.idbdt, documentId: doc.id, tokenId: token.id, mouId: mou.id, importId, proposalId, finalisationId };
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const apiRoutes = () => app.siksRoutes.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`);

describe('every API route keeps to the region scope', () => {
  it('every /api/v1 route has a scope probe, and every probe a route', () => {
    const routes = apiRoutes();
    expect(routes.filter((r) => !(r in routeProbes))).toEqual([]);
    expect(Object.keys(routeProbes).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('every route has an operation id', () => {
    expect(app.siksRoutes.filter((r) => r.url.startsWith('/api/v1/') && !r.operationId)).toEqual([]);
  });

  for (const [route, probe] of Object.entries(routeProbes)) {
    if ('why' in probe) {
      const why = probe.why;
      it(`${route}: ${probe.kind} (${why})`, () => expect(why.length).toBeGreaterThan(10));
      continue;
    }
    const request = probe.request;
    it(`${route}: ${probe.kind} for the supervisor of another district`, async () => {
      const req = request(fx);
      const res = await app.inject({ ...req, headers: { ...(req.headers ?? {}), ...bearer(p.supervisorOther) } });
      if (probe.kind === 'foreign-404') {
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('NOT_FOUND');
      } else if (probe.kind === 'role-403') {
        expect(res.statusCode).toBe(403);
      } else {
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toMatch(/3174\d{6,}/);
        expect(res.body).not.toContain('Jakarta Selatan');
        // The same request by the owner does see its data: the probe is not vacuous.
        const own = await app.inject({ ...req, headers: { ...(req.headers ?? {}), ...bearer(p.supervisorJakSel) } });
        expect(own.body).toMatch(/3174/);
      }
    });
  }
});

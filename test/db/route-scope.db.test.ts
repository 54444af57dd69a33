import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/http/app.ts';
import { createApiToken } from '../../src/server/modules/access/index.ts';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { publishDocument } from '../../src/server/modules/documents/index.ts';
import { runPendingImports } from '../../src/server/modules/packages/index.ts';
import { openPeriod } from '../../src/server/modules/periods/index.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { testContext, type TestContext } from '../support/db.ts';
import { minimalPdf } from '../support/files.ts';
import { actorOf as actorOfToken, insertImport, insertProposals, makeFinalisation, saveLetterProfile } from '../support/finalisations.ts';
import { bearer, captchaFor, loginCookie, type TestApp } from '../support/http.ts';
import { buildPackage, makeRelease } from '../support/packages.ts';
import { createPersonas, type Persona, type PersonaName } from '../support/personas.ts';
import { multipartFiles, routeProbes, type ProbeFixtures, type ProbeKit } from '../support/route-probes.ts';

// Generated from the route table: every /api/v1 route is called by a user of another district and
// by the roles without its verb (test/support/route-probes.ts says what each must answer).

let ctx: TestContext;
let app: TestApp;
let p: Record<PersonaName, Persona>;
let fx: ProbeFixtures;
let offlineDist: string;
/** Who called which path, for "the probe did call its route". */
const calls: { who: string; method: string; path: string }[] = [];

const png = (background: string) =>
  sharp({ create: { width: 100, height: 140, channels: 3, background } })
    .png()
    .toBuffer();

const kit: ProbeKit = {
  get fx() {
    return fx;
  },
  get personas() {
    return p;
  },
  get db() {
    return ctx.database.db;
  },
  async call(who, req: InjectOptions) {
    const auth = who === 'anonymous' ? {} : typeof who === 'string' ? bearer(p[who]) : who;
    const name = who === 'anonymous' ? who : typeof who === 'string' ? who : `session:${who['x-siks-persona']}`;
    calls.push({ who: name, method: String(req.method), path: String(req.url).split('?')[0]! });
    const { 'x-siks-persona': _, ...headers } = auth as Record<string, string>;
    return app.inject({ ...req, headers: { ...((req.headers as Record<string, string>) ?? {}), ...headers } });
  },
  async login(who, password) {
    const headers = await loginCookie(app, { username: p[who].username, password: password ?? p[who].password });
    return { ...headers, 'x-siks-persona': who };
  },
  captcha: () => captchaFor(app),
  runImports: async () => {
    await runPendingImports(ctx);
  },
};

beforeAll(async () => {
  offlineDist = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-probe-offline-'));
  fs.writeFileSync(path.join(offlineDist, 'index.html'), '<!doctype html><title>SIKS-NG Offline</title>');
  fs.writeFileSync(path.join(offlineDist, 'sw.js'), 'const MANIFEST = {"version":"1","files":["index.html"]};');
  ctx = await testContext();
  p = await createPersonas(ctx);
  await seedDistrict(ctx, { kab: '3174', households: 30, seed: 3 });
  await seedDistrict(ctx, { kab: '3171', households: 10, seed: 4 });
  app = await buildApp(ctx, { webDist: '/nonexistent', offlineDist });
  await app.ready();
  const [white, black] = [await png('#fff'), await png('#000')];
  const h = await ctx.database.db.selectFrom('households').select('idbdt').where('kode_wilayah', 'like', '3174%').executeTakeFirstOrThrow();
  const doc = await publishDocument(ctx, CLI_ACTOR, {
    title: 'Surat Edaran khusus',
    visibility: 'DISTRICTS',
    districts: ['3174'],
    bytes: minimalPdf(),
  });
  const token = await createApiToken(ctx, CLI_ACTOR, '3174_supervisor', 'probe');
  // The MoU of 3174, uploaded by its supervisor and approved by Ditjen PFM.
  const upload = await kit.call('supervisorJakSel', {
    method: 'POST',
    url: '/api/v1/mou',
    ...multipartFiles({ mou: { name: 'mou.png', bytes: white }, permohonan: { name: 'p.png', bytes: white } }),
  });
  expect(upload.statusCode, upload.body).toBe(201);
  const mouId: number = upload.json().submissionId;
  const approved = await kit.call('pfm', { method: 'POST', url: `/api/v1/mou/${mouId}/review`, payload: { decision: 'APPROVE' } });
  expect(approved.statusCode, approved.body).toBe(200);
  // 3174_supervisor's Foto Profil.
  const photo = await kit.call('supervisorJakSel', {
    method: 'PUT',
    url: '/api/v1/me/photo',
    ...multipartFiles({ file: { name: 'foto.png', bytes: white, type: 'image/png' } }),
  });
  expect(photo.statusCode).toBe(200);
  const stored = await kit.call('supervisorJakSel', { method: 'GET', url: '/api/v1/me/photo' });
  // A finalisation of 3174, in a period of its own that is closed again.
  const finalisationId = await makeFinalisation(ctx, await actorOfToken(ctx, p.supervisorJakSel.token));
  // A DONE import of 3174 with one waiting proposal.
  await openPeriod(ctx, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  const release = await makeRelease(ctx, '3174', '2019-01');
  const hh = await ctx.database.db
    .selectFrom('households')
    .select(['idbdt', 'version', 'kode_wilayah'])
    .where('kode_wilayah', 'like', '3174%')
    .orderBy('idbdt')
    .limit(2)
    .execute();
  const proposal = (x: (typeof hh)[number], proposalId: string) => ({
    proposalId,
    type: 'PERBAIKAN',
    idbdt: x.idbdt,
    baseVersion: x.version,
    verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-01' },
    household: { jumlah_kamar: 2 },
    members: [],
    media: [],
    createdAt: '2019-02-01T08:00:00Z',
  });
  const packageOf = (x: (typeof hh)[number], proposalId: string) =>
    buildPackage({ release, kab: '3174', period: '2019-01', scope: [x.kode_wilayah.slice(0, 6)], proposals: [proposal(x, proposalId)] });
  const proposalId = randomUUID();
  const pkg = await packageOf(hh[0]!, proposalId);
  const importId = (
    await kit.call('supervisorJakSel', {
      method: 'POST',
      url: '/api/v1/imports',
      ...multipartFiles({ file: { name: 'paket.siks', bytes: pkg.bytes } }),
    })
  ).json().id;
  await runPendingImports(ctx);
  const foreign = await packageOf(hh[1]!, randomUUID());
  // 3171 has its own decided proposal in the open period and a letter profile: it can finalise.
  const supervisor3171 = await actorOfToken(ctx, p.supervisorOther.token);
  const h3171 = await ctx.database.db
    .selectFrom('households')
    .select(['idbdt', 'kode_wilayah'])
    .where('kode_wilayah', 'like', '3171%')
    .executeTakeFirstOrThrow();
  await saveLetterProfile(ctx, '3171');
  await insertProposals(
    ctx,
    await insertImport(ctx, '3171', '2019-01'),
    '3171',
    [{ idbdt: h3171.idbdt, kode_wilayah: h3171.kode_wilayah, status: 'DISETUJUI' }],
    supervisor3171.userId,
  );
  fx = {
    idbdt: h.idbdt,
    documentId: doc.id,
    tokenId: token.id,
    mouId,
    releaseId: release.id,
    importId,
    proposalId,
    foreignPackage: foreign.bytes,
    finalisationId,
    photoSha256: createHash('sha256').update(stored.rawPayload).digest('hex'),
    png: white,
    otherPng: black,
  };
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
  if (offlineDist) fs.rmSync(offlineDist, { recursive: true, force: true });
});

const apiRoutes = () => app.siksRoutes.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`);

/** Whether `who` called `route` ("METHOD /path/:param") during a probe. */
function called(route: string, who: (name: string) => boolean): boolean {
  const [method, pattern] = route.split(' ') as [string, string];
  const re = new RegExp(`^${pattern.replace(/:[^/]+/g, '[^/]+')}$`);
  return calls.some((c) => c.method === method && re.test(c.path) && who(c.who));
}

describe('every API route keeps to the region scope and the verbs', () => {
  it('every /api/v1 route has a probe, and every probe a route', () => {
    const routes = apiRoutes();
    expect(routes.filter((r) => !(r in routeProbes))).toEqual([]);
    expect(Object.keys(routeProbes).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('every route has an operation id', () => {
    expect(app.siksRoutes.filter((r) => r.url.startsWith('/api/v1/') && !r.operationId)).toEqual([]);
  });

  for (const [route, probe] of Object.entries(routeProbes)) {
    it(`${route}: ${probe.expect}, called by the supervisor of another district`, async () => {
      calls.length = 0;
      const req = probe.request(fx);
      if (probe.expect === 'own' || probe.expect === 'public') {
        await probe.check(kit, req);
        // The check did call its route, as the other district's supervisor (or without a login).
        const caller = probe.expect === 'public' ? (w: string) => w === 'anonymous' : (w: string) => w.endsWith('supervisorOther');
        expect(called(route, caller)).toBe(true);
        return;
      }
      const res = await kit.call('supervisorOther', req);
      if (probe.expect === 'not-found') {
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('NOT_FOUND');
      } else if (probe.expect === 'forbidden') {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      } else {
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toMatch(/3174\d{6,}/);
        expect(res.body).not.toContain('Jakarta Selatan');
        // The same request by the owner does see its data: the probe is not vacuous.
        const own = await kit.call('supervisorJakSel', req);
        expect(own.body).toMatch(/3174/);
      }
    });

    if (probe.denied.length === 0) continue;
    it(`${route}: 403 for ${probe.denied.join(', ')} (a role without the verb)`, async () => {
      const req = probe.request(fx);
      const answers = await Promise.all(probe.denied.map(async (who) => [who, (await kit.call(who, req)).statusCode] as const));
      expect(answers).toEqual(probe.denied.map((who) => [who, 403]));
    });
  }
});

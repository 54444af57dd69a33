import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/http/app.ts';
import { createApiToken, createUser } from '../../src/server/modules/access/index.ts';
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
import {
  type AnswerClass,
  type MatrixTarget,
  matrixExpectation,
  multipartFiles,
  type ProbeFixtures,
  type ProbeKit,
  routeMatrix,
  routeProbes,
} from '../support/route-probes.ts';

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

// The authorization matrix: every route × every persona × a resource of 3174 and one of 3171, the
// expected class of answer derived from can(role, verb) and the scope (matrixExpectation). It runs
// after the probes above, on the same fixtures plus a few of 3171.
describe('the authorization matrix', () => {
  const targets = {} as Record<'3174' | '3171', MatrixTarget>;
  beforeAll(async () => {
    const db = ctx.database.db;
    for (const kab of ['3174', '3171'] as const) {
      const household = await db
        .selectFrom('households')
        .select(['idbdt', 'kode_wilayah'])
        .where('kode_wilayah', 'like', `${kab}%`)
        .orderBy('kode_wilayah')
        .orderBy('idbdt')
        .executeTakeFirstOrThrow();
      const operator = `${kab}_matriks`;
      await createUser(ctx, CLI_ACTOR, {
        username: operator,
        name: operator,
        role: 'OPERATOR',
        regions: [household.kode_wilayah.slice(0, 6)],
        password: `${operator}-Pa55word!`,
        mustChangePassword: false,
      });
      let mou = await db.selectFrom('mou_submissions').select('id').where('kab_kota', '=', kab).orderBy('id', 'desc').executeTakeFirst();
      if (!mou) {
        const up = await kit.call('supervisorOther', {
          method: 'POST',
          url: '/api/v1/mou',
          ...multipartFiles({ mou: { name: 'mou.png', bytes: fx.png }, permohonan: { name: 'p.png', bytes: fx.png } }),
        });
        mou = { id: up.json().submissionId };
      }
      // An import of the district that went through the importer (it has feedback), with a proposal.
      let proposal = { id: fx.proposalId, import_id: fx.importId };
      if (kab === '3171') {
        const release = await makeRelease(ctx, '3171', '2019-01');
        const proposalId = randomUUID();
        const pkg = await buildPackage({
          release,
          kab: '3171',
          period: '2019-01',
          scope: [household.kode_wilayah.slice(0, 6)],
          proposals: [
            {
              proposalId,
              type: 'PERBAIKAN',
              idbdt: household.idbdt,
              baseVersion: 1,
              verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-01' },
              household: { jumlah_kamar: 3 },
              members: [],
              media: [],
              createdAt: '2019-02-01T08:00:00Z',
            },
          ],
        });
        const up = await kit.call('supervisorOther', {
          method: 'POST',
          url: '/api/v1/imports',
          ...multipartFiles({ file: { name: 'paket.siks', bytes: pkg.bytes } }),
        });
        expect(up.statusCode, up.body).toBe(202);
        await runPendingImports(ctx);
        proposal = { id: proposalId, import_id: up.json().id };
      }
      let finalisation = await db.selectFrom('finalisations').select('id').where('kab_kota', '=', kab).executeTakeFirst();
      if (!finalisation) {
        const made = await kit.call('supervisorOther', { method: 'POST', url: '/api/v1/finalisations', payload: {} });
        expect(made.statusCode, made.body).toBe(201);
        finalisation = { id: made.json().id };
      }
      const doc =
        kab === '3174'
          ? { id: fx.documentId }
          : await publishDocument(ctx, CLI_ACTOR, {
              title: 'Surat Edaran 3171',
              visibility: 'DISTRICTS',
              districts: ['3171'],
              bytes: minimalPdf(),
            });
      targets[kab] = {
        kab,
        idbdt: household.idbdt,
        householdRegion: household.kode_wilayah,
        documentId: doc.id,
        tokenId: kab === '3174' ? fx.tokenId : (await createApiToken(ctx, CLI_ACTOR, '3171_supervisor', 'matriks')).id,
        supervisor: `${kab}_supervisor`,
        operator,
        operatorRegion: household.kode_wilayah.slice(0, 6),
        mouId: mou.id,
        importId: proposal.import_id,
        proposalId: proposal.id,
        finalisationId: finalisation.id,
      };
    }
  });

  it('matrix: every /api/v1 route has a row, and every row a route', () => {
    const routes = apiRoutes();
    expect(routes.filter((r) => !(r in routeMatrix))).toEqual([]);
    expect(Object.keys(routeMatrix).filter((k) => !routes.includes(k))).toEqual([]);
  });

  const classOf = (status: number): AnswerClass | string => (status >= 200 && status < 300 ? '2xx' : String(status));
  const rows = Object.entries(routeMatrix).sort(([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false));
  for (const [route, row] of rows) {
    it(`matrix: ${route}, every persona on a resource of 3174 and of 3171`, async () => {
      const wrong: string[] = [];
      let cells = 0;
      for (const kab of ['3174', '3171'] as const) {
        for (const who of Object.keys(p) as PersonaName[]) {
          const t = targets[kab];
          const res = await kit.call(who, await row.request(t, who, kit));
          const expected = matrixExpectation(row, p[who], t);
          cells++;
          const passed = expected === '2xx' && res.statusCode === 409 && row.passedWith?.includes(res.json().code);
          if (classOf(res.statusCode) !== expected && !passed)
            wrong.push(`${who} on ${kab}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
      expect(cells).toBe(2 * Object.keys(p).length);
      expect(wrong).toEqual([]);
    });
  }
});

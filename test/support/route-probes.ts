import { createHash, randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { abilitiesOf, can, isNational, type Verb } from '../../src/shared/roles.ts';
import { requiredFields } from '../../src/shared/dictionary/index.ts';
import type { Db } from '../../src/server/platform/db.ts';
import { solvePayload } from './captcha.ts';
import { parseCsv } from './exports.ts';
import type { Persona, PersonaName } from './personas.ts';

/**
 * The scope probe of every /api/v1 route. test/db/route-scope.db.test.ts fails for a route that
 * has no entry here, so a new route cannot skip the questions "what does a user of another
 * district get?" and "what does a role without the verb get?". Every probe calls its route: as the
 * supervisor of 3171 against data of 3174, and as each persona of `denied`.
 */
export interface ProbeFixtures {
  /** A household of 3174. */
  idbdt: string;
  /** An API token of 3174_supervisor. */
  tokenId: number;
  /** The (approved) MoU submission of 3174. */
  mouId: number;
  /** A release of 3174 in the open period 2019-01. */
  releaseId: string;
  /** A DONE import of 3174 with one waiting proposal. */
  importId: string;
  proposalId: string;
  /** A package of 3174 that was never imported. */
  foreignPackage: Uint8Array;
  /** A document published for district 3174 only. */
  documentId: number;
  /** A finalisation of 3174 (in a closed period of its own). */
  finalisationId: number;
  /** SHA-256 of 3174_supervisor's Foto Profil as the server stores it. */
  photoSha256: string;
  /** Scans for MoU uploads and photos (PNG, two different ones). */
  png: Buffer;
  otherPng: Buffer;
}

/** What a probe's check gets: the fixtures, the personas, requests as anyone, the database. */
export interface ProbeKit {
  fx: ProbeFixtures;
  personas: Record<PersonaName, Persona>;
  db: Db;
  /** Calls the API as a persona (its API token), as a browser session (headers), or without credentials. */
  call(who: PersonaName | 'anonymous' | Record<string, string>, req: InjectOptions): Promise<LightMyRequestResponse>;
  /** Logs a persona in through the API (solved captcha): the headers of that browser session. */
  login(who: PersonaName, password?: string): Promise<Record<string, string>>;
  /** A solved captcha payload, as the login form submits it. */
  captcha(): Promise<string>;
  /** Runs the queued import jobs now (what the background worker does). */
  runImports(): Promise<void>;
}

type Request = (fx: ProbeFixtures) => InjectOptions;

export type Probe = {
  /** The request, naming 3174's data wherever the route takes an id, a district or a filter. */
  request: Request;
  /** Personas whose role lacks the route's verb: each one's request answers 403 FORBIDDEN. */
  denied: readonly PersonaName[];
} & (
  | {
      /**
       * What the supervisor of 3171 gets: `not-found` 404 NOT_FOUND, exactly like a missing resource;
       * `forbidden` 403 (its role lacks the verb); `scoped` 200 with nothing of 3174 in the body, while
       * 3174's supervisor does see its data with the same request.
       */
      expect: 'not-found' | 'forbidden' | 'scoped';
    }
  | {
      /**
       * `own`: the route works on the caller's own account or district; `check` calls it as the
       * supervisor of 3171 and shows that nothing of 3174 is read or changed. `public`: `check` calls
       * it without credentials and asserts what it answers.
       */
      expect: 'own' | 'public';
      check: (kit: ProbeKit, req: InjectOptions) => Promise<void>;
    }
);

const OTHER = 'supervisorOther' as const;
const OWNER = 'supervisorJakSel' as const;
const NOT_PUSDATIN: PersonaName[] = ['pfm', 'provinsi31', 'operatorDesa'];
const NOT_PFM: PersonaName[] = ['pusdatin', 'provinsi31', 'operatorDesa'];
const NOT_SUPERVISOR: PersonaName[] = ['pusdatin', 'pfm', 'provinsi31', 'operatorDesa'];
const PASSPHRASE = 'kata sandi rilis probe 3171';

const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');
const json = (res: LightMyRequestResponse) => res.json() as Record<string, unknown> & { items?: Record<string, unknown>[] };

/** A multipart body with one file per field. */
export function multipartFiles(files: Record<string, { name: string; bytes: Buffer | Uint8Array; type?: string }>) {
  const boundary = `----probe${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [field, f] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const scans = (fx: ProbeFixtures): InjectOptions => ({
  method: 'POST',
  url: '/api/v1/mou',
  ...multipartFiles({
    mou: { name: 'mou.png', bytes: fx.png, type: 'image/png' },
    permohonan: { name: 'p.png', bytes: fx.png, type: 'image/png' },
  }),
});

async function count(db: Db, table: 'mou_submissions' | 'releases' | 'finalisations' | 'imports', kab: string): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kab_kota', '=', kab)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Status and finalisation of every proposal of 3174, to show a call changed none of them. */
async function proposalsOf3174(db: Db) {
  return db.selectFrom('proposals').select(['id', 'status', 'finalisation_id']).where('kab_kota', '=', '3174').orderBy('id').execute();
}

/**
 * A BSP or PBI proposal of a district (the first one, or with `waiting` the first waiting one),
 * stored straight into the table as an online proposal of its supervisor when there is none: the
 * probes need one to name, not a valid change.
 */
export async function programmeProposalOf(db: Db, kab: string, module: 'BSP' | 'PBI', waiting = false): Promise<string> {
  const found = await db
    .selectFrom('proposals')
    .select('id')
    .where('kab_kota', '=', kab)
    .where('module', '=', module)
    .$if(waiting, (q) => q.where('status', '=', 'MENUNGGU'))
    .orderBy('imported_at')
    .executeTakeFirst();
  if (found) return found.id;
  const m = await db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.idbdt', 'm.idbdt')
    .select(['m.idartbdt', 'm.idbdt', 'h.kode_wilayah'])
    .where('h.kode_wilayah', 'like', `${kab}%`)
    .orderBy('m.idartbdt')
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  const bsp = module === 'BSP';
  await db
    .insertInto('proposals')
    .values({
      id,
      kab_kota: kab,
      kode_wilayah: m.kode_wilayah,
      module,
      type: bsp ? 'BSP_NONAKTIF' : 'PBI_USUL',
      idbdt: m.idbdt,
      body: JSON.stringify({ probe: true }) as never,
      operator_username: `${kab}_supervisor`,
      status: 'MENUNGGU',
      proposal_created_at: new Date(),
      origin: 'ONLINE',
      program: bsp ? 'BPNT' : 'PBI',
      idartbdt: bsp ? null : m.idartbdt,
      reason_code: bsp ? 1 : null,
    })
    .execute();
  return id;
}

/**
 * A house photo kept with a household (as an approval keeps it), stored straight into the tables:
 * the media routes need one to name. Returns its SHA-256; the same household gets the same photo.
 */
export async function keptPhotoOf(db: Db, idbdt: string): Promise<{ sha256: string; bytes: Buffer }> {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`foto rumah ${idbdt}`)]);
  const hash = sha256(bytes);
  const h = await db.selectFrom('households').select('kode_wilayah').where('idbdt', '=', idbdt).executeTakeFirstOrThrow();
  const proposal = await db.selectFrom('proposals').select('id').where('kab_kota', '=', h.kode_wilayah.slice(0, 4)).executeTakeFirst();
  if (!proposal) throw new Error(`no proposal of ${h.kode_wilayah.slice(0, 4)} to name as the photo's source`);
  await db
    .insertInto('media')
    .values({ kab_kota: h.kode_wilayah.slice(0, 4), sha256: hash, content_type: 'image/jpeg', bytes, size: bytes.length })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('household_media')
    .values({ kab_kota: h.kode_wilayah.slice(0, 4), idbdt, sha256: hash, tag: 'foto_rumah', proposal_id: proposal.id })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { sha256: hash, bytes };
}

// An id no proposal has: the request a role without the verb makes (refused before any lookup);
// the checks put a real proposal of 3174 in its place.
const NO_PROPOSAL = '00000000-0000-4000-8000-000000000000';

/** The probes of the BSP (/kpm) and PBI (/pbi) proposal routes: the same five per module. */
function programmeProposalProbes(base: '/api/v1/kpm' | '/api/v1/pbi'): Record<string, Probe> {
  const module = base.endsWith('kpm') ? 'BSP' : 'PBI';
  const create =
    module === 'BSP'
      ? (fx: ProbeFixtures) => ({ type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: fx.idbdt, reason: 1 })
      : (fx: ProbeFixtures) => ({ type: 'PBI_USUL', idartbdt: `${fx.idbdt}01` });
  return {
    [`GET ${base}/proposals`]: {
      expect: 'not-found',
      denied: ['operatorDesa'],
      request: () => ({ method: 'GET', url: `${base}/proposals?kab=3174` }),
    },
    [`GET ${base}/proposals/export`]: {
      expect: 'not-found',
      denied: ['operatorDesa'],
      request: () => ({ method: 'GET', url: `${base}/proposals/export?kab=3174&format=csv` }),
    },
    [`GET ${base}/proposals/:id`]: {
      expect: 'own',
      denied: ['operatorDesa'],
      request: () => ({ method: 'GET', url: `${base}/proposals/${NO_PROPOSAL}` }),
      check: async (kit, req) => {
        const url = String(req.url).replace(NO_PROPOSAL, await programmeProposalOf(kit.db, '3174', module));
        expect((await kit.call(OTHER, { ...req, url })).statusCode).toBe(404);
        expect((await kit.call(OWNER, { ...req, url })).statusCode).toBe(200);
        expect((await kit.call('operatorDesa', { ...req, url })).statusCode).toBe(403);
      },
    },
    [`POST ${base}/proposals`]: {
      expect: 'not-found',
      denied: NOT_SUPERVISOR,
      request: (fx) => ({ method: 'POST', url: `${base}/proposals`, payload: create(fx) }),
    },
    [`POST ${base}/proposals/:id/decision`]: {
      expect: 'own',
      denied: NOT_SUPERVISOR,
      request: () => ({
        method: 'POST',
        url: `${base}/proposals/${NO_PROPOSAL}/decision`,
        payload: { decision: 'REJECT', reason: 'Probe lintas kabupaten' },
      }),
      check: async (kit, req) => {
        const id = await programmeProposalOf(kit.db, '3174', module, true);
        const before = await proposalsOf3174(kit.db);
        const res = await kit.call(OTHER, { ...req, url: String(req.url).replace(NO_PROPOSAL, id) });
        expect([res.statusCode, res.json().code]).toEqual([404, 'NOT_FOUND']);
        expect(await proposalsOf3174(kit.db)).toEqual(before);
      },
    },
    [`POST ${base}/proposals/decisions`]: {
      expect: 'own',
      denied: NOT_SUPERVISOR,
      request: () => ({ method: 'POST', url: `${base}/proposals/decisions`, payload: { filter: {}, decision: 'REJECT', reason: 'Probe' } }),
      check: async (kit, req) => {
        await programmeProposalOf(kit.db, '3174', module, true);
        const before = await proposalsOf3174(kit.db);
        const res = await kit.call(OTHER, req);
        expect(res.statusCode, res.body).toBe(200);
        expect(await proposalsOf3174(kit.db)).toEqual(before);
      },
    },
  };
}

/** Brings the MoU of the supervisor of 3171 to APPROVED through the API (upload, then PFM approves). */
async function approveOwnMou(kit: ProbeKit): Promise<void> {
  let state = json(await kit.call(OTHER, { method: 'GET', url: '/api/v1/mou' }));
  if (state.state === 'NOT_UPLOADED' || state.state === 'RETURNED') state = json(await kit.call(OTHER, scans(kit.fx)));
  if (state.state === 'WAITING') {
    const res = await kit.call('pfm', {
      method: 'POST',
      url: `/api/v1/mou/${state.submissionId}/review`,
      payload: { decision: 'APPROVE' },
    });
    expect(res.statusCode).toBe(200);
  }
  expect(json(await kit.call(OTHER, { method: 'GET', url: '/api/v1/mou' })).state).toBe('APPROVED');
}

/** A DCI search envelope asking for one household by its IDBDT. */
export function dciSearchOf(idbdt: string) {
  const at = '2026-12-05T09:00:00Z';
  return {
    header: { version: '1.0.0', message_id: 'probe', message_ts: at, action: 'search', sender_id: 'probe', total_count: 1 },
    message: {
      transaction_id: 'probe',
      search_request: [
        {
          reference_id: 'probe',
          timestamp: at,
          search_criteria: { reg_type: 'HOUSEHOLD', query_type: 'idtype-value', query: { type: 'IDBDT', value: idbdt } },
        },
      ],
    },
  };
}

const userProbe = (url: string, payload?: object): Probe => ({
  expect: 'forbidden',
  denied: NOT_PUSDATIN,
  request: () => ({ method: 'POST', url, ...(payload ? { payload } : {}) }),
});

export const routeProbes: Record<string, Probe> = {
  'POST /api/v1/session': {
    expect: 'public',
    denied: [],
    request: () => ({ method: 'POST', url: '/api/v1/session', payload: { username: '3171_supervisor', password: 'wrong-password-1' } }),
    check: async (kit, req) => {
      const body = req.payload as Record<string, string>;
      const wrong = await kit.call('anonymous', { ...req, payload: { ...body, captcha: await kit.captcha() } });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe('LOGIN_FAILED');
      expect(wrong.cookies.find((c) => c.name === 'siks_session')).toBeUndefined();
      const ok = await kit.call('anonymous', {
        ...req,
        payload: { ...body, password: kit.personas.supervisorOther.password, captcha: await kit.captcha() },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user).toMatchObject({ username: '3171_supervisor', role: 'SUPERVISOR', regions: [{ code: '3171' }] });
      expect(ok.cookies.find((c) => c.name === 'siks_session')?.httpOnly).toBe(true);
    },
  },
  'DELETE /api/v1/session': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'DELETE', url: '/api/v1/session' }),
    check: async (kit, req) => {
      const mine = await kit.login(OTHER);
      const owners = await kit.login(OWNER);
      expect((await kit.call(mine, req)).statusCode).toBe(204);
      expect((await kit.call(mine, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
      // The other district's session lives on.
      const still = await kit.call(owners, { method: 'GET', url: '/api/v1/me' });
      expect(still.statusCode).toBe(200);
      expect(still.json().username).toBe('3174_supervisor');
    },
  },
  'GET /api/v1/me': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/me' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        username: '3171_supervisor',
        role: 'SUPERVISOR',
        regions: [{ code: '3171', level: 'kabkota' }],
        abilities: abilitiesOf('SUPERVISOR'),
      });
      expect(res.body).not.toContain('3174');
    },
  },
  'PATCH /api/v1/me': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'PATCH', url: '/api/v1/me', payload: { language: 'en' } }),
    check: async (kit, req) => {
      expect((await kit.call(OTHER, req)).statusCode).toBe(200);
      expect(json(await kit.call(OTHER, { method: 'GET', url: '/api/v1/me' })).language).toBe('en');
      expect(json(await kit.call(OWNER, { method: 'GET', url: '/api/v1/me' })).language).toBe('id');
      await kit.call(OTHER, { ...req, payload: { language: 'id' } });
    },
  },
  'POST /api/v1/me/password': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'POST', url: '/api/v1/me/password' }),
    check: async (kit, req) => {
      const original = kit.personas.supervisorOther.password;
      const changed = 'Probe-Ganti-Sandi-3171!';
      const ownerHash = () =>
        kit.db.selectFrom('users').select('password_hash').where('username', '=', '3174_supervisor').executeTakeFirstOrThrow();
      const before = await ownerHash();
      const res = await kit.call(OTHER, { ...req, payload: { currentPassword: original, newPassword: changed } });
      expect(res.statusCode).toBe(200);
      await kit.login(OTHER, changed);
      expect(await ownerHash()).toEqual(before);
      await kit.login(OWNER);
      // Back to the persona's password, for the probes that log in after this one.
      const back = await kit.call(OTHER, { ...req, payload: { currentPassword: changed, newPassword: original } });
      expect(back.statusCode).toBe(200);
    },
  },
  'GET /api/v1/captcha': {
    expect: 'public',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/captcha' }),
    check: async (kit, req) => {
      const a = await kit.call('anonymous', req);
      const b = await kit.call('anonymous', req);
      expect(a.statusCode).toBe(200);
      expect(a.headers['cache-control']).toBe('no-store');
      expect(a.json()).toMatchObject({ parameters: { algorithm: expect.any(String) }, signature: expect.any(String) });
      expect(a.json()).not.toEqual(b.json());
      // Solved as the login form's widget does, it lets a login through.
      const login = await kit.call('anonymous', {
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: '3171_supervisor', password: kit.personas.supervisorOther.password, captcha: await solvePayload(a.json()) },
      });
      expect(login.statusCode).toBe(200);
    },
  },
  'GET /api/v1/users': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'GET', url: '/api/v1/users' }),
  },
  'GET /api/v1/users/export': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'GET', url: '/api/v1/users/export?format=csv' }),
  },
  'POST /api/v1/users': userProbe('/api/v1/users', { name: 'x', role: 'SUPERVISOR', regions: ['3174'] }),
  'POST /api/v1/users/:username/disable': userProbe('/api/v1/users/3174_supervisor/disable'),
  'POST /api/v1/users/:username/enable': userProbe('/api/v1/users/3174_supervisor/enable'),
  'POST /api/v1/users/:username/unlock': userProbe('/api/v1/users/3174_supervisor/unlock'),
  'POST /api/v1/users/:username/reset-password': userProbe('/api/v1/users/3174_supervisor/reset-password'),
  'POST /api/v1/users/:username/role': userProbe('/api/v1/users/3174_supervisor/role', { role: 'SUPERVISOR', regions: ['3171'] }),
  'GET /api/v1/tokens': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/tokens?username=3174_supervisor' }),
  },
  'GET /api/v1/tokens/export': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/tokens/export?username=3174_supervisor&format=csv' }),
  },
  'POST /api/v1/tokens': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', username: '3174_supervisor' } }),
  },
  'DELETE /api/v1/tokens/:id': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'DELETE', url: `/api/v1/tokens/${fx.tokenId}` }),
  },
  'GET /api/v1/periods': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/periods' }),
    check: async (kit, req) => {
      // Periods are national: every logged-in user gets the same list; nobody without a login.
      const mine = await kit.call(OTHER, req);
      expect(mine.statusCode).toBe(200);
      expect(mine.body).toContain('"2019-01"');
      expect(mine.body).toBe((await kit.call(OWNER, req)).body);
      expect((await kit.call('anonymous', req)).statusCode).toBe(401);
    },
  },
  'GET /api/v1/periods/export': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/periods/export?format=csv' }),
    check: async (kit, req) => {
      // National like the list: the same file for every logged-in user; nobody without a login.
      const mine = await kit.call(OTHER, req);
      expect(mine.statusCode).toBe(200);
      expect(mine.body).toContain('2019-01');
      expect(mine.body).toBe((await kit.call(OWNER, req)).body);
      expect((await kit.call('anonymous', req)).statusCode).toBe(401);
    },
  },
  'POST /api/v1/periods': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'POST', url: '/api/v1/periods', payload: { code: '2030-01', startsOn: '2030-01-01', endsOn: '2030-06-30' } }),
  },
  'POST /api/v1/periods/:code/close': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'POST', url: '/api/v1/periods/2019-01/close' }),
  },
  'GET /api/v1/mou': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/mou' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      expect(res.json().kab).toBe('3171');
      expect(res.json().submissionId).not.toBe(kit.fx.mouId);
      expect(json(await kit.call(OWNER, req))).toMatchObject({ kab: '3174', state: 'APPROVED', submissionId: kit.fx.mouId });
    },
  },
  // Runs before POST /api/v1/releases, which approves the MoU of 3171.
  'POST /api/v1/mou': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: scans,
    check: async (kit, req) => {
      const before = await count(kit.db, 'mou_submissions', '3174');
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ kab: '3171', state: 'WAITING' });
      expect(await count(kit.db, 'mou_submissions', '3174')).toBe(before);
      expect(json(await kit.call(OWNER, { method: 'GET', url: '/api/v1/mou' }))).toMatchObject({
        state: 'APPROVED',
        submissionId: kit.fx.mouId,
      });
    },
  },
  'GET /api/v1/mou/queue': {
    expect: 'forbidden',
    denied: NOT_PFM,
    request: () => ({ method: 'GET', url: '/api/v1/mou/queue' }),
  },
  'GET /api/v1/mou/queue/export': {
    expect: 'forbidden',
    denied: NOT_PFM,
    request: () => ({ method: 'GET', url: '/api/v1/mou/queue/export?format=csv' }),
  },
  'GET /api/v1/mou/:id': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/mou/${fx.mouId}` }),
  },
  'GET /api/v1/mou/:id/:scan': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/mou/${fx.mouId}/mou` }),
  },
  'POST /api/v1/mou/:id/review': {
    expect: 'forbidden',
    denied: NOT_PFM,
    request: (fx) => ({ method: 'POST', url: `/api/v1/mou/${fx.mouId}/review`, payload: { decision: 'APPROVE' } }),
  },
  'POST /api/v1/releases': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'POST', url: '/api/v1/releases', payload: { passphrase: PASSPHRASE } }),
    check: async (kit, req) => {
      await approveOwnMou(kit);
      const before = await count(kit.db, 'releases', '3174');
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/_3171_/);
      const id = String(res.headers['x-siks-release-id']);
      const row = await kit.db.selectFrom('releases').select('kab_kota').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.kab_kota).toBe('3171');
      expect(await count(kit.db, 'releases', '3174')).toBe(before);
    },
  },
  'GET /api/v1/releases': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/releases' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      const ids = json(res).items!.map((r) => r.id);
      const own = await kit.db.selectFrom('releases').select('id').where('kab_kota', '=', '3171').execute();
      expect(ids.every((id) => own.some((r) => r.id === id))).toBe(true);
      expect(ids).not.toContain(kit.fx.releaseId);
      expect(json(await kit.call(OWNER, req)).items!.map((r) => r.id)).toContain(kit.fx.releaseId);
    },
  },
  'GET /api/v1/releases/export': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/releases/export?format=csv' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(kit.fx.releaseId);
      expect((await kit.call(OWNER, req)).body).toContain(kit.fx.releaseId);
    },
  },
  'POST /api/v1/imports': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: (fx) => ({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipartFiles({ file: { name: 'paket.siks', bytes: fx.foreignPackage } }),
    }),
    check: async (kit, req) => {
      const before = await proposalsOf3174(kit.db);
      const imports3174 = await count(kit.db, 'imports', '3174');
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(202);
      await kit.runImports();
      // The package of 3174 is refused as the import of 3171 it was uploaded as, and creates nothing.
      const row = await kit.db
        .selectFrom('imports')
        .select(['kab_kota', 'status', 'reason_code'])
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ kab_kota: '3171', status: 'REFUSED', reason_code: 'PACKAGE_OTHER_DISTRICT' });
      const created = await kit.db.selectFrom('proposals').select('id').where('import_id', '=', res.json().id).execute();
      expect(created).toEqual([]);
      expect(await proposalsOf3174(kit.db)).toEqual(before);
      expect(await count(kit.db, 'imports', '3174')).toBe(imports3174);
    },
  },
  'GET /api/v1/imports': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/imports?pageSize=100' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      const ids = json(res).items!.map((i) => i.id);
      const own = await kit.db.selectFrom('imports').select('id').where('kab_kota', '=', '3171').execute();
      expect(ids.every((id) => own.some((r) => r.id === id))).toBe(true);
      expect(ids).not.toContain(kit.fx.importId);
      expect(json(await kit.call(OWNER, req)).items!.map((i) => i.id)).toContain(kit.fx.importId);
    },
  },
  'GET /api/v1/imports/export': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/imports/export?format=csv' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      const [header, ...rows] = parseCsv(res.body);
      const ids = rows.map((r) => r[header!.indexOf('ID Impor')]);
      const own = await kit.db.selectFrom('imports').select('id').where('kab_kota', '=', '3171').execute();
      expect(ids.every((id) => own.some((r) => r.id === id))).toBe(true);
      expect(ids).not.toContain(kit.fx.importId);
      expect(parseCsv((await kit.call(OWNER, req)).body).map((r) => r[header!.indexOf('ID Impor')])).toContain(kit.fx.importId);
    },
  },
  // Any role without import:run gets the same 404 (it has no imports of its own to name).
  'GET /api/v1/imports/:id': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/imports/${fx.importId}` }),
  },
  'GET /api/v1/imports/:id/feedback': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: (fx) => ({ method: 'GET', url: `/api/v1/imports/${fx.importId}/feedback` }),
  },
  'GET /api/v1/proposals': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/proposals?pageSize=100' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      const items = json(res).items!;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => String(i.kodeWilayah).startsWith('3171'))).toBe(true);
      expect(items.map((i) => i.id)).not.toContain(kit.fx.proposalId);
      expect(json(await kit.call(OWNER, req)).items!.map((i) => i.id)).toContain(kit.fx.proposalId);
    },
  },
  'GET /api/v1/proposals/export': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/proposals/export?format=csv' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      const [header, ...rows] = parseCsv(res.body);
      const at = (name: string) => header!.indexOf(name);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r[at('Kode Wilayah')]!.startsWith('3171'))).toBe(true);
      expect(rows.map((r) => r[at('ID Usulan')])).not.toContain(kit.fx.proposalId);
      expect(parseCsv((await kit.call(OWNER, req)).body).map((r) => r[at('ID Usulan')])).toContain(kit.fx.proposalId);
    },
  },
  'GET /api/v1/proposals/:id': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: (fx) => ({ method: 'GET', url: `/api/v1/proposals/${fx.proposalId}` }),
  },
  'POST /api/v1/proposals/:id/decision': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: (fx) => ({ method: 'POST', url: `/api/v1/proposals/${fx.proposalId}/decision`, payload: { decision: 'APPROVE' } }),
  },
  'POST /api/v1/proposals/decisions': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: (fx) => ({
      method: 'POST',
      url: '/api/v1/proposals/decisions',
      payload: { filter: { importId: fx.importId }, decision: 'APPROVE' },
    }),
    check: async (kit, req) => {
      const before = await proposalsOf3174(kit.db);
      expect(before.some((p) => p.id === kit.fx.proposalId && p.status === 'MENUNGGU')).toBe(true);
      // 3174's import named in the filter: nothing matches.
      const named = await kit.call(OTHER, req);
      expect(named.statusCode).toBe(200);
      expect(named.json()).toEqual({ matched: 0, conflicts: 0, decided: 0 });
      // Every waiting proposal there is: only those of 3171 are decided.
      const waiting3171 = await kit.db
        .selectFrom('proposals')
        .select('id')
        .where('kab_kota', '=', '3171')
        .where('status', '=', 'MENUNGGU')
        .execute();
      const all = await kit.call(OTHER, { ...req, payload: { filter: {}, decision: 'REJECT', reason: 'Probe lintas kabupaten' } });
      expect(all.statusCode).toBe(200);
      expect(all.json().matched).toBe(waiting3171.length);
      expect(await proposalsOf3174(kit.db)).toEqual(before);
    },
  },
  'GET /api/v1/audit': { expect: 'scoped', denied: [], request: () => ({ method: 'GET', url: '/api/v1/audit?pageSize=100' }) },
  'GET /api/v1/audit/export': { expect: 'scoped', denied: [], request: () => ({ method: 'GET', url: '/api/v1/audit/export?format=csv' }) },
  'GET /api/v1/home': { expect: 'scoped', denied: [], request: () => ({ method: 'GET', url: '/api/v1/home' }) },
  'GET /api/v1/regions': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/regions?parent=3174' }),
  },
  'GET /api/v1/regions/tree': {
    expect: 'public',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/regions/tree' }),
    // The same public tree of the nation for anyone, with or without a login.
    check: async (kit, req) => {
      const anonymous = await kit.call('anonymous', req);
      expect(anonymous.statusCode).toBe(200);
      expect(anonymous.json()).toHaveLength(38);
      expect((await kit.call(OTHER, req)).body).toBe(anonymous.body);
    },
  },
  'POST /api/v1/dci/registry/sync/search': {
    // Only INTEGRASI tokens search through the DCI API (the suite's personas hold none of it).
    expect: 'forbidden',
    denied: ['pusdatin', 'pfm', 'provinsi31', 'supervisorJakSel', 'operatorDesa'],
    request: (fx) => ({ method: 'POST', url: '/api/v1/dci/registry/sync/search', payload: dciSearchOf(fx.idbdt) }),
  },
  'GET /api/v1/households': {
    expect: 'scoped',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/households?pageSize=100' }),
  },
  'GET /api/v1/households/export': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/households/export?kab=3174&format=csv' }),
  },
  'GET /api/v1/households/:idbdt': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/households/${fx.idbdt}` }),
  },
  'GET /api/v1/map/figures': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/map/figures?parent=3174' }),
  },
  'GET /api/v1/map/points': {
    expect: 'not-found',
    // Points are personal data: masked roles see the area figures only.
    denied: ['provinsi31'],
    request: () => ({ method: 'GET', url: '/api/v1/map/points?kab=3174&bbox=106.7,-6.4,107,-6.1&zoom=11' }),
  },
  'GET /api/v1/boundaries': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/boundaries?parent=3174' }),
  },
  'POST /api/v1/boundaries': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'POST', url: '/api/v1/boundaries', ...boundaryFile('3174011001') }),
  },
  'GET /api/v1/media/:sha256': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'GET', url: `/api/v1/media/${'0'.repeat(64)}` }),
    check: async (kit) => {
      // A photo kept with a household of 3174: 404 to 3171's supervisor, exactly like an unknown hash.
      const photo = await keptPhotoOf(kit.db, kit.fx.idbdt);
      const req = { method: 'GET' as const, url: `/api/v1/media/${photo.sha256}` };
      const other = await kit.call(OTHER, req);
      expect(other.statusCode).toBe(404);
      expect(json(other).code).toBe('NOT_FOUND');
      expect((await kit.call(OTHER, { method: 'GET', url: `/api/v1/media/${'0'.repeat(64)}` })).statusCode).toBe(404);
      const own = await kit.call(OWNER, req);
      expect(own.statusCode).toBe(200);
      expect(sha256(own.rawPayload)).toBe(photo.sha256);
    },
  },
  'GET /api/v1/households/:idbdt/media': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/households/${fx.idbdt}/media` }),
  },
  'GET /api/v1/documents': { expect: 'scoped', denied: [], request: () => ({ method: 'GET', url: '/api/v1/documents' }) },
  'GET /api/v1/documents/export': {
    expect: 'scoped',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/documents/export?format=csv' }),
  },
  'POST /api/v1/documents': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'POST', url: '/api/v1/documents', payload: { title: 'x' } }),
  },
  'PATCH /api/v1/documents/:id': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: (fx) => ({ method: 'PATCH', url: `/api/v1/documents/${fx.documentId}`, payload: { title: 'x' } }),
  },
  'DELETE /api/v1/documents/:id': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: (fx) => ({ method: 'DELETE', url: `/api/v1/documents/${fx.documentId}` }),
  },
  'GET /api/v1/documents/:id/content': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/documents/${fx.documentId}/content` }),
  },
  'GET /api/v1/districts/:kab/programs': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/districts/3174/programs' }),
  },
  'PUT /api/v1/districts/:kab/quotas/:program': {
    expect: 'forbidden',
    denied: NOT_PFM,
    request: () => ({ method: 'PUT', url: '/api/v1/districts/3174/quotas/BPNT', payload: { quota: 1 } }),
  },
  'GET /api/v1/kpm': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/kpm?kab=3174' }),
  },
  'GET /api/v1/pbi': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/pbi?kab=3174' }),
  },
  'GET /api/v1/kpm/export': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/kpm/export?kab=3174&format=csv' }),
  },
  'GET /api/v1/pbi/export': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/pbi/export?kab=3174&format=csv' }),
  },
  'GET /api/v1/quotas': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/quotas?kab=3174' }),
  },
  ...programmeProposalProbes('/api/v1/kpm'),
  ...programmeProposalProbes('/api/v1/pbi'),
  'GET /api/v1/kpm/waiting-list': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/kpm/waiting-list?kab=3174&program=BPNT' }),
  },
  'GET /api/v1/pbi/waiting-list': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/pbi/waiting-list?kab=3174' }),
  },
  'GET /api/v1/kpm/waiting-list/export': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/kpm/waiting-list/export?kab=3174&program=BPNT&format=csv' }),
  },
  'GET /api/v1/pbi/waiting-list/export': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/pbi/waiting-list/export?kab=3174&format=csv' }),
  },
  'GET /api/v1/pkh/candidates': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/pkh/candidates?kab=3174' }),
  },
  'GET /api/v1/pkh/candidates/export': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/pkh/candidates/export?kab=3174&format=csv' }),
  },
  'POST /api/v1/pkh/nominations': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: (fx) => ({ method: 'POST', url: '/api/v1/pkh/nominations', payload: { idbdt: [fx.idbdt] } }),
  },
  'GET /api/v1/pkh/nominations': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/pkh/nominations?kab=3174' }),
  },
  'GET /api/v1/pkh/nominations/export': {
    expect: 'not-found',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/pkh/nominations/export?kab=3174&format=csv' }),
  },
  'POST /api/v1/baseline': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'POST', url: '/api/v1/baseline?kab=3174&period=2019-01', ...baselineFiles() }),
  },
  'GET /api/v1/baseline': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'GET', url: '/api/v1/baseline?kab=3174' }),
  },
  'GET /api/v1/baseline/export': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'GET', url: '/api/v1/baseline/export?kab=3174&format=csv' }),
  },
  'GET /api/v1/baseline/:id': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'GET', url: `/api/v1/baseline/${randomUUID()}` }),
  },
  'GET /api/v1/baseline/:id/errors.csv': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'GET', url: `/api/v1/baseline/${randomUUID()}/errors.csv` }),
  },
  'POST /api/v1/baseline/:id/confirm': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'POST', url: `/api/v1/baseline/${randomUUID()}/confirm`, payload: {} }),
  },
  'DELETE /api/v1/baseline/:id': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'DELETE', url: `/api/v1/baseline/${randomUUID()}` }),
  },
  'GET /api/v1/relocations': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/relocations?kab=3174&direction=out' }),
  },
  'GET /api/v1/relocations/export': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/relocations/export?kab=3174&direction=in&format=csv' }),
  },
  'GET /api/v1/relocations/destinations': {
    // Region names only (public): the same list for every supervisor, nothing of 3174's data.
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/relocations/destinations' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      expect(json(res).items?.every((r) => r.level === 'provinsi' || r.level === 'kabkota')).toBe(true);
    },
  },
  'POST /api/v1/relocations': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: (fx) => ({ method: 'POST', url: '/api/v1/relocations', payload: { idbdt: fx.idbdt, desa: '3174010001', reason: 'probe' } }),
  },
  'POST /api/v1/relocations/handovers': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: (fx) => ({
      method: 'POST',
      url: '/api/v1/relocations/handovers',
      payload: { idbdt: fx.idbdt, toKab: '3173', reason: 'probe' },
    }),
  },
  'POST /api/v1/relocations/:id/accept': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'POST', url: '/api/v1/relocations/999999999/accept', payload: { desa: '3174010001' } }),
  },
  'POST /api/v1/relocations/:id/decline': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'POST', url: '/api/v1/relocations/999999999/decline', payload: { reason: 'probe' } }),
  },
  'POST /api/v1/relocations/:id/cancel': {
    expect: 'not-found',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'POST', url: '/api/v1/relocations/999999999/cancel', payload: {} }),
  },
  'PUT /api/v1/pkh/nominations/:id/status': {
    expect: 'forbidden',
    denied: NOT_PUSDATIN,
    request: () => ({ method: 'PUT', url: '/api/v1/pkh/nominations/1/status', payload: { status: 'DITOLAK', reason: 'probe' } }),
  },
  'GET /api/v1/quotas/districts': {
    expect: 'scoped',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/quotas/districts?pageSize=100' }),
  },
  'GET /api/v1/quotas/template.xlsx': {
    expect: 'forbidden',
    denied: NOT_PFM,
    request: () => ({ method: 'GET', url: '/api/v1/quotas/template.xlsx?provinsi=31' }),
  },
  'POST /api/v1/quotas/import': {
    expect: 'forbidden',
    denied: NOT_PFM,
    request: () => ({
      method: 'POST',
      url: '/api/v1/quotas/import',
      ...multipartFiles({ file: { name: 'kuota.xlsx', bytes: Buffer.from('x') } }),
    }),
  },
  'PUT /api/v1/districts/:kab/bpnt-stage': {
    expect: 'forbidden',
    denied: NOT_PFM,
    request: () => ({ method: 'PUT', url: '/api/v1/districts/3174/bpnt-stage', payload: { tahap: '2' } }),
  },
  'GET /api/v1/district-profiles/:kab': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/district-profiles/3174' }),
  },
  // A province and Ditjen PFM see 3174 in their scope but may not change its profile.
  'PUT /api/v1/district-profiles/:kab': {
    expect: 'not-found',
    denied: ['pfm', 'provinsi31'],
    request: () => ({
      method: 'PUT',
      url: '/api/v1/district-profiles/3174',
      payload: {
        namaInstansi: 'Dinas Sosial',
        alamat: 'Jl. Probe 1',
        nomorTelepon: '021-7654321',
        namaKepalaDinas: 'Probe',
        nipKepalaDinas: '196501011990031001',
        namaBupati: 'Probe',
      },
    }),
  },
  'PUT /api/v1/district-profiles/:kab/pengesahan': {
    expect: 'not-found',
    denied: ['pfm', 'provinsi31'],
    request: () => ({ method: 'PUT', url: '/api/v1/district-profiles/3174/pengesahan', payload: { samaDenganKepalaDinas: true } }),
  },
  'PUT /api/v1/district-profiles/:kab/logo': {
    expect: 'not-found',
    denied: ['pfm', 'provinsi31'],
    request: (fx) => ({
      method: 'PUT',
      url: '/api/v1/district-profiles/3174/logo',
      ...multipartFiles({ file: { name: 'logo.png', bytes: fx.png, type: 'image/png' } }),
    }),
  },
  'GET /api/v1/district-profiles/:kab/logo': {
    expect: 'not-found',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/district-profiles/3174/logo' }),
  },
  'GET /api/v1/me/profile': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/me/profile' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      expect(res.json().username).toBe('3171_supervisor');
      expect(res.json().photo?.sha256).not.toBe(kit.fx.photoSha256);
    },
  },
  'PUT /api/v1/me/profile': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'PUT', url: '/api/v1/me/profile', payload: { nama: 'Petugas Probe', nomorHp: '081234567890', email: null } }),
    check: async (kit, req) => {
      const owner = json(await kit.call(OWNER, { method: 'GET', url: '/api/v1/me/profile' }));
      const res = await kit.call(OTHER, req);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ username: '3171_supervisor', nama: 'Petugas Probe' });
      expect(json(await kit.call(OWNER, { method: 'GET', url: '/api/v1/me/profile' }))).toEqual(owner);
    },
  },
  'PUT /api/v1/me/photo': {
    expect: 'own',
    denied: [],
    request: (fx) => ({
      method: 'PUT',
      url: '/api/v1/me/photo',
      ...multipartFiles({ file: { name: 'foto.png', bytes: fx.otherPng, type: 'image/png' } }),
    }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      const mine = await kit.call(OTHER, { method: 'GET', url: '/api/v1/me/photo' });
      expect(sha256(mine.rawPayload)).toBe(res.json().sha256);
      const owners = await kit.call(OWNER, { method: 'GET', url: '/api/v1/me/photo' });
      expect(sha256(owners.rawPayload)).toBe(kit.fx.photoSha256);
    },
  },
  'GET /api/v1/me/photo': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/me/photo' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      // The caller's own photo, or none: never 3174's.
      const profile = json(await kit.call(OTHER, { method: 'GET', url: '/api/v1/me/profile' }));
      const photo = profile.photo as { sha256: string } | null;
      if (photo === null) expect(res.statusCode).toBe(404);
      else expect(sha256(res.rawPayload)).toBe(photo.sha256);
      expect(photo?.sha256).not.toBe(kit.fx.photoSha256);
      expect(sha256((await kit.call(OWNER, req)).rawPayload)).toBe(kit.fx.photoSha256);
    },
  },
  'GET /api/v1/finalisations/preview': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/v1/finalisations/preview' }),
    check: async (kit, req) => {
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      expect(res.json().kab.code).toBe('3171');
      expect(res.body).not.toContain(kit.fx.proposalId);
      // 3174's own preview does list its waiting proposal.
      expect((await kit.call(OWNER, req)).body).toContain(kit.fx.proposalId);
    },
  },
  'POST /api/v1/finalisations': {
    expect: 'own',
    denied: NOT_SUPERVISOR,
    request: () => ({ method: 'POST', url: '/api/v1/finalisations', payload: {} }),
    check: async (kit, req) => {
      const before = await proposalsOf3174(kit.db);
      const finalisations3174 = await count(kit.db, 'finalisations', '3174');
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(201);
      expect(res.json().kab.code).toBe('3171');
      expect(await count(kit.db, 'finalisations', '3174')).toBe(finalisations3174);
      expect(await proposalsOf3174(kit.db)).toEqual(before);
    },
  },
  'GET /api/v1/finalisations': {
    expect: 'scoped',
    denied: ['operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/finalisations' }),
  },
  'GET /api/v1/finalisations/:id': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/finalisations/${fx.finalisationId}` }),
  },
  'GET /api/v1/finalisations/:id/letter': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/finalisations/${fx.finalisationId}/letter` }),
  },
  'GET /api/v1/finalisations/:id/data': {
    expect: 'not-found',
    denied: [],
    request: (fx) => ({ method: 'GET', url: `/api/v1/finalisations/${fx.finalisationId}/data?format=csv` }),
  },
  'GET /api/v1/reports/recap/kecamatan': {
    expect: 'not-found',
    denied: ['pfm', 'operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/reports/recap/kecamatan?kab=3174' }),
  },
  'GET /api/v1/reports/recap/desa': {
    expect: 'not-found',
    denied: ['pfm', 'operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/reports/recap/desa?kab=3174' }),
  },
  'GET /api/v1/reports/recap/provinsi': {
    expect: 'not-found',
    denied: ['pfm', 'operatorDesa'],
    // Province 32: neither the other district's scope nor one holding it.
    request: () => ({ method: 'GET', url: '/api/v1/reports/recap/provinsi?provinsi=32' }),
  },
  'GET /api/v1/reports/recap/provinsi/export': {
    expect: 'not-found',
    denied: ['pfm', 'operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/reports/recap/provinsi/export?provinsi=32&format=csv' }),
  },
  'GET /api/v1/reports/recap/export': {
    expect: 'not-found',
    denied: ['pfm', 'operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/reports/recap/export?kab=3174&level=kecamatan&format=csv' }),
  },
  'GET /api/v1/reports/finalisations': {
    expect: 'forbidden',
    denied: ['pfm', 'operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/reports/finalisations' }),
  },
  'GET /api/v1/reports/finalisations/export': {
    expect: 'forbidden',
    denied: ['pfm', 'operatorDesa'],
    request: () => ({ method: 'GET', url: '/api/v1/reports/finalisations/export?format=csv' }),
  },
  'GET /api/v1/offline-app': {
    expect: 'own',
    denied: [],
    request: () => ({ method: 'GET', url: '/api/v1/offline-app' }),
    check: async (kit, req) => {
      // The app's built files, README and serve.mjs for any logged-in user: no registry data.
      const res = await kit.call(OTHER, req);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(Object.keys(unzipSync(new Uint8Array(res.rawPayload))).sort()).toEqual(['README.txt', 'index.html', 'serve.mjs', 'sw.js']);
      expect((await kit.call('anonymous', req)).statusCode).toBe(401);
    },
  },
};

// ---------------------------------------------------------------------------------------------
// The authorization matrix (issue 9): every route × every persona × a resource of 3174 and one of
// 3171. Each row names the route's verb and what its request acts on; the expected class of answer
// follows from `can(role, verb)` and the scope alone (matrixExpectation), never from the route.

/** The resources of one district the matrix names in its requests. */
export interface MatrixTarget {
  kab: '3174' | '3171';
  /** A household of the district, in its first kecamatan (3174's lies in the operator's 317401). */
  idbdt: string;
  householdRegion: string;
  documentId: number;
  /** An API token of the district's supervisor. */
  tokenId: number;
  supervisor: string;
  /** An operator of the district only the matrix uses (disable, enable, unlock, reset, role). */
  operator: string;
  operatorRegion: string;
  mouId: number;
  importId: string;
  proposalId: string;
  finalisationId: number;
}

/** The class of answer a matrix cell expects. */
export type AnswerClass = '2xx' | '403' | '404';

export interface MatrixRow {
  /** The verb the route needs (any of a list); null: any logged-in user. */
  verb: Verb | readonly Verb[] | null;
  /**
   * 409 codes that count as "let through" for a 2xx cell: the permission and scope checks passed and
   * the state of the fixtures refused the change (an MoU already approved, a period already open).
   */
  passedWith?: readonly string[];
  /**
   * The resource's region must lie within the caller's scope (a district's profile is not an
   * operator's, whose scope is a kecamatan of it); by default a scope inside the region also reaches it.
   */
  within?: true;
  /** Runs after every other row (it changes what the other rows rely on, e.g. closes the open period). */
  last?: true;
  /**
   * `district`: the request names the target's resource (404 outside the caller's scope);
   * `self`: it acts on the caller's own account, district or scope whatever the target (never 404).
   */
  on: 'district' | 'self';
  /** The region the resource belongs to (default: the target district). */
  region?: (t: MatrixTarget) => string;
  /** The request; `who` is the persona calling (for requests that name the caller's own things). */
  request: (t: MatrixTarget, who: PersonaName, kit: ProbeKit) => InjectOptions | Promise<InjectOptions>;
}

/** Whether a region (a code of any level) is inside a persona's scope, or (unless `within`) the scope inside it. */
export function matrixInScope(persona: Persona, region: string, within = false): boolean {
  if (isNational(persona.role)) return true;
  return persona.regions.some((r) => region.startsWith(r) || (!within && r.startsWith(region)));
}

/** The class a cell must answer: 403 without the verb; 404 for a resource outside the scope; 2xx otherwise. */
export function matrixExpectation(row: MatrixRow, persona: Persona, t: MatrixTarget): AnswerClass {
  const verbs = row.verb === null ? [] : typeof row.verb === 'string' ? [row.verb] : row.verb;
  if (verbs.length > 0 && !verbs.some((v) => can(persona.role, v))) return '403';
  if (row.on === 'self') return '2xx';
  return matrixInScope(persona, (row.region ?? ((x) => x.kab))(t), row.within) ? '2xx' : '404';
}

let matrixSerial = 0;
const serial = () => ++matrixSerial;
const districtProfile = {
  namaInstansi: 'Dinas Sosial',
  alamat: 'Jl. Matriks 1',
  nomorTelepon: '021-7654321',
  namaKepalaDinas: 'Matriks',
  nipKepalaDinas: '196501011990031001',
  namaBupati: 'Matriks',
};

/** An xlsx quota sheet giving one district a RASTRA quota (C4). */
async function quotaSheet(kab: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kuota');
  ws.addRow(['Kode Kab/Kota', 'BPNT', 'RASTRA', 'PBI']);
  ws.addRow([kab, null, 100_000, null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A document for one district as Pusdatin's form uploads it (multipart fields and a PNG). */
function documentUpload(t: MatrixTarget, kit: ProbeKit): InjectOptions {
  const boundary = `----matrix${serial()}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(field('title', `Surat Edaran ${t.kab} ${serial()}`) + field('visibility', 'DISTRICTS') + field('districts', t.kab)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="surat.png"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.from(kit.fx.png),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { method: 'POST', url: '/api/v1/documents', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The matrix rows of the BSP (/kpm) and PBI (/pbi) proposal routes. */
function programmeProposalRows(base: '/api/v1/kpm' | '/api/v1/pbi'): Record<string, MatrixRow> {
  const module = base.endsWith('kpm') ? 'BSP' : 'PBI';
  return {
    [`GET ${base}/proposals`]: {
      verb: 'program:read',
      on: 'district',
      request: (t) => ({ method: 'GET', url: `${base}/proposals?kab=${t.kab}` }),
    },
    [`GET ${base}/proposals/export`]: {
      verb: 'program:read',
      on: 'district',
      request: (t) => ({ method: 'GET', url: `${base}/proposals/export?kab=${t.kab}&format=csv` }),
    },
    [`GET ${base}/proposals/:id`]: {
      verb: 'program:read',
      on: 'district',
      request: async (t, _w, kit) => ({ method: 'GET', url: `${base}/proposals/${await programmeProposalOf(kit.db, t.kab, module)}` }),
    },
    [`POST ${base}/proposals`]: {
      // Without a KPM list a removal is not eligible; a member proposed once is then waiting.
      passedWith: ['PROGRAMME_PROPOSAL_NOT_ELIGIBLE', 'PROGRAMME_PROPOSAL_PENDING'],
      verb: 'program:decide',
      on: 'district',
      request: (t) => ({
        method: 'POST',
        url: `${base}/proposals`,
        payload:
          module === 'BSP'
            ? { type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: t.idbdt, reason: 1 }
            : { type: 'PBI_USUL', idartbdt: `${t.idbdt}01` },
      }),
    },
    [`POST ${base}/proposals/:id/decision`]: {
      verb: 'program:decide',
      on: 'district',
      request: async (t, _w, kit) => ({
        method: 'POST',
        url: `${base}/proposals/${await programmeProposalOf(kit.db, t.kab, module, true)}/decision`,
        payload: { decision: 'REJECT', reason: 'Matriks' },
      }),
    },
    [`POST ${base}/proposals/decisions`]: {
      verb: 'program:decide',
      on: 'self',
      request: () => ({ method: 'POST', url: `${base}/proposals/decisions`, payload: { filter: {}, decision: 'APPROVE', dryRun: true } }),
    },
  };
}

/** A GeoJSON boundary file of one small square keyed by `code`, as a multipart upload. */
function boundaryFile(code: string) {
  const square = [
    [106.8, -6.3],
    [106.81, -6.3],
    [106.81, -6.29],
    [106.8, -6.29],
    [106.8, -6.3],
  ];
  const geojson = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { kode: code }, geometry: { type: 'Polygon', coordinates: [square] } }],
  };
  return multipartFiles({ file: { name: 'batas.geojson', bytes: Buffer.from(JSON.stringify(geojson)), type: 'application/geo+json' } });
}

/** A baseline upload of header rows only (an INVALID load: no households), as two CSV files. */
export function baselineFiles() {
  const header = (entity: 'household' | 'member') =>
    [...new Set([...requiredFields(entity).map((f) => f.name), 'idbdt', ...(entity === 'member' ? ['idartbdt'] : [])])].join(',');
  return multipartFiles({
    households: { name: 'households.csv', bytes: Buffer.from(`${header('household')}\r\n`), type: 'text/csv' },
    members: { name: 'members.csv', bytes: Buffer.from(`${header('member')}\r\n`), type: 'text/csv' },
  });
}

/** A fresh baseline load of the district, made by Pusdatin for the cell. */
async function baselineLoadOf(kit: ProbeKit, kab: string): Promise<string> {
  const res = await kit.call('pusdatin', { method: 'POST', url: `/api/v1/baseline?kab=${kab}&period=2019-01`, ...baselineFiles() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

export const routeMatrix: Record<string, MatrixRow> = {
  'POST /api/v1/session': {
    verb: null,
    on: 'self',
    request: async (_t, who, kit) => ({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: kit.personas[who].username, password: kit.personas[who].password, captcha: await kit.captcha() },
    }),
  },
  'DELETE /api/v1/session': {
    verb: null,
    on: 'self',
    request: async (_t, who, kit) => ({ method: 'DELETE', url: '/api/v1/session', headers: await kit.login(who) }),
  },
  'GET /api/v1/me': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/me' }) },
  'PATCH /api/v1/me': { verb: null, on: 'self', request: () => ({ method: 'PATCH', url: '/api/v1/me', payload: { language: 'id' } }) },
  'POST /api/v1/me/password': {
    verb: null,
    on: 'self',
    // The cell changes the password back from a temporary one set just before it (the persona keeps its password).
    request: async (_t, who, kit) => {
      const temporary = `Matriks-Sementara-${serial()}!`;
      const set = await kit.call(who, {
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: kit.personas[who].password, newPassword: temporary },
      });
      expect(set.statusCode, set.body).toBe(200);
      return {
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: temporary, newPassword: kit.personas[who].password },
      };
    },
  },
  'GET /api/v1/captcha': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/captcha' }) },
  'GET /api/v1/users': { verb: 'users:manage', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/users' }) },
  'GET /api/v1/users/export': {
    verb: 'users:manage',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/users/export?format=csv' }),
  },
  'POST /api/v1/users': {
    verb: 'users:manage',
    on: 'district',
    request: (t) => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: `${t.kab}_matrix_${serial()}`, name: 'Matriks', role: 'OPERATOR', regions: [t.operatorRegion] },
    }),
  },
  'POST /api/v1/users/:username/disable': {
    verb: 'users:manage',
    on: 'district',
    request: (t) => ({ method: 'POST', url: `/api/v1/users/${t.operator}/disable` }),
  },
  'POST /api/v1/users/:username/enable': {
    verb: 'users:manage',
    on: 'district',
    request: (t) => ({ method: 'POST', url: `/api/v1/users/${t.operator}/enable` }),
  },
  'POST /api/v1/users/:username/unlock': {
    verb: 'users:manage',
    on: 'district',
    request: (t) => ({ method: 'POST', url: `/api/v1/users/${t.operator}/unlock` }),
  },
  'POST /api/v1/users/:username/reset-password': {
    verb: 'users:manage',
    on: 'district',
    request: (t) => ({ method: 'POST', url: `/api/v1/users/${t.operator}/reset-password` }),
  },
  'POST /api/v1/users/:username/role': {
    verb: 'users:manage',
    on: 'district',
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/users/${t.operator}/role`,
      payload: { role: 'OPERATOR', regions: [t.operatorRegion] },
    }),
  },
  'GET /api/v1/tokens': { verb: 'tokens:own', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/tokens' }) },
  'GET /api/v1/tokens/export': {
    verb: 'tokens:own',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/tokens/export?format=csv' }),
  },
  'POST /api/v1/tokens': {
    verb: 'tokens:own',
    on: 'self',
    request: () => ({ method: 'POST', url: '/api/v1/tokens', payload: { name: `matriks ${serial()}` } }),
  },
  'DELETE /api/v1/tokens/:id': {
    verb: 'tokens:own',
    on: 'self',
    // A token of the caller's own, made for the cell: deleting a token is about its owner, not a district.
    request: async (_t, who, kit) => {
      const made = await kit.call(who, { method: 'POST', url: '/api/v1/tokens', payload: { name: `matriks ${serial()}` } });
      return { method: 'DELETE', url: `/api/v1/tokens/${made.json().id}` };
    },
  },
  'GET /api/v1/periods': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/periods' }) },
  'GET /api/v1/periods/export': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/periods/export?format=csv' }) },
  'POST /api/v1/periods': {
    passedWith: ['PERIOD_ALREADY_OPEN'],
    verb: 'periods:manage',
    on: 'self',
    request: () => {
      const year = 2100 + serial();
      return {
        method: 'POST',
        url: '/api/v1/periods',
        payload: { code: `${year}-01`, startsOn: `${year}-01-01`, endsOn: `${year}-06-30` },
      };
    },
  },
  'POST /api/v1/periods/:code/close': {
    passedWith: ['PERIOD_NOT_OPEN'],
    last: true,
    verb: 'periods:manage',
    on: 'self',
    request: () => ({ method: 'POST', url: '/api/v1/periods/2019-01/close' }),
  },
  'GET /api/v1/mou': { verb: 'mou:submit', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/mou' }) },
  'POST /api/v1/mou': {
    passedWith: ['MOU_ALREADY_APPROVED', 'MOU_ALREADY_WAITING'],
    verb: 'mou:submit',
    on: 'self',
    request: (_t, _w, kit) => scans(kit.fx),
  },
  'GET /api/v1/mou/queue': { verb: 'mou:review', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/mou/queue' }) },
  'GET /api/v1/mou/queue/export': {
    verb: 'mou:review',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/mou/queue/export?format=csv' }),
  },
  'GET /api/v1/mou/:id': {
    verb: ['mou:submit', 'mou:review'],
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/mou/${t.mouId}` }),
  },
  'GET /api/v1/mou/:id/:scan': {
    verb: ['mou:submit', 'mou:review'],
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/mou/${t.mouId}/mou` }),
  },
  'POST /api/v1/mou/:id/review': {
    passedWith: ['MOU_NOT_WAITING'],
    verb: 'mou:review',
    on: 'district',
    request: (t) => ({ method: 'POST', url: `/api/v1/mou/${t.mouId}/review`, payload: { decision: 'APPROVE' } }),
  },
  'POST /api/v1/releases': {
    verb: 'release:download',
    on: 'self',
    request: () => ({ method: 'POST', url: '/api/v1/releases', payload: { passphrase: PASSPHRASE } }),
  },
  'GET /api/v1/releases': { verb: 'release:download', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/releases' }) },
  'GET /api/v1/releases/export': {
    verb: 'release:download',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/releases/export?format=csv' }),
  },
  'POST /api/v1/imports': {
    verb: 'import:run',
    on: 'self',
    request: (_t, _w, kit) => ({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipartFiles({ file: { name: 'paket.siks', bytes: kit.fx.foreignPackage } }),
    }),
  },
  'GET /api/v1/imports': { verb: 'import:run', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/imports' }) },
  'GET /api/v1/imports/export': {
    verb: 'import:run',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/imports/export?format=csv' }),
  },
  'GET /api/v1/imports/:id': {
    verb: 'import:run',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/imports/${t.importId}` }),
  },
  'GET /api/v1/imports/:id/feedback': {
    verb: 'import:run',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/imports/${t.importId}/feedback` }),
  },
  'GET /api/v1/proposals': { verb: 'proposal:read', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/proposals' }) },
  'GET /api/v1/proposals/export': {
    verb: 'proposal:read',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/proposals/export?format=csv' }),
  },
  'GET /api/v1/proposals/:id': {
    verb: 'proposal:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/proposals/${t.proposalId}` }),
  },
  'POST /api/v1/proposals/:id/decision': {
    passedWith: ['PROPOSAL_NOT_PENDING'],
    verb: 'proposal:decide',
    on: 'district',
    request: (t) => ({
      method: 'POST',
      url: `/api/v1/proposals/${t.proposalId}/decision`,
      payload: { decision: 'RETURN', reason: 'Matriks' },
    }),
  },
  'POST /api/v1/proposals/decisions': {
    verb: 'proposal:decide',
    on: 'self',
    request: (t) => ({
      method: 'POST',
      url: '/api/v1/proposals/decisions',
      payload: { filter: { importId: t.importId }, decision: 'APPROVE' },
    }),
  },
  'GET /api/v1/audit': { verb: 'audit:read', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/audit' }) },
  'GET /api/v1/audit/export': {
    verb: 'audit:read',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/audit/export?format=csv' }),
  },
  'GET /api/v1/home': { verb: 'registry:read', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/home' }) },
  'GET /api/v1/regions': { verb: null, on: 'district', request: (t) => ({ method: 'GET', url: `/api/v1/regions?parent=${t.kab}` }) },
  'GET /api/v1/regions/tree': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/regions/tree' }) },
  'POST /api/v1/dci/registry/sync/search': {
    verb: 'registry:integrate',
    on: 'self',
    request: (t) => ({ method: 'POST', url: '/api/v1/dci/registry/sync/search', payload: dciSearchOf(t.idbdt) }),
  },
  'GET /api/v1/households': { verb: 'registry:read', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/households' }) },
  'GET /api/v1/map/figures': {
    verb: 'registry:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/map/figures?parent=${t.kab}` }),
  },
  'GET /api/v1/map/points': {
    // registry:read and personal:unmasked: every role holding the latter holds the former.
    verb: 'personal:unmasked',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/map/points?kab=${t.kab}&bbox=106.7,-6.4,107,-6.1&zoom=11` }),
  },
  'GET /api/v1/boundaries': {
    verb: 'registry:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/boundaries?parent=${t.kab}` }),
  },
  'POST /api/v1/boundaries': {
    verb: 'boundary:load',
    on: 'self',
    // A code no region has: listed as unknown and nothing stored, so the other cells keep the district's shapes.
    request: () => ({ method: 'POST', url: '/api/v1/boundaries', ...boundaryFile('9999999999') }),
  },
  'GET /api/v1/households/export': {
    verb: 'registry:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/households/export?kab=${t.kab}&format=csv` }),
  },
  'GET /api/v1/households/:idbdt': {
    verb: 'registry:read',
    on: 'district',
    region: (t) => t.householdRegion,
    request: (t) => ({ method: 'GET', url: `/api/v1/households/${t.idbdt}` }),
  },
  'GET /api/v1/media/:sha256': {
    verb: 'registry:read',
    on: 'district',
    region: (t) => t.householdRegion,
    request: async (t, _w, kit) => ({ method: 'GET', url: `/api/v1/media/${(await keptPhotoOf(kit.db, t.idbdt)).sha256}` }),
  },
  'GET /api/v1/households/:idbdt/media': {
    verb: 'registry:read',
    on: 'district',
    region: (t) => t.householdRegion,
    request: (t) => ({ method: 'GET', url: `/api/v1/households/${t.idbdt}/media` }),
  },
  'GET /api/v1/documents': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/documents' }) },
  'GET /api/v1/documents/export': {
    verb: null,
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/documents/export?format=csv' }),
  },
  'POST /api/v1/documents': {
    verb: 'document:publish',
    on: 'self',
    request: (t, _w, kit) => documentUpload(t, kit),
  },
  'PATCH /api/v1/documents/:id': {
    verb: 'document:publish',
    on: 'district',
    request: (t) => ({ method: 'PATCH', url: `/api/v1/documents/${t.documentId}`, payload: { title: `Surat Edaran ${t.kab}` } }),
  },
  'DELETE /api/v1/documents/:id': {
    verb: 'document:publish',
    on: 'district',
    // A document of the target district made for the cell (the fixture document stays for the other cells).
    request: async (t, _w, kit) => {
      const made = await kit.call('pusdatin', await documentUpload(t, kit));
      expect(made.statusCode, made.body).toBe(201);
      return { method: 'DELETE', url: `/api/v1/documents/${made.json().id}` };
    },
  },
  'GET /api/v1/documents/:id/content': {
    verb: null,
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/documents/${t.documentId}/content` }),
  },
  'GET /api/v1/districts/:kab/programs': {
    verb: null,
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/districts/${t.kab}/programs` }),
  },
  'PUT /api/v1/districts/:kab/quotas/:program': {
    verb: 'quota:set',
    on: 'district',
    request: (t) => ({ method: 'PUT', url: `/api/v1/districts/${t.kab}/quotas/BPNT`, payload: { quota: 100 } }),
  },
  'GET /api/v1/kpm': { verb: 'program:read', on: 'district', request: (t) => ({ method: 'GET', url: `/api/v1/kpm?kab=${t.kab}` }) },
  'GET /api/v1/pbi': { verb: 'program:read', on: 'district', request: (t) => ({ method: 'GET', url: `/api/v1/pbi?kab=${t.kab}` }) },
  'GET /api/v1/kpm/export': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/kpm/export?kab=${t.kab}&format=csv` }),
  },
  'GET /api/v1/pbi/export': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/pbi/export?kab=${t.kab}&format=csv` }),
  },
  'GET /api/v1/quotas': { verb: 'program:read', on: 'district', request: (t) => ({ method: 'GET', url: `/api/v1/quotas?kab=${t.kab}` }) },
  ...programmeProposalRows('/api/v1/kpm'),
  ...programmeProposalRows('/api/v1/pbi'),
  'GET /api/v1/kpm/waiting-list': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/kpm/waiting-list?kab=${t.kab}&program=BPNT&pageSize=5` }),
  },
  'GET /api/v1/pbi/waiting-list': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/pbi/waiting-list?kab=${t.kab}&pageSize=5` }),
  },
  'GET /api/v1/kpm/waiting-list/export': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/kpm/waiting-list/export?kab=${t.kab}&program=BPNT&format=csv` }),
  },
  'GET /api/v1/pbi/waiting-list/export': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/pbi/waiting-list/export?kab=${t.kab}&format=csv` }),
  },
  'GET /api/v1/pkh/candidates': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/pkh/candidates?kab=${t.kab}&pageSize=5` }),
  },
  'GET /api/v1/pkh/candidates/export': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/pkh/candidates/export?kab=${t.kab}&format=csv` }),
  },
  'POST /api/v1/pkh/nominations': {
    // The district's first household may have no PKH component, or be nominated already.
    passedWith: ['PKH_NOT_ELIGIBLE', 'PKH_ALREADY_NOMINATED'],
    verb: 'pkh:nominate',
    on: 'district',
    request: (t) => ({ method: 'POST', url: '/api/v1/pkh/nominations', payload: { idbdt: [t.idbdt] } }),
  },
  'GET /api/v1/pkh/nominations': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/pkh/nominations?kab=${t.kab}` }),
  },
  'GET /api/v1/pkh/nominations/export': {
    verb: 'program:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/pkh/nominations/export?kab=${t.kab}&format=csv` }),
  },
  'PUT /api/v1/pkh/nominations/:id/status': {
    verb: 'pkh:decide',
    on: 'district',
    // An open nomination of the district (one is made for its first household when there is none).
    request: async (t, _w, kit) => {
      const open = await kit.db
        .selectFrom('pkh_nominations')
        .select('id')
        .where('kab_kota', '=', t.kab)
        .where('status', 'in', ['DIUSULKAN', 'DITERIMA'])
        .executeTakeFirst();
      const made = open
        ? open
        : await kit.db
            .insertInto('pkh_nominations')
            .values({ kab_kota: t.kab, idbdt: t.idbdt, components: '{}' })
            .returning('id')
            .executeTakeFirstOrThrow();
      return { method: 'PUT', url: `/api/v1/pkh/nominations/${made.id}/status`, payload: { status: 'DITOLAK', reason: 'matriks' } };
    },
  },
  'POST /api/v1/baseline': {
    verb: 'baseline:load',
    on: 'self',
    request: (t) => ({ method: 'POST', url: `/api/v1/baseline?kab=${t.kab}&period=2019-01`, ...baselineFiles() }),
  },
  'GET /api/v1/baseline': {
    verb: 'baseline:load',
    on: 'self',
    request: (t) => ({ method: 'GET', url: `/api/v1/baseline?kab=${t.kab}` }),
  },
  'GET /api/v1/baseline/export': {
    verb: 'baseline:load',
    on: 'self',
    request: (t) => ({ method: 'GET', url: `/api/v1/baseline/export?kab=${t.kab}&format=csv` }),
  },
  'GET /api/v1/baseline/:id': {
    verb: 'baseline:load',
    on: 'self',
    request: async (t, _w, kit) => ({ method: 'GET', url: `/api/v1/baseline/${await baselineLoadOf(kit, t.kab)}` }),
  },
  'GET /api/v1/baseline/:id/errors.csv': {
    verb: 'baseline:load',
    on: 'self',
    request: async (t, _w, kit) => ({ method: 'GET', url: `/api/v1/baseline/${await baselineLoadOf(kit, t.kab)}/errors.csv` }),
  },
  'POST /api/v1/baseline/:id/confirm': {
    // The load of the cell holds no rows (INVALID): the permission check passed, the state refused.
    passedWith: ['BASELINE_NOT_READY'],
    verb: 'baseline:load',
    on: 'self',
    request: async (t, _w, kit) => ({ method: 'POST', url: `/api/v1/baseline/${await baselineLoadOf(kit, t.kab)}/confirm`, payload: {} }),
  },
  'DELETE /api/v1/baseline/:id': {
    verb: 'baseline:load',
    on: 'self',
    request: async (t, _w, kit) => ({ method: 'DELETE', url: `/api/v1/baseline/${await baselineLoadOf(kit, t.kab)}` }),
  },
  'GET /api/v1/quotas/districts': {
    verb: 'program:read',
    on: 'district',
    // The province filter: accepted when it holds the caller's district, as the scope rule says.
    region: (t) => t.kab.slice(0, 2),
    request: (t) => ({ method: 'GET', url: `/api/v1/quotas/districts?provinsi=${t.kab.slice(0, 2)}` }),
  },
  'GET /api/v1/quotas/template.xlsx': {
    verb: 'quota:set',
    on: 'self',
    request: (t) => ({ method: 'GET', url: `/api/v1/quotas/template.xlsx?provinsi=${t.kab.slice(0, 2)}` }),
  },
  'POST /api/v1/quotas/import': {
    verb: 'quota:set',
    on: 'self',
    // A RASTRA quota well above any list, so that no later cell is refused over it.
    request: async (t) => ({
      method: 'POST',
      url: '/api/v1/quotas/import',
      ...multipartFiles({ file: { name: 'kuota.xlsx', bytes: await quotaSheet(t.kab) } }),
    }),
  },
  'PUT /api/v1/districts/:kab/bpnt-stage': {
    verb: 'quota:set',
    on: 'district',
    request: (t) => ({ method: 'PUT', url: `/api/v1/districts/${t.kab}/bpnt-stage`, payload: { tahap: '2' } }),
  },
  'GET /api/v1/district-profiles/:kab': {
    within: true,
    verb: null,
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/district-profiles/${t.kab}` }),
  },
  'PUT /api/v1/district-profiles/:kab': {
    verb: 'profile:district',
    on: 'district',
    request: (t) => ({ method: 'PUT', url: `/api/v1/district-profiles/${t.kab}`, payload: districtProfile }),
  },
  'PUT /api/v1/district-profiles/:kab/pengesahan': {
    verb: 'profile:district',
    on: 'district',
    request: (t) => ({ method: 'PUT', url: `/api/v1/district-profiles/${t.kab}/pengesahan`, payload: { samaDenganKepalaDinas: true } }),
  },
  'PUT /api/v1/district-profiles/:kab/logo': {
    verb: 'profile:district',
    on: 'district',
    request: (t, _w, kit) => ({
      method: 'PUT',
      url: `/api/v1/district-profiles/${t.kab}/logo`,
      ...multipartFiles({ file: { name: 'logo.png', bytes: kit.fx.png, type: 'image/png' } }),
    }),
  },
  'GET /api/v1/district-profiles/:kab/logo': {
    within: true,
    verb: null,
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/district-profiles/${t.kab}/logo` }),
  },
  'GET /api/v1/me/profile': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/me/profile' }) },
  'PUT /api/v1/me/profile': {
    verb: null,
    on: 'self',
    request: () => ({
      method: 'PUT',
      url: '/api/v1/me/profile',
      payload: { nama: 'Petugas Matriks', nomorHp: '081234567890', email: null },
    }),
  },
  'PUT /api/v1/me/photo': {
    verb: null,
    on: 'self',
    request: (_t, _w, kit) => ({
      method: 'PUT',
      url: '/api/v1/me/photo',
      ...multipartFiles({ file: { name: 'foto.png', bytes: kit.fx.png, type: 'image/png' } }),
    }),
  },
  'GET /api/v1/me/photo': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/me/photo' }) },
  'GET /api/v1/finalisations/preview': {
    verb: 'finalisation:manage',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/finalisations/preview' }),
  },
  'POST /api/v1/finalisations': {
    passedWith: ['FINALISATION_WAITING', 'FINALISATION_NOTHING_NEW'],
    verb: 'finalisation:manage',
    on: 'self',
    request: () => ({ method: 'POST', url: '/api/v1/finalisations', payload: {} }),
  },
  'GET /api/v1/finalisations': { verb: 'letter:read', on: 'self', request: () => ({ method: 'GET', url: '/api/v1/finalisations' }) },
  'GET /api/v1/finalisations/:id': {
    verb: 'letter:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/finalisations/${t.finalisationId}` }),
  },
  'GET /api/v1/finalisations/:id/letter': {
    verb: 'letter:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/finalisations/${t.finalisationId}/letter` }),
  },
  'GET /api/v1/finalisations/:id/data': {
    verb: 'letter:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/finalisations/${t.finalisationId}/data?format=csv` }),
  },
  'GET /api/v1/reports/recap/kecamatan': {
    verb: 'recap:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/reports/recap/kecamatan?kab=${t.kab}` }),
  },
  'GET /api/v1/reports/recap/desa': {
    verb: 'recap:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/reports/recap/desa?kab=${t.kab}` }),
  },
  'GET /api/v1/reports/recap/provinsi': {
    verb: 'recap:read',
    on: 'district',
    region: (t) => t.kab.slice(0, 2),
    request: (t) => ({ method: 'GET', url: `/api/v1/reports/recap/provinsi?provinsi=${t.kab.slice(0, 2)}` }),
  },
  'GET /api/v1/reports/recap/provinsi/export': {
    verb: 'recap:read',
    on: 'district',
    region: (t) => t.kab.slice(0, 2),
    request: (t) => ({ method: 'GET', url: `/api/v1/reports/recap/provinsi/export?provinsi=${t.kab.slice(0, 2)}&format=csv` }),
  },
  'GET /api/v1/reports/recap/export': {
    verb: 'recap:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/reports/recap/export?kab=${t.kab}&level=kecamatan&format=csv` }),
  },
  'GET /api/v1/reports/finalisations': {
    verb: 'monitoring:read',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/reports/finalisations' }),
  },
  'GET /api/v1/reports/finalisations/export': {
    verb: 'monitoring:read',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/reports/finalisations/export?format=csv' }),
  },
  'GET /api/v1/offline-app': { verb: null, on: 'self', request: () => ({ method: 'GET', url: '/api/v1/offline-app' }) },
  'GET /api/v1/relocations': {
    verb: 'registry:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/relocations?kab=${t.kab}&direction=pending` }),
  },
  'GET /api/v1/relocations/export': {
    verb: 'registry:read',
    on: 'district',
    request: (t) => ({ method: 'GET', url: `/api/v1/relocations/export?kab=${t.kab}&format=csv` }),
  },
  'GET /api/v1/relocations/destinations': {
    verb: 'household:move',
    on: 'self',
    request: () => ({ method: 'GET', url: '/api/v1/relocations/destinations' }),
  },
  'POST /api/v1/relocations': {
    // A move into the desa it is in already: let through, then refused (the household never moves).
    passedWith: ['RELOCATION_SAME_PLACE'],
    verb: 'household:move',
    on: 'district',
    request: (t) => ({
      method: 'POST',
      url: '/api/v1/relocations',
      payload: { idbdt: t.idbdt, desa: t.householdRegion, reason: 'matriks' },
    }),
  },
  'POST /api/v1/relocations/handovers': {
    // The district's last household, put in hand-over for the matrix: a second release is refused.
    passedWith: ['IN_HANDOVER'],
    verb: 'household:move',
    on: 'district',
    request: async (t, _w, kit) => ({
      method: 'POST',
      url: '/api/v1/relocations/handovers',
      payload: { idbdt: await handedOverOf(kit.db, t.kab), toKab: t.kab === '3174' ? '3171' : '3174', reason: 'matriks' },
    }),
  },
  'POST /api/v1/relocations/:id/accept': {
    passedWith: ['RELOCATION_NOT_PENDING'],
    verb: 'household:move',
    on: 'district',
    request: async (t, _w, kit) => ({
      method: 'POST',
      url: `/api/v1/relocations/${await closedHandoverOf(kit.db, t, 'destination')}/accept`,
      payload: { desa: t.householdRegion },
    }),
  },
  'POST /api/v1/relocations/:id/decline': {
    passedWith: ['RELOCATION_NOT_PENDING'],
    verb: 'household:move',
    on: 'district',
    request: async (t, _w, kit) => ({
      method: 'POST',
      url: `/api/v1/relocations/${await closedHandoverOf(kit.db, t, 'destination')}/decline`,
      payload: { reason: 'matriks' },
    }),
  },
  'POST /api/v1/relocations/:id/cancel': {
    passedWith: ['RELOCATION_NOT_PENDING'],
    verb: 'household:move',
    on: 'district',
    request: async (t, _w, kit) => ({
      method: 'POST',
      url: `/api/v1/relocations/${await closedHandoverOf(kit.db, t, 'origin')}/cancel`,
      payload: {},
    }),
  },
};

/** The district's last household, in hand-over to the other district (made once). */
async function handedOverOf(db: Db, kab: string): Promise<string> {
  const h = await db
    .selectFrom('households')
    .select(['idbdt', 'kode_wilayah'])
    .where('kode_wilayah', 'like', `${kab}%`)
    .orderBy('idbdt', 'desc')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('relocations')
    .values({
      kab_kota: kab,
      idbdt: h.idbdt,
      kind: 'HANDOVER',
      status: 'MENUNGGU',
      from_kode_wilayah: h.kode_wilayah,
      to_kab: kab === '3174' ? '3171' : '3174',
      reason: 'matriks',
    })
    .onConflict((oc) => oc.columns(['kab_kota', 'idbdt']).where('status', '=', 'MENUNGGU').doNothing())
    .execute();
  return h.idbdt;
}

/** A hand-over already declined, of which the target district is the destination or the origin. */
async function closedHandoverOf(db: Db, t: MatrixTarget, side: 'origin' | 'destination'): Promise<number> {
  const other = t.kab === '3174' ? '3171' : '3174';
  const [origin, destination] = side === 'origin' ? [t.kab, other] : [other, t.kab];
  const r = await db
    .insertInto('relocations')
    .values({
      kab_kota: origin,
      idbdt: t.idbdt,
      kind: 'HANDOVER',
      status: 'DITOLAK',
      from_kode_wilayah: origin,
      to_kab: destination,
      reason: 'matriks',
      decided_at: new Date(),
      decision_reason: 'matriks',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { openPeriod } from '../../src/server/modules/periods/index.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { abilitiesOf, can, ROLES, VERBS, type Verb } from '../../src/shared/roles.ts';
import { testContext, type TestContext } from '../support/db.ts';
import { bearer, testApp, type TestApp } from '../support/http.ts';
import { createPersona, createPersonas, type Persona, type PersonaName } from '../support/personas.ts';
import { dciSearchOf } from '../support/route-probes.ts';

// The verb × role table of src/shared/roles.ts, walked through the API: for every verb one real
// request, made by a persona of every role. A role without the verb is refused (403, or for the two
// verbs that narrow what is shown rather than refuse, the narrowed answer); a role with it is not.

let ctx: TestContext;
let app: TestApp;
// The suite's personas and an INTEGRASI user of 3174 (a role only the DCI API serves).
let p: Record<PersonaName | 'integrasi', Persona>;

beforeAll(async () => {
  ctx = await testContext();
  p = {
    ...(await createPersonas(ctx)),
    integrasi: await createPersona(ctx, { username: 'integrasi_3174', role: 'INTEGRASI', regions: ['3174'] }),
  };
  await seedDistrict(ctx, { kab: '3174', households: 30, seed: 3 });
  await seedDistrict(ctx, { kab: '3171', households: 10, seed: 4 });
  await openPeriod(ctx, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  app = await testApp(ctx);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

/** The district a persona works for: its own, or 3174 (in the scope of the province and the nation). */
const districtOf = (who: Persona) => (who.regions[0]?.length === 4 ? who.regions[0] : '3174');

interface VerbProbe {
  request: (who: Persona) => InjectOptions;
  /** Whether the answer is the refusal of a role without the verb (default: 403 FORBIDDEN). */
  refused?: (res: LightMyRequestResponse, who: Persona) => boolean;
}

const forbidden = (res: LightMyRequestResponse) => res.statusCode === 403;

/** One representative request per verb: a verb added to VERB_ROLES without one fails to compile and fails below. */
const verbProbes: Record<Verb, VerbProbe> = {
  'registry:read': { request: () => ({ method: 'GET', url: '/api/v1/households?pageSize=1' }) },
  'personal:unmasked': {
    request: () => ({ method: 'GET', url: '/api/v1/households?pageSize=20' }),
    // Not refused but masked: names come as `S*** A*****`.
    refused: (res) => {
      // A role that may not read the registry at all (INTEGRASI outside the DCI API) sees nothing unmasked either.
      if (res.statusCode === 403) return true;
      const items = res.json().items as { nama_krt: string | null }[];
      if (res.statusCode !== 200 || items.length === 0) throw new Error(`no households to look at: ${res.body}`);
      return items.some((i) => i.nama_krt?.includes('**'));
    },
  },
  'users:manage': { request: () => ({ method: 'GET', url: '/api/v1/users' }) },
  'tokens:own': { request: () => ({ method: 'GET', url: '/api/v1/tokens' }) },
  'audit:read': { request: () => ({ method: 'GET', url: '/api/v1/audit' }) },
  'audit:read-scope': {
    request: () => ({ method: 'GET', url: '/api/v1/audit?pageSize=100' }),
    // Not refused but narrowed to the reader's own entries (creating the personas logged entries
    // of every district and province by the command line).
    refused: (res, who) =>
      res.statusCode === 403 || (res.json().items as { actor: string | null }[]).every((i) => i.actor === who.username),
  },
  'periods:manage': { request: () => ({ method: 'POST', url: '/api/v1/periods/1999-01/close' }) },
  'document:publish': { request: () => ({ method: 'DELETE', url: '/api/v1/documents/999999' }) },
  'profile:district': {
    request: (who) => ({
      method: 'PUT',
      url: `/api/v1/district-profiles/${districtOf(who)}/pengesahan`,
      payload: { samaDenganKepalaDinas: true },
    }),
  },
  'mou:submit': { request: () => ({ method: 'GET', url: '/api/v1/mou' }) },
  'mou:review': { request: () => ({ method: 'GET', url: '/api/v1/mou/queue' }) },
  'release:download': { request: () => ({ method: 'GET', url: '/api/v1/releases' }) },
  'import:run': { request: () => ({ method: 'GET', url: '/api/v1/imports' }) },
  'proposal:read': { request: () => ({ method: 'GET', url: '/api/v1/proposals' }) },
  'proposal:decide': {
    request: () => ({ method: 'POST', url: '/api/v1/proposals/decisions', payload: { filter: {}, decision: 'APPROVE', dryRun: true } }),
  },
  'finalisation:manage': { request: () => ({ method: 'GET', url: '/api/v1/finalisations/preview' }) },
  'letter:read': { request: () => ({ method: 'GET', url: '/api/v1/finalisations' }) },
  'recap:read': { request: (who) => ({ method: 'GET', url: `/api/v1/reports/recap/kecamatan?kab=${districtOf(who)}` }) },
  'monitoring:read': { request: () => ({ method: 'GET', url: '/api/v1/reports/finalisations' }) },
  'quota:set': { request: (who) => ({ method: 'PUT', url: `/api/v1/districts/${districtOf(who)}/quotas/BPNT`, payload: { quota: 5 } }) },
  'program:read': { request: (who) => ({ method: 'GET', url: `/api/v1/quotas?kab=${districtOf(who)}` }) },
  'program:decide': {
    request: () => ({ method: 'POST', url: '/api/v1/kpm/proposals/decisions', payload: { filter: {}, decision: 'APPROVE', dryRun: true } }),
  },
  // An unknown household or nomination: the holder of the verb meets 404, never a refusal.
  'pkh:nominate': { request: () => ({ method: 'POST', url: '/api/v1/pkh/nominations', payload: { idbdt: ['3174000000000000'] } }) },
  'pkh:decide': {
    request: () => ({ method: 'PUT', url: '/api/v1/pkh/nominations/999999999/status', payload: { status: 'DITOLAK', reason: 'uji' } }),
  },
  'baseline:load': { request: () => ({ method: 'GET', url: '/api/v1/baseline?kab=3174' }) },
  // Without a file: Pusdatin is told to choose one (400), every other role refused before that (403).
  'boundary:load': { request: () => ({ method: 'POST', url: '/api/v1/boundaries', payload: {} }) },
  // An unknown household: the INTEGRASI token gets an empty page, never a refusal.
  'registry:integrate': {
    request: () => ({ method: 'POST', url: '/api/v1/dci/registry/sync/search', payload: dciSearchOf('3174000000000000') }),
  },
  'household:move': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/relocations',
      payload: { idbdt: '3174000000000000', desa: '3174010001', reason: 'uji' },
    }),
  },
  'metrics:read': { request: () => ({ method: 'GET', url: '/metrics' }) },
};

describe('the verb × role table, through the API', () => {
  it('has a persona of every role and a probe of every verb', () => {
    expect(new Set(Object.values(p).map((who) => who.role))).toEqual(new Set(ROLES));
    expect(Object.keys(verbProbes).sort()).toEqual([...VERBS].sort());
  });

  it('getMe answers exactly the abilities of the role', async () => {
    for (const who of Object.values(p)) {
      const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(who) });
      expect(me.statusCode).toBe(200);
      expect([who.username, me.json().abilities]).toEqual([who.username, abilitiesOf(who.role)]);
    }
  });

  for (const verb of VERBS) {
    it(`${verb}: refused exactly for the roles without it`, async () => {
      const probe = verbProbes[verb];
      const refused = probe.refused ?? forbidden;
      const answers: [string, boolean][] = [];
      for (const [name, who] of Object.entries(p)) {
        const req = probe.request(who);
        const res = await app.inject({ ...req, headers: { ...((req.headers as Record<string, string>) ?? {}), ...bearer(who) } });
        // A role with the verb may still meet a 404 or 409 (nothing there), never a refusal.
        answers.push([name, refused(res, who)]);
      }
      const expected = Object.entries(p).map(([name, who]) => [name, !can(who.role, verb)]);
      expect(answers).toEqual(expected);
    });
  }
});

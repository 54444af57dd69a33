import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../cli/commands.ts';
import { testContext, type TestContext } from '../../../../test/support/db.ts';
import { bearer, loginRequest, testApp, type TestApp } from '../../../../test/support/http.ts';
import { createPersonas, type Persona, type PersonaName } from '../../../../test/support/personas.ts';
import { seedDistrict } from '../demo/index.ts';

// Issue 16: the DCI sync search of INTEGRASI users (scope, criteria, rejections, the log) and the
// public regions tree. The integration accounts and their tokens are made with the same CLI
// commands the README shows.

let ctx: TestContext;
let app: TestApp;
let p: Record<PersonaName, Persona>;
/** Bearer headers of the INTEGRASI users of district 3174 and of the nation (tokens printed by `siks tokens create`). */
let jaksel: Record<string, string>;
let nasional: Record<string, string>;

async function siks(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, ctx, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function integrationToken(username: string, ...scope: string[]): Promise<Record<string, string>> {
  expect((await siks('users', 'create', username, '--role', 'INTEGRASI', ...scope, '--name', 'BPJS Kesehatan')).code).toBe(0);
  const created = await siks('tokens', 'create', username, '--name', 'bpjs');
  expect(created.code).toBe(0);
  return { authorization: `Bearer ${created.out.trim()}` };
}

beforeAll(async () => {
  ctx = await testContext();
  p = await createPersonas(ctx);
  await seedDistrict(ctx, { kab: '3174', households: 30, seed: 3 });
  await seedDistrict(ctx, { kab: '3171', households: 10, seed: 4 });
  jaksel = await integrationToken('dci_3174', '--region', '3174');
  nasional = await integrationToken('dci_nasional');
  app = await testApp(ctx);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

type Criteria = Record<string, unknown>;
const envelope = (...criteria: Criteria[]) => ({
  signature: '',
  header: {
    version: '1.0.0',
    message_id: 'msg-1',
    message_ts: '2026-12-05T09:00:00+07:00',
    action: 'search',
    sender_id: 'bpjs-kesehatan',
    receiver_id: 'siks-ng',
    total_count: criteria.length,
  },
  message: {
    transaction_id: 'trx-1',
    search_request: criteria.map((search_criteria, i) => ({
      reference_id: `ref-${i}`,
      timestamp: '2026-12-05T09:00:00+07:00',
      search_criteria,
    })),
  },
});

async function search(headers: Record<string, string>, ...criteria: Criteria[]) {
  return app.inject({ method: 'POST', url: '/api/v1/dci/registry/sync/search', headers, payload: envelope(...criteria) });
}

type Answer = {
  header: Record<string, unknown>;
  message: {
    transaction_id: string;
    correlation_id: string;
    search_response: {
      reference_id: string;
      status: string;
      status_reason_code?: string;
      status_reason_message?: string;
      data: { reg_type?: string; reg_records: Record<string, unknown>[] };
      pagination: { page_size: number; page_number: number; total_count: number };
    }[];
  };
};

async function answerOf(headers: Record<string, string>, ...criteria: Criteria[]): Promise<Answer> {
  const res = await search(headers, ...criteria);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Answer;
}

async function memberOf(kab: string) {
  return ctx.database.db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.idbdt', 'm.idbdt')
    .select(['m.nik', 'm.nama', 'm.idartbdt', 'm.idbdt', 'm.no_kk'])
    .where('h.kode_wilayah', 'like', `${kab}%`)
    .orderBy('m.idartbdt')
    .executeTakeFirstOrThrow();
}

const byNik = (reg_type: string, value: string) => ({ reg_type, query_type: 'idtype-value', query: { type: 'NIK', value } });

async function dciLog() {
  return ctx.database.db
    .selectFrom('audit_log')
    .select(['actor_username', 'details', 'region_code'])
    .where('action', '=', 'DCI_SEARCH')
    .execute();
}

describe('DCI sync search', () => {
  it('finds a member of the scope by NIK, unmasked, as an individual and as its household with members', async () => {
    const m = await memberOf('3174');
    const a = await answerOf(jaksel, byNik('INDIVIDUAL', m.nik), byNik('HOUSEHOLD', m.nik));
    expect(a.header).toMatchObject({
      action: 'on-search',
      status: 'succ',
      total_count: 2,
      completed_count: 2,
      sender_id: 'siks-ng',
      receiver_id: 'bpjs-kesehatan',
    });
    expect(a.message.transaction_id).toBe('trx-1');
    const [individual, household] = a.message.search_response;
    expect(individual).toMatchObject({ reference_id: 'ref-0', status: 'succ', data: { reg_type: 'INDIVIDUAL' } });
    expect(individual!.data.reg_records).toEqual([
      expect.objectContaining({ nik: m.nik, nama: m.nama, idbdt: m.idbdt, idartbdt: m.idartbdt }),
    ]);
    expect(individual!.pagination.total_count).toBe(1);
    expect(household!.data.reg_type).toBe('HOUSEHOLD');
    const [record] = household!.data.reg_records;
    expect(record).toMatchObject({ idbdt: m.idbdt });
    // In the dictionary's order, with the members last.
    expect(Object.keys(record!).slice(0, 3)).toEqual(['idbdt', 'kode_wilayah', 'alamat']);
    expect(Object.keys(record!).at(-1)).toBe('members');
    expect(String(record!.kode_wilayah)).toMatch(/^3174/);
    const members = record!.members as Record<string, unknown>[];
    expect(members.map((x) => x.nik)).toContain(m.nik);
    expect(members.every((x) => x.idbdt === m.idbdt && !String(x.nama).includes('*'))).toBe(true);
  });

  it('never returns a record outside the scope: the NIK of 3171 is not found by the 3174 integration, but by the national one', async () => {
    const other = await memberOf('3171');
    for (const criteria of [
      byNik('INDIVIDUAL', other.nik),
      byNik('HOUSEHOLD', other.nik),
      { reg_type: 'HOUSEHOLD', query_type: 'idtype-value', query: { type: 'IDBDT', value: other.idbdt } },
      { reg_type: 'INDIVIDUAL', query_type: 'idtype-value', query: { type: 'IDARTBDT', value: other.idartbdt } },
      {
        reg_type: 'HOUSEHOLD',
        query_type: 'expression',
        query: { and: [{ attribute: 'kode_wilayah', operator: 'startsWith', value: '3171' }] },
      },
    ]) {
      const [r] = (await answerOf(jaksel, criteria)).message.search_response;
      expect([r!.status, r!.data.reg_records, r!.pagination.total_count]).toEqual(['succ', [], 0]);
    }
    const [found] = (await answerOf(nasional, byNik('INDIVIDUAL', other.nik))).message.search_response;
    expect(found!.data.reg_records).toEqual([expect.objectContaining({ nik: other.nik, idbdt: other.idbdt })]);
  });

  it('searches by expression within the scope, a page at a time, with the total', async () => {
    const expected = await ctx.database.db
      .selectFrom('households')
      .select('idbdt')
      .where('kode_wilayah', 'like', '3174%')
      .where('status', '=', 'AKTIF')
      .where('persentil', '<=', 60)
      .orderBy('idbdt')
      .execute();
    expect(expected.length).toBeGreaterThan(5);
    const query = {
      and: [
        { attribute: 'kode_wilayah', operator: 'startsWith', value: '31' },
        { attribute: 'status', operator: 'eq', value: 'AKTIF' },
        { attribute: 'desil', operator: 'lte', value: 6 },
      ],
    };
    const pages = await answerOf(
      jaksel,
      { reg_type: 'HOUSEHOLD', query_type: 'expression', query, pagination: { page_size: 5, page_number: 1 } },
      { reg_type: 'HOUSEHOLD', query_type: 'expression', query, pagination: { page_size: 5, page_number: 2 } },
      { reg_type: 'HOUSEHOLD', query_type: 'expression', query, pagination: { page_size: 5, page_number: 99 } },
    );
    const [first, second, beyond] = pages.message.search_response;
    expect(first!.pagination).toEqual({ page_size: 5, page_number: 1, total_count: expected.length });
    expect(beyond!.pagination.total_count).toBe(expected.length);
    expect(beyond!.data.reg_records).toEqual([]);
    const ids = [...first!.data.reg_records, ...second!.data.reg_records].map((r) => r.idbdt);
    expect(ids).toEqual(expected.slice(0, 10).map((h) => h.idbdt));
    // Members of the same households, by the same expression.
    const [individuals] = (
      await answerOf(jaksel, {
        reg_type: 'INDIVIDUAL',
        query_type: 'expression',
        query: { and: [{ attribute: 'kode_wilayah', operator: 'in', value: [(await memberOf('3171')).idbdt.slice(0, 10)] }] },
      })
    ).message.search_response;
    expect(individuals!.data.reg_records).toEqual([]);
  });

  it('answers criteria that do not fit with rjct and our code, while the other requests of the envelope are answered', async () => {
    const m = await memberOf('3174');
    const a = await answerOf(
      jaksel,
      { reg_type: 'HOUSEHOLD', query_type: 'expression', query: { and: [{ attribute: 'status', operator: 'lte', value: 'AKTIF' }] } },
      byNik('INDIVIDUAL', m.nik),
      { reg_type: 'INDIVIDUAL', query_type: 'idtype-value', query: { type: 'NIK', value: '123' } },
      { reg_type: 'PERSON', query_type: 'idtype-value', query: { type: 'NIK', value: m.nik } },
    );
    expect(a.header).toMatchObject({ status: 'succ', total_count: 4, completed_count: 1 });
    expect(a.message.search_response.map((r) => [r.reference_id, r.status, r.status_reason_code])).toEqual([
      ['ref-0', 'rjct', 'DCI_INVALID_QUERY'],
      ['ref-1', 'succ', undefined],
      ['ref-2', 'rjct', 'DCI_INVALID_QUERY'],
      ['ref-3', 'rjct', 'DCI_INVALID_QUERY'],
    ]);
    // In the user's language (Bahasa Indonesia unless it chose English).
    expect(a.message.search_response[0]!.status_reason_message).toMatch(
      /^Kriteria pencarian tidak valid\. Operator lte tidak berlaku untuk status/,
    );
    const allBad = await answerOf(jaksel, { reg_type: 'HOUSEHOLD', query_type: 'sql', query: 'select 1' });
    expect(allBad.header).toMatchObject({ status: 'rjct', status_reason_code: 'DCI_INVALID_QUERY', completed_count: 0 });
  });

  it('refuses a malformed envelope (too many requests, NUL bytes) with 400 at the edge', async () => {
    const many = Array.from({ length: 11 }, () => byNik('INDIVIDUAL', '3174015501870003'));
    expect((await search(jaksel, ...many)).statusCode).toBe(400);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/dci/registry/sync/search',
      headers: jaksel,
      payload: { ...envelope(byNik('INDIVIDUAL', '3174015501870003')), header: { ...envelope().header, sender_id: 'bpjs\u0000' } },
    });
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION']);
  });

  it('refuses the token of a role without registry:integrate (403) and logs nothing for it', async () => {
    const before = (await dciLog()).length;
    for (const who of ['pusdatin', 'supervisorJakSel'] as const) {
      const res = await search(bearer(p[who]), byNik('INDIVIDUAL', (await memberOf('3174')).nik));
      expect([who, res.statusCode, res.json().code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    expect((await search({}, byNik('INDIVIDUAL', '3174015501870003'))).statusCode).toBe(401);
    expect((await dciLog()).length).toBe(before);
  });

  it('logs every call with its criteria and counts, under the integration and its district', async () => {
    const m = await memberOf('3174');
    const before = (await dciLog()).length;
    await answerOf(jaksel, byNik('HOUSEHOLD', m.nik), { reg_type: 'HOUSEHOLD', query_type: 'expression', query: { and: [] } });
    await answerOf(nasional, byNik('INDIVIDUAL', m.nik));
    const entries = (await dciLog()).slice(before);
    expect(entries.map((e) => [e.actor_username, e.region_code])).toEqual([
      ['dci_3174', '3174'],
      ['dci_nasional', null],
    ]);
    const details = entries[0]!.details as { sender_id: string; transaction_id: string; requests: Record<string, unknown>[] };
    expect(details).toMatchObject({ sender_id: 'bpjs-kesehatan', transaction_id: 'trx-1' });
    expect(details.requests).toEqual([
      { reference_id: 'ref-0', criteria: byNik('HOUSEHOLD', m.nik), status: 'succ', total_count: 1, returned: 1 },
      {
        reference_id: 'ref-1',
        criteria: { reg_type: 'HOUSEHOLD', query_type: 'expression', query: { and: [] } },
        status: 'rjct',
        total_count: 0,
        returned: 0,
      },
    ]);
  });

  it('is documented in the OpenAPI with an example of each query type', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/v1/dci/registry/sync/search'].post;
    expect(op.operationId).toBe('dciSearch');
    const examples = Object.values(op.requestBody.content['application/json'].examples) as { value: ReturnType<typeof envelope> }[];
    const kinds = examples.map((e) => {
      const c = e.value.message.search_request[0]!.search_criteria as { query_type: string; query: { type?: string } };
      return c.query.type ?? c.query_type;
    });
    expect(kinds).toEqual(['NIK', 'NO_KK', 'expression']);
    expect(doc.paths['/api/v1/regions/tree'].get).toMatchObject({ operationId: 'getRegionsTree', security: [] });
  });
});

describe('INTEGRASI accounts', () => {
  it('are made and searched for exactly as the README shows (its siks commands, then its curl body)', async () => {
    const readme = fs.readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Integrasi (DCI)'));
    const commands = [...section.matchAll(/^npx siks (.+?)(?:\s+#.*)?$/gm)].map((m) =>
      [...m[1]!.matchAll(/"([^"]*)"|(\S+)/g)].map((a) => a[1] ?? a[2]!),
    );
    expect(commands.map((c) => c.slice(0, 2).join(' '))).toEqual(['users create', 'tokens create']);
    const outputs: string[] = [];
    for (const argv of commands) {
      const r = await siks(...argv);
      expect(r.code, r.err).toBe(0);
      outputs.push(r.out.trim());
    }
    const body = JSON.parse(/-d '([^']+)'/.exec(section)![1]!);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/dci/registry/sync/search',
      headers: { authorization: `Bearer ${outputs[1]}` },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [r] = (res.json() as Answer).message.search_response;
    expect(r!.status).toBe('succ');
    expect(r!.data.reg_records.length).toBeGreaterThan(0);
    expect(r!.data.reg_records.every((h) => String(h.kode_wilayah).startsWith('3174') && Number(h.persentil) <= 40)).toBe(true);
  });

  it('cannot log in to the web with the right password (API tokens only), in the language asked for', async () => {
    const password = 'Integrasi-Bank-2026';
    expect((await siks('users', 'create', 'bank_31', '--role', 'INTEGRASI', '--region', '31', '--password', password)).code).toBe(0);
    const refused = await loginRequest(app, 'bank_31', password, { headers: { 'accept-language': 'en' } });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'LOGIN_API_ONLY']);
    expect(refused.json().message).toMatch(/API token/);
    expect(refused.cookies.find((c) => c.name === 'siks_session')).toBeUndefined();
    const wrong = await loginRequest(app, 'bank_31', 'not-the-password-1');
    expect(wrong.json().code).toBe('LOGIN_FAILED');
  });

  it('takes the nation, one province or one district as its scope, nothing else', async () => {
    expect((await siks('users', 'create', 'bank_desa', '--role', 'INTEGRASI', '--region', '3174010001')).code).not.toBe(0);
    expect((await siks('users', 'create', 'bank_two', '--role', 'INTEGRASI', '--region', '3174', '--region', '3171')).code).not.toBe(0);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: jaksel });
    expect(me.json()).toMatchObject({ role: 'INTEGRASI', mustChangePassword: false, abilities: ['registry:integrate'] });
  });
});

describe('the public regions tree', () => {
  it('answers the 38 provinces with their kabupaten/kota without a login, with a strong ETag and 304 on If-None-Match', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/regions/tree' });
    expect(res.statusCode).toBe(200);
    const tree = res.json() as { code: string; name: string; level: string; children: { level: string; children?: unknown }[] }[];
    expect(tree).toHaveLength(38);
    expect(tree.find((r) => r.code === '31')).toMatchObject({ name: expect.stringMatching(/Jakarta/i), level: 'provinsi' });
    const kabkota = tree.flatMap((r) => r.children);
    expect(kabkota).toHaveLength(514);
    expect(kabkota.every((k) => k.level === 'kabkota' && k.children === undefined)).toBe(true);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers['cache-control']).toMatch(/^public/);
    const again = await app.inject({ method: 'GET', url: '/api/v1/regions/tree', headers: { 'if-none-match': etag } });
    expect([again.statusCode, again.body, again.headers.etag]).toEqual([304, '', etag]);
  });

  it('goes down to kecamatan or desa with depth, and refuses another depth', async () => {
    const kec = await app.inject({ method: 'GET', url: '/api/v1/regions/tree?depth=kecamatan' });
    const jaksel = (kec.json() as { code: string; children: { code: string; children: { level: string }[] }[] }[])
      .find((r) => r.code === '31')!
      .children.find((k) => k.code === '3174')!;
    expect(jaksel.children.length).toBeGreaterThan(5);
    expect(jaksel.children.every((k) => k.level === 'kecamatan')).toBe(true);
    const desa = await app.inject({ method: 'GET', url: '/api/v1/regions/tree?depth=desa' });
    expect(desa.headers.etag).not.toBe(kec.headers.etag);
    expect((desa.body.match(/"level":"desa"/g) ?? []).length).toBe(83762);
    expect((await app.inject({ method: 'GET', url: '/api/v1/regions/tree?depth=rt' })).statusCode).toBe(400);
  });
});

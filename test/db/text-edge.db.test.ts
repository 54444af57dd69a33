// Text the database cannot hold (U+0000, unpaired UTF-16 surrogates) at every door: request
// params, query strings and bodies (JSON and multipart) answer a localised 400 VALIDATION, never
// 500; an API token name cannot break the audit chain; a proposal line holding such text is a
// per-proposal TYPE error, and its import job still finishes DONE.
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { isPrintableText } from '../../src/shared/api/common.ts';
import { packageZip, sealFile, type PackageHeader } from '../../src/shared/siks/index.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { deriveFileKey, nodeAead } from '../../src/server/platform/siks-node.ts';
import { verifyAuditChain } from '../../src/server/platform/audit.ts';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { runPendingImports } from '../../src/server/modules/packages/packages.service.ts';
import { openPeriod } from '../../src/server/modules/periods/index.ts';
import { app, ctx, p, setupTestBed } from '../support/bed.ts';
import { bearer } from '../support/http.ts';
import { buildPackage, fileUpload, householdsWithMembers, makeRelease, perbaikan, usulanBaru } from '../support/packages.ts';
import { multipartFiles } from '../support/route-probes.ts';

const PERIOD = '2019-01';
let release: Awaited<ReturnType<typeof makeRelease>>;

setupTestBed(async () => {
  await seedDistrict(ctx, { kab: '3174', households: 30, seed: 41, mistakeRate: 0 });
  await openPeriod(ctx, CLI_ACTOR, { code: PERIOD, startsOn: '2019-01-01', endsOn: '2019-06-30' });
  release = await makeRelease(ctx, '3174', PERIOD);
});

const NUL = 'x\u0000y';
const LONE = 'x\ud800y';

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };
type Operation = {
  operationId?: string;
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

const isText = (s: JsonSchema | undefined): boolean =>
  !!s && (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string')) || (s.anyOf ?? []).some(isText));
const isTextList = (s: JsonSchema | undefined) => !!s && s.type === 'array' && isText(s.items);

/** Every text input of every /api/v1 operation of the OpenAPI document: one request per input and bad text. */
function textInputRequests(): { name: string; req: InjectOptions }[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const out: { name: string; req: InjectOptions }[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      // A valid-looking value for every path parameter, so that only the one bad input differs.
      const fill = (bad?: { name: string; value: string }) =>
        path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          bad?.name === name ? encodeURIComponent(bad.value) : name === 'id' ? '1' : name === 'idbdt' ? '3174010001000001' : '3174',
        );
      const base = { method: method.toUpperCase() as InjectOptions['method'] };
      for (const param of params) {
        if (!isText(param.schema)) continue;
        // A lone surrogate cannot be percent-encoded as UTF-8: URLs carry NUL only.
        if (param.in === 'path')
          out.push({ name: `${method} ${path} path ${param.name}`, req: { ...base, url: fill({ name: param.name, value: NUL }) } });
        if (param.in === 'query')
          out.push({
            name: `${method} ${path} ?${param.name}`,
            req: { ...base, url: `${fill()}?${param.name}=${encodeURIComponent(NUL)}` },
          });
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      for (const [key, prop] of Object.entries(body?.properties ?? {})) {
        for (const [label, value] of [
          ['NUL', NUL],
          ['lone surrogate', LONE],
        ] as const) {
          if (isText(prop))
            out.push({ name: `${method} ${path} body ${key} ${label}`, req: { ...base, url: fill(), payload: { [key]: value } } });
          if (isTextList(prop))
            out.push({ name: `${method} ${path} body ${key}[] ${label}`, req: { ...base, url: fill(), payload: { [key]: [value] } } });
        }
      }
    }
  }
  return out;
}

describe('finding 9: NUL and unpaired surrogates in requests', () => {
  it('finding 9: every text input of every route (from the OpenAPI document) answers 400 VALIDATION, never 500', async () => {
    const requests = textInputRequests();
    // The walk finds the inputs the probe named: list filters, profile, reason, token and user names, tahap.
    const names = requests.map((r) => r.name).join('\n');
    for (const expected of [
      'get /api/v1/households ?q',
      'post /api/v1/tokens body name',
      'post /api/v1/users body name',
      'put /api/v1/district-profiles/{kab} body alamat',
      'put /api/v1/me/profile body nama',
      'post /api/v1/proposals/{id}/decision body reason',
      'put /api/v1/districts/{kab}/bpnt-stage body tahap',
      'patch /api/v1/documents/{id} body title',
    ])
      expect(names).toContain(expected);
    expect(requests.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const { name, req } of requests) {
      const res = await app.inject({ ...req, headers: { ...bearer(p.pusdatin), ...(req.headers ?? {}) } });
      const body = res.json() as { code?: string; details?: { code: string }[] };
      if (res.statusCode !== 400 || body.code !== 'VALIDATION' || body.details?.[0]?.code !== 'TYPE')
        wrong.push(`${name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('finding 9: the answer names the field in the user language and never echoes the refused characters', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(p.supervisorJakSel),
      payload: { name: NUL },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'VALIDATION',
      message: 'Periksa kembali isian: Nama.',
      details: [
        {
          path: '/name',
          field: 'name',
          code: 'TYPE',
          message: 'Nama memuat karakter yang tidak diizinkan (NUL atau surrogate Unicode tunggal).',
        },
      ],
    });
    // A key no schema knows, deep in a body: the safety net refuses it too, showing U+FFFD.
    const key = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bearer(p.supervisorJakSel),
      payload: { language: 'id', extra: { 'k\u0000': 1 } },
    });
    expect(key.statusCode).toBe(400);
    expect(key.json().details).toEqual([expect.objectContaining({ path: '/extra/k\uFFFD', code: 'TYPE' })]);
    expect(isPrintableText(key.body)).toBe(true);
    // Percent-encoded bytes that are no UTF-8 (a surrogate's CESU-8 form, a stray byte) never reach a 500.
    for (const q of ['%ED%A0%80', '%FF', '%C0%80', 'a%00b']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/households?q=${q}`, headers: bearer(p.supervisorJakSel) });
      expect(res.statusCode, q).toBeLessThan(500);
    }
  });

  it('finding 9: multipart fields and file names keep the same rule (document title, package file name)', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const form = multipartFiles({ file: { name: 'surat.pdf', bytes: pdf, type: 'application/pdf' } });
    const boundary = form.headers['content-type'].split('boundary=')[1]!;
    const withTitle = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${NUL}\r\n`),
      form.payload,
    ]);
    const doc = await app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      payload: withTitle,
      headers: { ...form.headers, ...bearer(p.pusdatin) },
    });
    expect(doc.statusCode).toBe(400);
    expect(doc.json().details).toEqual([expect.objectContaining({ path: '/title', code: 'TYPE' })]);

    const pkg = fileUpload(Buffer.from('not a package'), `paket${NUL}.siks`);
    const imp = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: pkg.payload,
      headers: { ...pkg.headers, ...bearer(p.supervisorJakSel) },
    });
    expect(imp.statusCode).toBe(400);
    expect(imp.json().details).toEqual([expect.objectContaining({ path: '/file', code: 'TYPE' })]);
  });
});

describe('finding 4 (text): a token name cannot break the audit chain', () => {
  it('finding 4: POST /tokens {"name":"\\ud800"} is refused with 400 and the chain stays valid', async () => {
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
    const before = await ctx.database.db.selectFrom('api_tokens').select('id').execute();
    for (const name of ['\ud800', '\udc00abc', 'a\u0000']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { ...bearer(p.supervisorJakSel), 'content-type': 'application/json' },
        payload: `{"name":${JSON.stringify(name)}}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
    }
    expect(await ctx.database.db.selectFrom('api_tokens').select('id').execute()).toEqual(before);
    // A name with a paired surrogate (an emoji) is ordinary text: kept exactly, and the chain holds.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(p.supervisorJakSel),
      payload: { name: 'skrip 😀' },
    });
    expect(ok.statusCode).toBe(201);
    const stored = await ctx.database.db.selectFrom('api_tokens').select('name').where('name', 'like', 'skrip%').executeTakeFirstOrThrow();
    expect(stored.name).toBe('skrip 😀');
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});

describe('finding 1 (text): a proposal line with NUL or a lone surrogate', () => {
  it('finding 1: is a per-proposal TYPE error at the field path; the job ends DONE with the other proposals imported', async () => {
    const targets = await householdsWithMembers(ctx, '317401', 3);
    const good = perbaikan(targets[0]!);
    const note = perbaikan(targets[1]!, {
      verval: { result: 1, visitedAt: '2019-01-10', note: NUL },
    });
    const baru = usulanBaru(targets[0]!.kode_wilayah);
    const lone = { ...baru, household: { ...baru.household, alamat: LONE, 'k\u0000ey': 1 } };
    const pkg = await buildPackage({ release, kab: '3174', period: PERIOD, scope: ['317401'], proposals: [good, note, lone] });
    const body = fileUpload(pkg.bytes);
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: body.payload,
      headers: { ...body.headers, ...bearer(p.supervisorJakSel) },
    });
    expect(up.statusCode).toBe(202);
    const id = up.json().id as string;
    await runPendingImports(ctx);
    const r = (await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: bearer(p.supervisorJakSel) })).json();
    expect(r).toMatchObject({ status: 'DONE', progress: 1, counts: { new: 1, failed: 2, duplicate: 0 } });
    const paths = (line: number) =>
      r.failed.find((f: { line: number }) => f.line === line).errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(paths(2)).toContain('verval.note:TYPE');
    expect(paths(3)).toEqual(expect.arrayContaining(['household.alamat:TYPE', 'household.k\uFFFDey:TYPE']));
    const stored = await ctx.database.db
      .selectFrom('proposals')
      .select(['line_no', 'status', 'body'])
      .where('import_id', '=', id)
      .orderBy('line_no')
      .execute();
    expect(stored.map((s) => [s.line_no, s.status])).toEqual([
      [1, 'MENUNGGU'],
      [2, 'GAGAL_VALIDASI'],
      [3, 'GAGAL_VALIDASI'],
    ]);
    // The stored copy shows the refused characters as U+FFFD (the TYPE errors name where they were).
    expect((stored[1]!.body as { verval: { note: string } }).verval.note).toBe('x\uFFFDy');
    // Nothing stuck: no job left queued or running.
    const open = await ctx.database.db.selectFrom('imports').select('id').where('status', 'in', ['QUEUED', 'RUNNING']).execute();
    expect(open).toEqual([]);
  });

  it('finding 1: an operator name with NUL in the manifest refuses the file cleanly', async () => {
    const targets = await householdsWithMembers(ctx, '317401', 3);
    const operator = { username: 'op_tebet', name: NUL };
    // The writers refuse such a header (the offline app cannot export it) ...
    await expect(
      buildPackage({ release, kab: '3174', period: PERIOD, scope: ['317401'], proposals: [perbaikan(targets[2]!)], operator }),
    ).rejects.toThrow(/operator\.name/);
    // ... so the file is sealed by hand, as a forged one would be.
    const header = {
      kind: 'package',
      formatVersion: 1,
      id: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      app: { name: 'SIKS-NG Offline (test)', version: '1' },
      kabKota: '3174',
      period: PERIOD,
      key: { kdf: 'hkdf-sha256', release: release.id },
      module: 'BDT',
      dictionaryVersion: 1,
      operator,
      scope: ['317401'],
      counts: { proposals: 1 },
    } satisfies PackageHeader;
    const bytes = await sealFile(
      header,
      packageZip(header, { proposals: [perbaikan(targets[2]!)] as never }),
      deriveFileKey(release.packageKey, header),
      nodeAead,
    );
    const body = fileUpload(bytes);
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: body.payload,
      headers: { ...body.headers, ...bearer(p.supervisorJakSel) },
    });
    expect(up.statusCode).toBe(202);
    await runPendingImports(ctx);
    const r = (await app.inject({ method: 'GET', url: `/api/v1/imports/${up.json().id}`, headers: bearer(p.supervisorJakSel) })).json();
    expect(r.status).toBe('REFUSED');
    expect(isPrintableText(JSON.stringify(r))).toBe(true);
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/http/app.ts';
import { serveMetricsLocally } from '../../src/server/http/metrics.ts';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { app, ctx, p, setupTestBed } from '../support/bed.ts';
import { bearer } from '../support/http.ts';

// GET /metrics: Prometheus text for holders of metrics:read (PUSDATIN), the unauthenticated copy on
// 127.0.0.1 (SIKS_METRICS_PORT), and the JSON request log: request ids, no personal data.

setupTestBed((c) => seedDistrict(c, { kab: '3174', households: 12, seed: 5 }));

/** A member of 3174: its NIK, No KK and name, what a search may carry. */
function aMember() {
  return ctx.database.db
    .selectFrom('members')
    .select(['nik', 'no_kk', 'nama'])
    .where('idbdt', 'like', '3174%')
    .orderBy('idartbdt')
    .executeTakeFirstOrThrow();
}

describe('GET /metrics', () => {
  it('answers PUSDATIN with request counts by route pattern, latency, import jobs, pool and memory', async () => {
    const m = await aMember();
    const list = await app.inject({ method: 'GET', url: `/api/v1/households?q=${m.nik}`, headers: bearer(p.supervisorJakSel) });
    expect(list.statusCode).toBe(200);
    const page = await app.inject({ method: 'GET', url: '/api/v1/households/3174999999999999', headers: bearer(p.supervisorJakSel) });
    expect(page.statusCode).toBe(404);

    const res = await app.inject({ method: 'GET', url: '/metrics', headers: bearer(p.pusdatin) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/^siks_http_requests_total\{method="GET",route="\/api\/v1\/households",status="2xx"\} [1-9]/m);
    expect(text).toMatch(/^siks_http_requests_total\{method="GET",route="\/api\/v1\/households\/:idbdt",status="4xx"\} 1$/m);
    expect(text).toMatch(
      /^siks_http_request_duration_seconds_bucket\{le="0.5",method="GET",route="\/api\/v1\/households",status="2xx"\} /m,
    );
    expect(text).toMatch(/^siks_import_jobs\{state="QUEUED"\} 0$/m);
    expect(text).toMatch(/^siks_import_queue_oldest_seconds 0$/m);
    expect(text).toMatch(/^siks_db_pool_connections\{state="total"\} \d+$/m);
    expect(text).toMatch(/^siks_process_resident_memory_bytes \d+/m);
    // Labels are route patterns: no raw URL, so no searched number.
    expect(text).not.toContain(m.nik);
  });

  it('counts import jobs by state and the age of the oldest queued one', async () => {
    await ctx.database.db
      .insertInto('imports')
      .values({
        id: '00000000-0000-4000-8000-000000000019',
        kab_kota: '3174',
        file_name: 'antre.siks',
        file_size: 10,
        file_sha256: 'a'.repeat(64),
        status: 'QUEUED',
        upload_complete: true,
        uploaded_at: new Date(Date.now() - 120_000),
      })
      .execute();
    const text = (await app.inject({ method: 'GET', url: '/metrics', headers: bearer(p.pusdatin) })).body;
    expect(text).toMatch(/^siks_import_jobs\{state="QUEUED"\} 1$/m);
    const age = Number(/^siks_import_queue_oldest_seconds (\S+)$/m.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(100);
    await ctx.database.db.deleteFrom('imports').where('id', '=', '00000000-0000-4000-8000-000000000019').execute();
  });

  it('refuses other roles (403) and anonymous callers (401)', async () => {
    for (const who of [p.supervisorJakSel, p.pfm, p.provinsi31, p.operatorDesa])
      expect((await app.inject({ method: 'GET', url: '/metrics', headers: bearer(who) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
  });

  it('serves the same metrics without login on 127.0.0.1 when SIKS_METRICS_PORT is set', async () => {
    const local = await serveMetricsLocally(app, 0);
    try {
      const res = await fetch(`http://127.0.0.1:${local.port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('siks_http_requests_total');
      expect((await fetch(`http://127.0.0.1:${local.port}/api/v1/households`)).status).toBe(404);
    } finally {
      await local.close();
    }
  });
});

describe('the request log', () => {
  it('writes JSON lines with a request id, the path without its query, and no personal data or credentials', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const logged = await buildApp(ctx, { webDist: '/nonexistent', logger: { level: 'info', stream } });
    try {
      const m = await aMember();
      const name = encodeURIComponent(m.nama.split(' ')[0]!);
      for (const q of [m.nik, m.no_kk, name]) {
        const res = await logged.inject({ method: 'GET', url: `/api/v1/households?q=${q}`, headers: bearer(p.supervisorJakSel) });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
      await logged.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: p.supervisorJakSel.username, password: p.supervisorJakSel.password, captcha: 'x' },
      });
      const entries = lines.map((l) => JSON.parse(l) as { reqId?: string; req?: { url: string }; res?: { statusCode: number } });
      const requests = entries.filter((e) => e.req);
      expect(requests.length).toBe(4);
      expect(requests.every((e) => typeof e.reqId === 'string' && !e.req!.url.includes('?'))).toBe(true);
      expect(requests[0]).toMatchObject({ req: { url: '/api/v1/households', route: '/api/v1/households' } });
      expect(entries.some((e) => e.res?.statusCode === 200)).toBe(true);
      const all = lines.join('\n');
      for (const secret of [m.nik, m.no_kk, m.nama, p.supervisorJakSel.token, p.supervisorJakSel.password])
        expect(all).not.toContain(secret);
      expect(all.toLowerCase()).not.toContain('authorization');
    } finally {
      await logged.close();
    }
  });
});

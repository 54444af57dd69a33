// The offline app as the online server serves it (/offline/, service worker headers, fallback)
// and the "Download Aplikasi Offline" ZIP, against a small stand-in build in a temp directory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.ts';
import { testContext, type TestContext } from '../../../../test/support/db.ts';
import { bearer, type TestApp } from '../../../../test/support/http.ts';
import { createPersonas, type Persona, type PersonaName } from '../../../../test/support/personas.ts';

let ctx: TestContext;
let app: TestApp;
let p: Record<PersonaName, Persona>;
let dist: string;

const INDEX =
  '<!doctype html><html><head><script type="module" src="./assets/index-abc.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-offline-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dist, 'sw.js'), 'const MANIFEST = {"version":"1","files":["index.html"]};');
  fs.writeFileSync(path.join(dist, 'assets/index-abc.js'), 'console.log("app")');
  // The build's precompressed twins (vite.precompress.ts).
  fs.writeFileSync(path.join(dist, 'assets/index-abc.js.br'), zlib.brotliCompressSync('console.log("app")'));
  fs.writeFileSync(path.join(dist, 'sw.js.gz'), zlib.gzipSync('const MANIFEST = {"version":"1","files":["index.html"]};'));
  fs.writeFileSync(path.join(dist, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  fs.writeFileSync(path.join(dist, '.source-hash'), 'secret-ish');
  ctx = await testContext();
  p = await createPersonas(ctx);
  app = await buildApp(ctx, { webDist: '/nonexistent', offlineDist: dist });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('offline app on the online server', () => {
  it('serves /offline/ and its assets; the service worker with Service-Worker-Allowed and no-cache', async () => {
    const index = await app.inject({ method: 'GET', url: '/offline/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toBe(INDEX);
    expect(index.headers['cache-control']).toBe('no-cache');
    const sw = await app.inject({ method: 'GET', url: '/offline/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['service-worker-allowed']).toBe('/offline/');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-type']).toMatch(/javascript/);
    const asset = await app.inject({ method: 'GET', url: '/offline/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await app.inject({ method: 'GET', url: '/offline/.source-hash' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/offline/assets/missing.js' })).statusCode).toBe(404);
  });

  it('sends the precompressed twin to a browser that accepts it, with the headers of the file it stands for', async () => {
    const br = await app.inject({ method: 'GET', url: '/offline/assets/index-abc.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe('console.log("app")');
    const plain = await app.inject({ method: 'GET', url: '/offline/assets/index-abc.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log("app")');
    const sw = await app.inject({ method: 'GET', url: '/offline/sw.js', headers: { 'accept-encoding': 'gzip' } });
    expect(sw.headers['content-encoding']).toBe('gzip');
    expect(sw.headers['service-worker-allowed']).toBe('/offline/');
    expect(sw.headers['cache-control']).toBe('no-cache');
  });

  it('/offline redirects to /offline/; other paths inside fall back to index.html with a base', async () => {
    const r = await app.inject({ method: 'GET', url: '/offline' });
    expect([301, 302, 308]).toContain(r.statusCode);
    expect(r.headers.location).toBe('/offline/');
    const deep = await app.inject({ method: 'GET', url: '/offline/rt/3174011001000001' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<base href="/offline/">');
    expect(deep.body).toContain('./assets/index-abc.js');
  });

  it('GET /api/v1/offline-app: a ZIP of the build with README.txt and serve.mjs, for any logged-in user', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/offline-app' })).statusCode).toBe(401);
    const res = await app.inject({ method: 'GET', url: '/api/v1/offline-app', headers: bearer(p.operatorDesa) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="siks-ng-offline.zip"');
    // Logged under the user's district: Beranda counts the district's downloads.
    const logged = await ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'DOWNLOAD_OFFLINE_APP').execute();
    expect(logged).toMatchObject([{ actor_username: '3174_operator', region_code: '3174', subject: 'offline-app' }]);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'assets/index-abc.js', 'icon-192.png', 'index.html', 'serve.mjs', 'sw.js']);
    const readme = new TextDecoder().decode(files['README.txt']);
    expect(readme).toContain('node serve.mjs');
    expect(readme).toContain('python3 -m http.server 8080');
    expect(readme).toContain('http://127.0.0.1:8080/');
    expect(new TextDecoder().decode(files['index.html'])).toBe(INDEX);

    // The shipped serve.mjs serves the unpacked folder on 127.0.0.1 with the worker's headers.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-offline-zip-'));
    try {
      for (const [name, bytes] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), bytes);
      }
      const port = 20000 + Math.floor(Math.random() * 20000);
      const child = spawn(process.execPath, ['serve.mjs', String(port)], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (d: Buffer) => d.toString().includes('127.0.0.1') && resolve());
          child.on('exit', (code) => reject(new Error(`serve.mjs exited ${code}`)));
        });
        const base = `http://127.0.0.1:${port}`;
        const index = await fetch(`${base}/`);
        expect(index.status).toBe(200);
        expect(await index.text()).toBe(INDEX);
        const sw = await fetch(`${base}/sw.js`);
        expect(sw.headers.get('content-type')).toMatch(/javascript/);
        expect(sw.headers.get('cache-control')).toBe('no-cache');
        expect((await fetch(`${base}/assets/index-abc.js`)).headers.get('cache-control')).toMatch(/immutable/);
        expect((await fetch(`${base}/../../etc/passwd`)).status).toBe(404);
        expect((await fetch(`${base}/nope.js`)).status).toBe(404);
      } finally {
        child.kill();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 404 with a message when the app was never built', async () => {
    const bare = await buildApp(ctx, { webDist: '/nonexistent', offlineDist: '/nonexistent' });
    const res = await bare.inject({ method: 'GET', url: '/api/v1/offline-app', headers: bearer(p.operatorDesa) });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/belum dibangun/);
    expect((await bare.inject({ method: 'GET', url: '/offline/' })).statusCode).toBe(404);
    await bare.close();
  });
});

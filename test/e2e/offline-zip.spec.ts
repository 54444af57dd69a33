import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { makeRelease } from '../../bench/offline-release.ts';
import { OFFLINE_DIST, offlineAppZip } from '../../src/server/modules/offline/index.ts';

// "Download Aplikasi Offline" as an operator uses it: the ZIP is unpacked into a folder and served
// with its own `node serve.mjs` at the root of http://127.0.0.1:<port>/ (not under /offline/).
// The app works there, offline after one load; and a new version (new files, new sw.js) runs from
// the next load on, after which the old cache is removed.

// Playwright's tracing (its network capture in the service worker) can hold a new worker from
// activating; these journeys run without it.
test.use({ trace: 'off' });
test.describe.configure({ mode: 'serial' });

let dir: string;
let files: Record<string, Uint8Array>;
let server: ChildProcess;
let base: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

test.beforeAll(async () => {
  const chunks: Buffer[] = [];
  for await (const c of offlineAppZip(OFFLINE_DIST)) chunks.push(c as Buffer);
  files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-offline-zip-'));
  for (const [name, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  const port = await freePort();
  server = spawn(process.execPath, ['serve.mjs', String(port)], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes(`127.0.0.1:${port}`) && resolve());
    server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  base = `http://127.0.0.1:${port}/`;
});

test.afterAll(() => {
  server?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the unpacked ZIP holds the app, README.txt and serve.mjs, and runs from the folder root, offline', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(120_000);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.txt', 'serve.mjs', 'index.html', 'sw.js', 'manifest.webmanifest']));
  const release = await makeRelease({
    parts: [{ desa: ['3174011001'], households: 6 }],
    seed: 3,
    passphrase: 'sandi rilis zip 2026',
    file: testInfo.outputPath('r.siksdb'),
  });

  await page.goto(base);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await page.getByLabel('Berkas rilis (.siksdb)').setInputFiles(release.file);
  await page.getByLabel('Kata sandi rilis').fill('sandi rilis zip 2026');
  await page.getByRole('button', { name: 'Buka Rilis' }).click();
  await page.locator('.scope-list > li', { hasText: 'Kecamatan Tebet' }).getByText('Pilih desa/kelurahan').click();
  await page.getByLabel(/Tebet Timur/).check();
  await expect(page.getByText('6 rumah tangga dalam wilayah yang dipilih.')).toBeVisible();
  await page.getByLabel('Nama pengguna operator').fill('op.zip');
  await page.getByLabel('Nama lengkap operator').fill('Operator Zip');
  await page.getByRole('button', { name: 'Simpan ke perangkat ini' }).click();
  await expect(page.getByTestId('result-count')).toContainText('6 rumah tangga ditemukan', { timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId('result-count')).toContainText('6 rumah tangga ditemukan');
});

test('a new version takes over: the open page offers a reload, the next load runs it and drops the old cache', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto(base);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Inisiasi Awal Kecamatan/Desa' })).toBeVisible();
  const cachesNow = () => page.evaluate(() => caches.keys());
  const first = await cachesNow();
  expect(first).toHaveLength(1);

  // The new build: a new entry script (as a rebuild writes) and a new sw.js. The screens are
  // chunks that import the entry by name, so the new entry imports the old one instead of copying
  // it: a copy would run the app twice beside its chunks.
  const main = Object.keys(files).find((f) => /^assets\/index-[^/]+\.js$/.test(f))!;
  const next = main.replace(/\.js$/, '-v2.js');
  fs.writeFileSync(path.join(dir, next), `import './${path.basename(main)}';\n`);
  fs.writeFileSync(path.join(dir, 'index.html'), fs.readFileSync(path.join(dir, 'index.html'), 'utf8').replace(main, next));
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  fs.writeFileSync(
    path.join(dir, 'sw.js'),
    sw.replace(/"version":"[0-9a-f]+"/, '"version":"00e2e0000000beef"').replace(`"${main}"`, `"${main}","${next}"`),
  );
  const scripts = () =>
    page.evaluate(() => [...document.querySelectorAll('script[src]')].map((e) => new URL((e as HTMLScriptElement).src).pathname));

  await page.reload();
  await expect(page.getByText('Versi baru aplikasi sudah siap.')).toBeVisible({ timeout: 30_000 });
  expect(await scripts()).toEqual([`/${main}`]); // the open page keeps its code
  expect(await cachesNow()).toEqual(expect.arrayContaining([...first, 'siks-offline-00e2e0000000beef']));
  await page.getByRole('button', { name: 'Muat ulang sekarang' }).click();
  await expect(page.getByRole('heading', { name: 'Inisiasi Awal Kecamatan/Desa' })).toBeVisible();
  expect(await scripts()).toEqual([`/${next}`]);
  await expect.poll(cachesNow).toEqual(['siks-offline-00e2e0000000beef']);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Inisiasi Awal Kecamatan/Desa' })).toBeVisible();
  expect(await scripts()).toEqual([`/${next}`]);
});

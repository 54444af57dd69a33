#!/usr/bin/env node
// Benchmark of the offline app (O1/O2) with a whole kecamatan of 50,000 households, in Debian's
// Chromium (playwright-core, the launch arguments of playwright.config.ts):
//  - load: open the .siksdb (scrypt + AES-GCM + ZIP/NDJSON validation, in the import worker),
//    then store the scope in IndexedDB and build the search index; and a later start of the app;
//  - search: several queries typed into the search box, timed in the page from the input event to
//    the rendered result (median and max), plus the index's own time as the app reports it.
// Usage: node bench/offline-search.mjs [households=50000]. Prints JSON and writes
// bench/results/offline-search.json. The generated release is cached under .tmp/bench-offline/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] ?? 50_000);
const PASSPHRASE = 'sandi benchmark offline 2026';
const work = path.join(root, '.tmp/bench-offline');
fs.mkdirSync(work, { recursive: true });

// 1. The app build (built here when missing).
const dist = path.join(root, 'dist/offline');
if (!fs.existsSync(path.join(dist, 'index.html')))
  execFileSync('npx', ['vite', 'build', '--config', 'vite.offline.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });

// 2. The release: N households in the 7 kelurahan of Kecamatan Tebet (3174.01), cached.
const releaseFile = path.join(work, `tebet-${N}.siksdb`);
const sideFile = `${releaseFile}.json`;
let side;
if (fs.existsSync(releaseFile) && fs.existsSync(sideFile)) {
  side = JSON.parse(fs.readFileSync(sideFile, 'utf8'));
} else {
  const { makeRelease } = await import('./offline-release.ts');
  const t0 = performance.now();
  const desa = ['3174011001', '3174011002', '3174011003', '3174011004', '3174011005', '3174011006', '3174011007'];
  const rel = await makeRelease({
    parts: [{ desa, households: N }],
    seed: 11,
    passphrase: PASSPHRASE,
    file: releaseFile,
    sample: (i) => i % 997 === 5,
  });
  side = {
    releaseId: rel.releaseId,
    generateSeconds: Math.round((performance.now() - t0) / 100) / 10,
    households: rel.households.map((h) => ({ idbdt: h.idbdt, nama_krt: h.nama_krt, kode_wilayah: h.kode_wilayah })),
    members: rel.members.map((m) => ({ idbdt: m.idbdt, nik: m.nik, nama: m.nama })),
  };
  fs.writeFileSync(sideFile, JSON.stringify(side));
}
const fileMiB = fs.statSync(releaseFile).size / 2 ** 20;

// 3. A static server for dist/offline on a free port.
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};
const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html');
  const file = path.join(dist, path.normalize(rel));
  if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
  res
    .writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    })
    .end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

// 4. The browser, as the e2e tests launch it.
const { chromium } = await import('playwright-core');
const config = (await import('../playwright.config.ts')).default;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: config.use?.launchOptions?.args ?? ['--headless', '--no-sandbox'],
});
const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
const page = await context.newPage();
let importTimings = null;
page.on('console', (m) => {
  const x = /^SIKS import timings (.*)$/.exec(m.text());
  if (x) importTimings = JSON.parse(x[1]);
});
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const heapMiB = async () => {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Math.round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20);
};
const ms = (t0) => Math.round(performance.now() - t0);

await page.goto(base);
await page.getByLabel('Berkas rilis (.siksdb)').setInputFiles(releaseFile);
await page.getByLabel('Kata sandi rilis').fill(PASSPHRASE);
let t = performance.now();
await page.getByRole('button', { name: 'Buka Rilis' }).click();
await page.getByRole('group', { name: 'Wilayah kerja perangkat ini' }).waitFor({ timeout: 600_000 });
const openMs = ms(t);
await page.getByLabel(/Kecamatan Tebet/).check();
await page.getByLabel('Nama pengguna operator').fill('op.bench');
await page.getByLabel('Nama lengkap operator').fill('Operator Benchmark');
t = performance.now();
await page.getByRole('button', { name: 'Simpan ke perangkat ini' }).click();
await page.getByTestId('result-count').waitFor({ timeout: 600_000 });
const storeMs = ms(t);
const stored = await page.getByTestId('result-count').textContent();
const heapAfterLoad = await heapMiB();
const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

t = performance.now();
await page.reload();
await page.getByTestId('result-count').waitFor({ timeout: 600_000 });
const startMs = ms(t);
const heapAfterStart = await heapMiB();

// 5. Search: from the input event to the rendered answer, measured inside the page.
const h0 = side.households[0];
const m1 = side.members[3];
const m2 = side.members[side.members.length - 1];
const queries = [
  { what: 'name prefix, 1 letter', q: String(h0.nama_krt).slice(0, 1) },
  { what: 'name prefix', q: String(h0.nama_krt).split(' ')[0].slice(0, 4) },
  { what: 'full head name', q: String(h0.nama_krt) },
  { what: 'second word of a member name', q: String(m2.nama).split(' ').at(-1) },
  { what: 'NIK', q: String(m1.nik) },
  { what: 'IDBDT', q: String(side.households.at(-1).idbdt) },
  { what: 'IDBDT prefix (desa)', q: '3174011004' },
  { what: 'no match', q: 'zzzz' },
  { what: 'everything (empty)', q: '' },
];
const results = [];
for (let round = 0; round < 3; round++) {
  for (const { what, q } of queries) {
    const r = await page.evaluate(async (query) => {
      const input = document.querySelector('#q');
      const counter = document.querySelector('[data-testid=result-count]');
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      // Start from a different query so that every measurement renders a new answer.
      setter.call(input, query === '~' ? '' : '~');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const wait = () => (counter.dataset.query === (query === '~' ? '' : '~') ? resolve() : requestAnimationFrame(wait));
        wait();
      });
      const t0 = performance.now();
      setter.call(input, query);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const wait = () => (counter.dataset.query === query ? resolve() : setTimeout(wait, 0));
        wait();
      });
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const uiMs = performance.now() - t0;
      const text = counter.textContent ?? '';
      const m = /\(([\d.,]+) ms\)/.exec(text);
      return {
        uiMs,
        indexMs: m ? Number(m[1].replace(',', '.')) : null,
        total: Number((/^([\d.]+)/.exec(text)?.[1] ?? '0').replaceAll('.', '')),
      };
    }, q);
    if (round > 0) results.push({ what, q, ...r }); // round 0 warms up
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;
const ui = results.map((r) => r.uiMs);
const ix = results.map((r) => r.indexMs ?? 0);
const out = {
  households: N,
  releaseFileMiB: round1(fileMiB),
  load: {
    openAndDecryptMs: openMs,
    storeAndIndexMs: storeMs,
    totalMs: openMs + storeMs,
    laterStartMs: startMs,
    stored,
    workerStepsMs: importTimings,
    indexedDbMiB: round1(usage / 2 ** 20),
    pageHeapAfterLoadMiB: heapAfterLoad,
    pageHeapAfterStartMiB: heapAfterStart,
  },
  search: {
    queries: results.length,
    uiMedianMs: round1(median(ui)),
    uiMaxMs: round1(Math.max(...ui)),
    indexMedianMs: round1(median(ix)),
    indexMaxMs: round1(Math.max(...ix)),
    perQuery: queries.map(({ what, q }) => {
      const rs = results.filter((r) => r.q === q);
      return { what, q, total: rs[0]?.total, uiMs: rs.map((r) => round1(r.uiMs)), indexMs: rs.map((r) => r.indexMs) };
    }),
  },
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: round1(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: browser.version(),
  },
  releaseGenerateSeconds: side.generateSeconds,
  at: new Date().toISOString(),
};
await browser.close();
server.close();
console.log(JSON.stringify(out, null, 2));
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/offline-search.json'), `${JSON.stringify(out, null, 2)}\n`);

// Measures "Download Database BDT Rilis" for districts of 20,000 and 200,000 households on the
// embedded database: time to the last byte and the server's peak RSS during the download
// (Linux VmHWM, reset just before the request through /proc/<pid>/clear_refs).
// Run: npx tsx bench/release-download.ts [20000 200000]   → bench/results/release-download.json
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(20_000, 200_000);

function status(pid: number): { rss: number; hwm: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(text)![1]) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

const results = [];
for (const n of sizes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-bench-release-'));
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/release-server.ts', String(n)], {
    env: { ...process.env, SIKS_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
  const { port, token, pid } = JSON.parse(line) as { port: number; token: string; pid: number };
  const setupSeconds = (Date.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const before = status(pid);
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // reset the peak to the current RSS
  const start = Date.now();
  // node:http rather than fetch: fetch gives up after 300 s without response headers.
  const body = JSON.stringify({ passphrase: 'kata sandi bench rilis' });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/releases',
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      resolve,
    );
    req.on('error', reject);
    req.end(body);
  });
  let bytes = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) bytes += chunk.length;
  const seconds = (Date.now() - start) / 1000;
  const after = status(pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
  const r = {
    households: n,
    status: res.statusCode,
    fileMiB: +(bytes / 2 ** 20).toFixed(1),
    seconds,
    rssBeforeMiB: Math.round(before.rss),
    peakRssDuringDownloadMiB: Math.round(after.hwm),
    setupSeconds,
  };
  console.log(JSON.stringify(r));
  results.push(r);
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/release-download.json', `${JSON.stringify(results, null, 2)}\n`);

#!/usr/bin/env node
// `npm run test:e2e`: Playwright journeys against the real server on a fresh embedded database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(
    `Chromium was not found at ${chromium}. Install Debian's Chromium: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
  process.exit(2);
}

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const port = await freePort();
let clockPort = await freePort();
while (clockPort === port) clockPort = await freePort();
// Data directories and an output directory of this run only: runs never share state. The second
// server (its clock at 23:30 UTC, see playwright.config.ts) has its own.
const dataDir = path.resolve(`.tmp/e2e-data-${process.pid}`);
const clockDataDir = path.resolve(`.tmp/e2e-data-${process.pid}-clock`);
const outputDir = path.resolve(`.tmp/e2e-results-${process.pid}`);
for (const d of [dataDir, clockDataDir]) fs.rmSync(d, { recursive: true, force: true });
process.on('exit', () => {
  for (const d of [dataDir, clockDataDir]) fs.rmSync(d, { recursive: true, force: true });
});
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    SIKS_E2E_PORT: String(port),
    SIKS_E2E_DATA_DIR: dataDir,
    SIKS_E2E_CLOCK_PORT: String(clockPort),
    SIKS_E2E_CLOCK_DATA_DIR: clockDataDir,
    SIKS_E2E_OUTPUT_DIR: outputDir,
    CHROMIUM_PATH: chromium,
  },
});
process.exit(r.status ?? 1);

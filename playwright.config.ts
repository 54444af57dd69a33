import { defineConfig } from '@playwright/test';

// Browser journeys in Debian's Chromium (never a downloaded browser). scripts/e2e.mjs checks
// that Chromium is installed, picks free ports and fresh data directories, then runs this.
//
// Two servers, two projects: `journeys` runs every spec against a server on the real clock;
// `clock-2330-utc` runs the field loop again against a server whose clock (SIKS_TEST_CLOCK)
// starts at 23:30 UTC today, when Jakarta is already at the next day, so that dates computed
// in UTC instead of the district's time zone fail at any hour the suite runs. Each spec seeds
// its own district through the CLI (test/e2e/support.ts), so specs pass alone and in any order.
const port = Number(process.env.SIKS_E2E_PORT ?? 3999);
const dataDir = process.env.SIKS_E2E_DATA_DIR ?? '.tmp/e2e-data';
const clockPort = Number(process.env.SIKS_E2E_CLOCK_PORT ?? port - 1);
const clockDataDir = process.env.SIKS_E2E_CLOCK_DATA_DIR ?? `${dataDir}-clock`;
// 23:30 UTC of today's UTC date: 06:30 the next day in Jakarta (WIB). Kept in the environment so
// that the workers, which load this file again (perhaps after midnight), read the same instant.
process.env.SIKS_E2E_CLOCK_AT ??= `${new Date().toISOString().slice(0, 10)}T23:30:00.000Z`;
const clockAt = process.env.SIKS_E2E_CLOCK_AT;

const server = (command: string, p: number, dir: string, env: Record<string, string>) => ({
  command,
  url: `http://127.0.0.1:${p}/api/health`,
  timeout: 240_000,
  reuseExistingServer: false,
  stdout: 'pipe' as const,
  env: {
    PORT: String(p),
    HOST: '127.0.0.1',
    SIKS_DATA_DIR: dir,
    SIKS_TEST_FAST_HASHING: '1',
    ...env,
  },
});

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: process.env.SIKS_E2E_OUTPUT_DIR ?? 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'journeys',
      use: { baseURL: `http://127.0.0.1:${port}` },
      metadata: { dataDir },
    },
    {
      name: 'clock-2330-utc',
      testMatch: 'field-loop.spec.ts',
      use: { baseURL: `http://127.0.0.1:${clockPort}` },
      metadata: { dataDir: clockDataDir, clockAt },
    },
  ],
  // Started one after the other: the first (npm start) builds the web and offline apps when
  // their sources changed; the second runs the server alone on those builds, so that no second
  // build replaces the files the first one serves. Journeys seed their own districts: the demo
  // district stays small.
  webServer: [
    server('node bin/start.mjs', port, dataDir, { SIKS_DEMO_HOUSEHOLDS: '200' }),
    server('node --import tsx src/server/main.ts', clockPort, clockDataDir, { SIKS_DEMO_HOUSEHOLDS: '20', SIKS_TEST_CLOCK: clockAt }),
  ],
});

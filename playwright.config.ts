import { defineConfig } from '@playwright/test';

// Browser journeys in Debian's Chromium (never a downloaded browser). scripts/e2e.mjs checks
// that Chromium is installed, picks a free port and a fresh data directory, then runs this.
const port = Number(process.env.SIKS_E2E_PORT ?? 3999);
const dataDir = process.env.SIKS_E2E_DATA_DIR ?? '.tmp/e2e-data';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: process.env.SIKS_E2E_OUTPUT_DIR ?? 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
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
  webServer: {
    command: 'node bin/start.mjs',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      SIKS_DATA_DIR: dataDir,
      SIKS_DEMO_HOUSEHOLDS: '3000',
      SIKS_TEST_FAST_HASHING: '1',
    },
  },
});

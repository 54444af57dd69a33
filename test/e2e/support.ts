import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';

/**
 * The data directory of the server this test's project runs against (playwright.config.ts): the
 * CLI reaches that server through the control socket in it.
 */
function dataDir(): string {
  const fromProject = test.info().project.metadata?.dataDir as string | undefined;
  return fromProject ?? process.env.SIKS_E2E_DATA_DIR ?? '.tmp/e2e-data';
}

/** The instant the server's clock started at in this project (SIKS_TEST_CLOCK), if it is faked. */
export function serverClockAt(): Date | undefined {
  const at = test.info().project.metadata?.clockAt as string | undefined;
  return at ? new Date(at) : undefined;
}

/** Runs `siks …` against the running e2e server (through its control socket). */
export function siks(...args: string[]): string {
  return execFileSync('node', ['bin/siks.mjs', ...args], {
    env: { ...process.env, SIKS_DATA_DIR: dataDir() },
    encoding: 'utf8',
  });
}

/** Like siks(), with its stderr kept in the thrown error instead of printed. */
function siksQuiet(...args: string[]): string {
  return execFileSync('node', ['bin/siks.mjs', ...args], {
    env: { ...process.env, SIKS_DATA_DIR: dataDir() },
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

/** Gives a user a known password (the demo passwords are random) and returns it. */
export function knownPassword(username: string): string {
  const password = `${username}-E2e-Pa55!`;
  siks('users', 'set-password', username, '--password', password);
  return password;
}

/**
 * Creates a user with a known password and returns true, or gives it that password and returns
 * false when it already exists (the same spec ran before on this server).
 */
function createOrReset(username: string, password: string, ...createArgs: string[]): boolean {
  try {
    siksQuiet('users', 'create', username, ...createArgs, '--password', password);
    return true;
  } catch {
    siks('users', 'set-password', username, '--password', password);
    return false;
  }
}

/** Creates a user with a known password, or gives it that password when it already exists. */
export function ensureUser(username: string, password: string, ...createArgs: string[]): string {
  createOrReset(username, password, ...createArgs);
  return password;
}

/** A district that belongs to one spec: its code and its supervisor's login. */
export interface SpecDistrict {
  kab: string;
  supervisor: string;
  password: string;
}

/**
 * Seeds a district for one spec alone, through the CLI as an administrator would: `households`
 * generated households (deterministic per `seed`), its supervisor `<kab>_supervisor` with a known
 * password, with `mou`, an approved MoU so that the release can be downloaded and, with `lists`,
 * the demo BPNT/PBI quotas and KPM/PBI lists (`siks demo lists`, made once). Every spec
 * takes a district no other spec uses, so specs pass alone and in any order; when the same spec
 * runs again on one server, the district is reused as it is (not seeded twice).
 */
export function specDistrict(kab: string, o: { households: number; seed: number; mou?: boolean; lists?: boolean }): SpecDistrict {
  const supervisor = `${kab}_supervisor`;
  const password = `${supervisor}-E2e-Pa55!`;
  if (createOrReset(supervisor, password, '--role', 'SUPERVISOR', '--region', kab)) {
    siks('demo', 'seed', '--kab', kab, '--households', String(o.households), '--seed', String(o.seed));
  }
  if (o.mou) siks('demo', 'approve-mou', '--kab', kab);
  if (o.lists) siks('demo', 'lists', '--kab', kab);
  return { kab, supervisor, password };
}

/** Solve times of the captcha in this run (ms), for the report at the end of a journey. */
export const captchaTimes: number[] = [];

/**
 * Ticks "Saya bukan robot" on the login form and waits until the solver has solved the server's
 * proof-of-work challenge (production difficulty); returns how long that took in ms.
 */
export async function solveCaptcha(page: Page): Promise<number> {
  // The proof of work is CPU-bound (seconds on an idle 2-core machine, far more on a busy one):
  // each solve brings its own time budget, up to the solver's own 90 s limit.
  test.info().setTimeout(test.info().timeout + 90_000);
  const box = page.getByTestId('captcha');
  await expect(box).toHaveAttribute('data-state', 'unverified');
  const started = Date.now();
  await page.getByRole('checkbox', { name: 'Saya bukan robot' }).click();
  await expect(box).toHaveAttribute('data-state', 'verified', { timeout: 90_000 });
  const ms = Date.now() - started;
  captchaTimes.push(ms);
  return ms;
}

/** Fills the login form, solves the captcha and presses Login. */
export async function submitLogin(page: Page, username: string, password: string) {
  await page.getByLabel('User ID').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await solveCaptcha(page);
  await page.getByRole('button', { name: 'Login' }).click();
}

/** Logs in through the login page. */
export async function login(page: Page, username: string, password: string) {
  await page.goto('/');
  await submitLogin(page, username, password);
}

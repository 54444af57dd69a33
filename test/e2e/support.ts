import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';

const dataDir = process.env.SIKS_E2E_DATA_DIR ?? '.tmp/e2e-data';

/** Runs `siks …` against the running e2e server (through its control socket). */
export function siks(...args: string[]): string {
  return execFileSync('node', ['bin/siks.mjs', ...args], { env: { ...process.env, SIKS_DATA_DIR: dataDir }, encoding: 'utf8' });
}

/** Gives a user a known password (the demo passwords are random) and returns it. */
export function knownPassword(username: string): string {
  const password = `${username}-E2e-Pa55!`;
  siks('users', 'set-password', username, '--password', password);
  return password;
}

/** Logs in through the login page. */
export async function login(page: Page, username: string, password: string) {
  await page.goto('/');
  await page.getByLabel('User ID').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
}

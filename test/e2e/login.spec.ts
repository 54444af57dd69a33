import { expect, test, type Page, type Request, type Response } from '@playwright/test';
import { captchaTimes, siks, specDistrict, submitLogin } from './support.ts';

// F1 login through the real "Saya bukan robot" captcha at production difficulty: a wrong
// password, a solved payload that cannot be replayed, the lock after five failures, and the
// forced password change after a one-time password. The supervisor's district (Kota Bogor) and
// the PFM test accounts belong to this spec alone.

const WRONG = 'User ID atau password salah.';
const REPLAYED = 'Verifikasi "Saya bukan robot" sudah pernah dipakai. Silakan ulangi.';
const LOCKED = /^Akun Anda dikunci sementara/;

const isLogin = (r: Request) => r.url().endsWith('/api/v1/session') && r.method() === 'POST';
const isLoginAnswer = (r: Response) => isLogin(r.request());

/** Submits the form and waits for the server's answer (the alert may show the same text twice). */
async function attempt(page: Page, username: string, password: string): Promise<number> {
  const answer = page.waitForResponse(isLoginAnswer);
  await submitLogin(page, username, password);
  return (await answer).status();
}

test.afterAll(() => {
  if (captchaTimes.length === 0) return;
  const sorted = [...captchaTimes].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  console.log(
    `captcha solve time (headless Chromium, production difficulty), ${sorted.length} solves: ` +
      `min ${sorted[0]} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms, mean ${Math.round(mean)} ms, max ${sorted[sorted.length - 1]} ms`,
  );
});

test('a wrong password is refused and the captcha must be solved again; a solved captcha works once', async ({ page, request }) => {
  const { supervisor, password } = specDistrict('3271', { households: 5, seed: 12 });
  await page.goto('/login');
  await expect(page.getByRole('checkbox', { name: 'Saya bukan robot' })).toBeVisible();

  // Login without ticking the box is stopped in the page.
  await page.getByLabel('User ID').fill(supervisor);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
  await expect(page.getByRole('alert')).toHaveText('Centang "Saya bukan robot" terlebih dahulu.');

  expect(await attempt(page, supervisor, 'bukan-password-ini')).toBe(401);
  await expect(page.getByRole('alert')).toHaveText(WRONG);
  // The widget is back to unticked: the used challenge is gone.
  await expect(page.getByTestId('captcha')).toHaveAttribute('data-state', 'unverified');
  await expect(page.getByRole('checkbox', { name: 'Saya bukan robot' })).not.toBeChecked();

  // The right password with a fresh solve logs in; keep the payload the page sent.
  const sent = page.waitForRequest(isLogin);
  expect(await attempt(page, supervisor, password)).toBe(200);
  const payload: string = (await sent).postDataJSON().captcha;
  expect(payload).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
  await expect(page.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();

  // Replaying that payload, even with the right password, is refused.
  const replay = await request.post('/api/v1/session', {
    data: { username: supervisor, password, captcha: payload },
    headers: { 'accept-language': 'id' },
  });
  expect(replay.status()).toBe(400);
  expect(await replay.json()).toMatchObject({ code: 'CAPTCHA_REPLAYED', message: REPLAYED });
});

test('five wrong passwords lock the account; then even the right password is refused', async ({ page }) => {
  const username = 'e2e_lock';
  const password = 'e2e_lock-E2e-Pa55!';
  siks('users', 'create', username, '--role', 'PFM', '--name', 'Akun uji kunci', '--password', password);

  await page.goto('/login');
  for (let i = 1; i <= 4; i++) {
    expect(await attempt(page, username, `salah-${i}-Pa55word`)).toBe(401);
    await expect(page.getByRole('alert')).toHaveText(WRONG);
  }
  expect(await attempt(page, username, 'salah-5-Pa55word')).toBe(423);
  await expect(page.getByRole('alert')).toHaveText(LOCKED);
  await expect(page.getByRole('alert')).toContainText('menit');

  expect(await attempt(page, username, password)).toBe(423);
  await expect(page.getByRole('alert')).toHaveText(LOCKED);
  await expect(page.getByText('Anda Login Sebagai')).toHaveCount(0);
});

test('a one-time password must be changed before anything else', async ({ page }) => {
  const username = 'e2e_reset';
  const out = siks('users', 'create', username, '--role', 'PFM', '--name', 'Akun uji ganti password');
  const oneTime = /password: (\S+)/.exec(out)?.[1];
  expect(oneTime).toBeTruthy();

  await page.goto('/data-kesos');
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(await attempt(page, username, oneTime!)).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Ganti Password' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toHaveCount(0);

  const newPassword = 'ganti-E2e-Pa55word!';
  await page.getByLabel('Password lama').fill(oneTime!);
  await page.getByLabel('Password baru', { exact: true }).fill(newPassword);
  await page.getByLabel('Ulangi password baru').fill('tidak-sama-Pa55word');
  await page.getByRole('button', { name: 'Simpan password' }).click();
  await expect(page.getByRole('alert')).toHaveText('Ulangi password baru tidak sama dengan password baru.');

  await page.getByLabel('Ulangi password baru').fill(newPassword);
  await page.getByRole('button', { name: 'Simpan password' }).click();
  // /me is reloaded and the app goes on to the page that was asked for.
  await expect(page.getByRole('heading', { level: 1, name: 'View Data Kesos' })).toBeVisible();
  await expect(page).toHaveURL(/\/data-kesos$/);

  // The same page from the header menu; the API token page too.
  await page.getByRole('button', { name: /Akun uji ganti password/ }).click();
  await page.getByRole('link', { name: 'Token API' }).click();
  await page.getByLabel('Nama token').fill('skrip rekap');
  await page.getByRole('button', { name: 'Buat token' }).click();
  const token = await page.getByRole('textbox', { name: 'Token API', exact: true }).inputValue();
  expect(token.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Selesai' }).click();
  await expect(page.getByRole('row', { name: /skrip rekap/ })).toContainText('Belum pernah');
  await page.getByRole('button', { name: 'Cabut skrip rekap' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cabut' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Token "skrip rekap" telah dicabut.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cabut skrip rekap' })).toHaveCount(0);
});

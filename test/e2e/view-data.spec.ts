import { expect, test } from '@playwright/test';
import { ensureUser, knownPassword, login, siks } from './support.ts';

// The foundation journey: a district supervisor logs in, sees Beranda with the real total,
// finds a household by NIK in View Data Kesos and opens it; a supervisor of another district
// gets "not found" for that same household.

test('supervisor finds a household by NIK and opens it; another district gets not found', async ({ page, browser, request }) => {
  const password = knownPassword('3174_supervisor');
  siks('demo', 'seed', '--kab', '3171', '--households', '30', '--seed', '5');
  ensureUser('3171_supervisor', '3171_supervisor-E2e-Pa55!', '--role', 'SUPERVISOR', '--region', '3171'); // field-loop.spec.ts may have made it

  // A member NIK to search for, read through the API with a token like any integration would.
  const token = siks('tokens', 'create', '3174_supervisor').trim();
  const list = await request.get('/api/v1/households?pageSize=5&page=3', {
    headers: { authorization: `Bearer ${token}` },
  });
  const idbdt: string = (await list.json()).items[0].idbdt;
  const detail = await (await request.get(`/api/v1/households/${idbdt}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const nik: string = detail.members[0].nik;

  await login(page, '3174_supervisor', password);
  await expect(page.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();
  await expect(page.getByText(/KOTA ADMINISTRASI JAKARTA SELATAN/)).toBeVisible();
  // The total itself: the log on Beranda may name 3.000 too (a release downloaded by verval.spec.ts).
  await expect(page.getByText('Jumlah Rumah Tangga BDT : 3.000')).toBeVisible();

  await page.getByRole('link', { name: 'View Data Kesos' }).click();
  await page.getByLabel('Cari').fill(nik);
  const row = page.getByRole('link', { name: new RegExp(idbdt) });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByText(detail.members[0].nama).first()).toBeVisible();
  await expect(page.getByText(nik).first()).toBeVisible();
  await expect(page).toHaveURL(new RegExp(idbdt));
  const householdUrl = page.url();

  // Another district's supervisor, in a separate browser context, opens the same address.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await login(otherPage, '3171_supervisor', '3171_supervisor-E2e-Pa55!');
  await expect(otherPage.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();
  await otherPage.goto(householdUrl);
  await expect(otherPage.getByText('Data tidak ditemukan')).toBeVisible();
  await expect(otherPage.getByText(nik)).toHaveCount(0);
  await other.close();
});

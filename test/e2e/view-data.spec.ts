import { expect, test } from '@playwright/test';
import { formatIdbdt } from '../../src/shared/codes.ts';
import { login, siks, specDistrict } from './support.ts';

// The foundation journey: a district supervisor logs in, sees Beranda with the real total,
// finds a household by NIK in View Data Kesos and opens it; a supervisor of another district
// gets "not found" for that same household. Both districts belong to this spec alone
// (Jakarta Barat with 1,250 households, Jakarta Timur with a few), seeded through the CLI.

test('supervisor finds a household by NIK and opens it; another district gets not found', async ({ page, browser, request }) => {
  const district = specDistrict('3173', { households: 1250, seed: 5 });
  const other = specDistrict('3175', { households: 10, seed: 6 });

  // A member NIK to search for, read through the API with a token like any integration would.
  const token = siks('tokens', 'create', district.supervisor).trim();
  const list = await request.get('/api/v1/households?pageSize=5&page=3', {
    headers: { authorization: `Bearer ${token}` },
  });
  const idbdt: string = (await list.json()).items[0].idbdt;
  const detail = await (await request.get(`/api/v1/households/${idbdt}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const nik: string = detail.members[0].nik;

  await login(page, district.supervisor, district.password);
  await expect(page.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();
  await expect(page.getByText(/KOTA ADMINISTRASI JAKARTA BARAT/)).toBeVisible();
  await expect(page.getByText('Jumlah Rumah Tangga BDT : 1.250')).toBeVisible();

  await page.getByRole('link', { name: 'View Data Kesos' }).click();
  await page.getByLabel('Cari').fill(nik);
  const row = page.getByRole('link', { name: new RegExp(formatIdbdt(idbdt)) });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByText(detail.members[0].nama).first()).toBeVisible();
  await expect(page.getByText(nik).first()).toBeVisible();
  await expect(page).toHaveURL(new RegExp(idbdt));
  const householdUrl = page.url();

  // The members table fits a 1366 px screen: no horizontal scroll in its wrapper.
  await page.setViewportSize({ width: 1366, height: 768 });
  const membersWrap = page.locator('.table-wrap', { has: page.locator('table.members-table') });
  await expect(membersWrap).toBeVisible();
  const { scrollWidth, clientWidth } = await membersWrap.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

  // Another district's supervisor, in a separate browser context, opens the same address.
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await login(otherPage, other.supervisor, other.password);
  await expect(otherPage.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();
  await otherPage.goto(householdUrl);
  await expect(otherPage.getByText('Data tidak ditemukan')).toBeVisible();
  await expect(otherPage.getByText(nik)).toHaveCount(0);
  await otherContext.close();
});

import { expect, test } from '@playwright/test';
import { knownPassword, login, specDistrict } from './support.ts';

// C1 from the web: Pusdatin adds a district supervisor (User ID prefilled from the district) and
// an operator (kecamatan and desa picked), resets a password (shown once) and disables a user.
// Its districts, Cilacap (created here) and Banyumas (seeded with its supervisor through the CLI),
// belong to this spec alone.

test('Pusdatin adds users with their scope, resets a password and disables a user', async ({ page }) => {
  const banyumas = specDistrict('3302', { households: 5, seed: 13 });
  await login(page, 'pusdatin', knownPassword('pusdatin'));
  await page.getByRole('link', { name: 'Pengguna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pengguna' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(banyumas.supervisor) })).toBeVisible();

  // A district supervisor: the User ID follows the chosen district.
  await page.getByRole('button', { name: 'Tambah Pengguna' }).click();
  const form = page.getByRole('form', { name: 'Tambah Pengguna' });
  await form.getByLabel('Peran').selectOption('SUPERVISOR');
  await form.getByLabel('Nama').fill('Dinas Sosial Kabupaten Cilacap');
  await form.getByLabel('Provinsi').selectOption('33');
  await form.getByLabel('Kabupaten/Kota').selectOption('3301');
  await expect(form.getByLabel('User ID')).toHaveValue('3301_supervisor');
  await form.getByRole('button', { name: 'Simpan pengguna' }).click();
  await expect(page.getByRole('heading', { name: 'Pengguna 3301_supervisor telah dibuat' })).toBeVisible();
  expect((await page.getByRole('textbox', { name: 'Password sementara', exact: true }).inputValue()).length).toBeGreaterThanOrEqual(10);
  await expect(page.getByText('Password ini hanya ditampilkan sekali.')).toBeVisible();
  await page.getByRole('button', { name: 'Selesai' }).click();
  await expect(page.getByRole('textbox', { name: 'Password sementara', exact: true })).toHaveCount(0);

  // An operator of a whole kecamatan plus one desa of another.
  await page.getByRole('button', { name: 'Tambah Pengguna' }).click();
  await form.getByLabel('Peran').selectOption('OPERATOR');
  await form.getByLabel('Nama').fill('Operator uji');
  await form.getByLabel('User ID').fill('operator_e2e');
  await form.getByLabel('Provinsi').selectOption('33');
  await form.getByLabel('Kabupaten/Kota').selectOption(banyumas.kab);
  await form.getByLabel('Kecamatan', { exact: true }).selectOption({ index: 1 });
  await form.getByRole('checkbox', { name: /^Seluruh Kecamatan/ }).check();
  await form.getByLabel('Kecamatan', { exact: true }).selectOption({ index: 2 });
  await form
    .getByRole('group', { name: /^Wilayah di Kecamatan/ })
    .getByRole('checkbox')
    .nth(1)
    .check();
  await expect(form.getByText('Wilayah terpilih (2)')).toBeVisible();
  await form.getByRole('button', { name: 'Simpan pengguna' }).click();
  await expect(page.getByRole('heading', { name: 'Pengguna operator_e2e telah dibuat' })).toBeVisible();
  await page.getByRole('button', { name: 'Selesai' }).click();

  // Search, reset (shown once), disable.
  await page.getByLabel('Cari').fill('3301');
  const row = page.getByRole('row', { name: /3301_supervisor/ });
  await expect(row).toContainText('Wajib ganti password');
  await expect(page.getByRole('row')).toHaveCount(2); // header + the one match
  await page.getByRole('button', { name: 'Reset password 3301_supervisor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset password' });
  await expect(dialog).toContainText('wajib mengganti password sementara');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByRole('heading', { name: 'Password sementara untuk 3301_supervisor' })).toBeVisible();
  expect((await page.getByRole('textbox', { name: 'Password sementara', exact: true }).inputValue()).length).toBeGreaterThanOrEqual(10);
  await page.getByRole('button', { name: 'Selesai' }).click();

  await page.getByRole('button', { name: 'Nonaktifkan 3301_supervisor' }).click();
  await page.getByRole('dialog', { name: 'Nonaktifkan' }).getByRole('button', { name: 'Nonaktifkan' }).click();
  await expect(page.getByText('Pengguna 3301_supervisor dinonaktifkan.')).toBeVisible();
  await expect(row).toContainText('Nonaktif');
  await expect(page.getByRole('button', { name: 'Aktifkan 3301_supervisor' })).toBeVisible();
});

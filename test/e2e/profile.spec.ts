import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { login, specDistrict } from './support.ts';

// F4 Profil: a district supervisor opens Profil from the user menu, is told what is wrong with a
// NIP, saves Profil Instansi, uploads a logo and sees the served image, switches the signer of
// the letter, and saves its own Profil Pengguna. Uploads go through the browser's FormData with
// the session cookie and the CSRF header, as in real use. The district, Kepulauan Seribu, belongs
// to this spec alone.

test('supervisor fills in Profil Instansi, logo, Pengesahan and Profil Pengguna', async ({ page }) => {
  const { kab, supervisor, password } = specDistrict('3101', { households: 10, seed: 11 });
  await login(page, supervisor, password);
  await expect(page.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();

  await page.locator('.user-menu-button').click();
  await page.getByRole('link', { name: 'Profil', exact: true }).click();
  await expect(page).toHaveURL(/\/profil$/);
  await expect(page.getByRole('heading', { name: 'Profil Instansi' })).toBeVisible();

  const instansi = page.locator('section', { has: page.getByRole('heading', { name: 'Profil Instansi' }) });
  await instansi.getByLabel('Nama Instansi').fill('Dinas Sosial Kabupaten Administrasi Kepulauan Seribu');
  await instansi.getByLabel('Alamat').fill('Jl. Prapanca Raya No. 9');
  await instansi.getByLabel('Nomor Telepon').fill('021 7397-212');
  await instansi.getByLabel('Nama Kepala Dinas').fill('Drs. Budi Santoso');
  await instansi.getByLabel('NIP Kepala Dinas').fill('12345');
  await instansi.getByLabel('Nama Bupati/Wali Kota').fill('Bupati Kepulauan Seribu');
  await instansi.getByRole('button', { name: 'Submit' }).click();
  await expect(instansi.getByText('NIP Kepala Dinas harus terdiri dari 18 digit angka.')).toBeVisible();
  await expect(instansi.getByLabel('NIP Kepala Dinas')).toHaveAttribute('aria-invalid', 'true');

  await instansi.getByLabel('NIP Kepala Dinas').fill('19650101 199003 1 001');
  await instansi.getByRole('button', { name: 'Submit' }).click();
  await expect(instansi.getByText('Profil Instansi berhasil disimpan.')).toBeVisible();
  await expect(instansi.getByLabel('Nomor Telepon')).toHaveValue('+62217397212');

  // A PHP script named logo.png is refused in Indonesian; a real PNG is shown as served.
  const logoInput = instansi.locator('input[type=file]');
  await logoInput.setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<?php system($_GET["c"]); ?>'),
  });
  await instansi.getByRole('button', { name: 'Unggah' }).click();
  await expect(instansi.getByText(/Berkas bukan gambar JPEG atau PNG/)).toBeVisible();
  const png = await sharp({ create: { width: 160, height: 100, channels: 3, background: { r: 11, g: 61, b: 107 } } })
    .png()
    .toBuffer();
  await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await instansi.getByRole('button', { name: 'Unggah' }).click();
  await expect(instansi.getByText('Logo Kabupaten/Kota berhasil diunggah.')).toBeVisible();
  const logo = instansi.getByRole('img', { name: 'Logo Kabupaten/Kota' });
  await expect(logo).toHaveAttribute('src', new RegExp(`/api/v1/district-profiles/${kab}/logo\\?v=`));
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);

  const pengesahan = page.locator('section', { has: page.getByRole('heading', { name: 'Profil Pengesahan' }) });
  await expect(pengesahan.getByText(/ditandatangani oleh: Drs\. Budi Santoso/)).toBeVisible();
  await pengesahan.getByLabel('Sama dengan Kepala Dinas?').uncheck();
  await pengesahan.getByLabel('Nama', { exact: true }).fill('Hj. Siti Aminah');
  await pengesahan.getByLabel('NIP', { exact: true }).fill('197203152000122002');
  await pengesahan.getByRole('button', { name: 'Submit' }).click();
  await expect(pengesahan.getByText('Profil Pengesahan berhasil disimpan.')).toBeVisible();
  await expect(pengesahan.getByText(/ditandatangani oleh: Hj\. Siti Aminah \(NIP 197203152000122002\)/)).toBeVisible();
  await pengesahan.getByLabel('Sama dengan Kepala Dinas?').check();
  await expect(pengesahan.getByLabel('NIP', { exact: true })).toHaveCount(0);

  const pengguna = page.locator('section', { has: page.getByRole('heading', { name: 'Profil Pengguna' }) });
  await pengguna.getByLabel('Nomor HP').fill('0812-3456-7890');
  await pengguna.getByLabel('Email').fill('supervisor@dinsos.go.id');
  await pengguna.getByRole('button', { name: 'Submit' }).click();
  await expect(pengguna.getByText('Profil Pengguna berhasil disimpan.')).toBeVisible();
  await expect(pengguna.getByLabel('Nomor HP')).toHaveValue('+6281234567890');

  // After a reload everything is still there, read back from the server.
  await page.reload();
  await expect(page.getByLabel('Nama Instansi')).toHaveValue('Dinas Sosial Kabupaten Administrasi Kepulauan Seribu');
  await expect(page.getByRole('img', { name: 'Logo Kabupaten/Kota' })).toBeVisible();
});

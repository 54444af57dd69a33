import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatIdbdt } from '../../src/shared/codes.ts';
import fs from 'node:fs';
import sharp from 'sharp';
import { packageKeyProvider, readFile } from '../../src/server/platform/siks-node.ts';
import { validateHouseholdRecord } from '../../src/shared/rules/index.ts';
import { login, specDistrict } from './support.ts';
import { JAKARTA_TODAY, exportPackage, openOfflineApp, readRelease, saveDownload, setUpRelease, type Rec } from './operator.ts';

// Photos from the field (issue 15) for Kota Tangerang, a district of this spec alone: the operator
// photographs a house offline (a camera-sized JPEG with a location in its EXIF), the photo survives
// a reload, the export says how many photos it holds; the package carries it scaled to 1600 px
// without EXIF. The supervisor imports the package, sees the photo on the proposal, approves, and
// sees it on the household page.

const KAB = '3671';
const PASSPHRASE = 'sandi rilis kota tangerang foto';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigasi utama' });

/** Whether every image of a region has loaded with real pixels (the route served it as an image). */
async function imagesLoaded(region: Locator): Promise<boolean> {
  return region.locator('img').evaluateAll((imgs) => imgs.length > 0 && imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0));
}

test('a house photo taken offline reaches the review and stays with the household after approval', async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const out = (n: string) => testInfo.outputPath(n);
  const district = specDistrict(KAB, { households: 40, seed: 61, mou: true });
  await login(page, district.supervisor, district.password);
  await nav(page).getByRole('link', { name: 'Kirim MoU' }).click();
  await page.getByRole('button', { name: 'Download Database BDT Rilis' }).click();
  await page.getByLabel('Kata sandi rilis', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Ulangi kata sandi rilis').fill(PASSPHRASE);
  const releaseFile = await saveDownload(page, () => page.getByRole('button', { name: 'Mulai Download' }).click(), out);
  const rel = await readRelease(releaseFile.file, PASSPHRASE);

  // An AKTIF household without a demo data mistake, in the first kecamatan that has one.
  const membersOf = (idbdt: unknown) => rel.members.filter((m) => m.idbdt === idbdt);
  const usable = (h: Rec) =>
    h.status === 'AKTIF' &&
    validateHouseholdRecord({ household: h, members: membersOf(h.idbdt) }, { checkDate: JAKARTA_TODAY }).errors.length === 0;
  const kecamatan = rel.regions
    .filter((r) => r.level === 'kecamatan')
    .sort((a, b) => String(a.code).localeCompare(String(b.code)))
    .find((r) => rel.households.some((h) => String(h.kode_wilayah).startsWith(String(r.code)) && usable(h)))!;
  const KEC = String(kecamatan.code);
  const house = rel.households.find((h) => String(h.kode_wilayah).startsWith(KEC) && usable(h))!;
  const idbdt = String(house.idbdt);

  // A camera photo: 2400×1800 with a location in its EXIF.
  const camera = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#b5651d' } })
    .withExif({ IFD0: { ImageDescription: 'Lokasi -6.1783, 106.6319', Make: 'KameraDesa' } })
    .jpeg({ quality: 90 })
    .toBuffer();
  expect((await sharp(camera).metadata()).exif).toBeDefined();

  // The operator, offline.
  const opContext = await browser.newContext();
  const op = await opContext.newPage();
  await openOfflineApp(op, opContext);
  await setUpRelease(op, {
    file: releaseFile.file,
    passphrase: PASSPHRASE,
    kecamatan: String(kecamatan.name),
    households: rel.households.filter((h) => String(h.kode_wilayah).startsWith(KEC)).length,
    username: 'op.tangerang',
    name: 'Siti Aminah',
  });
  await op.goto(`/offline/#/rt/${idbdt}`);
  await op.getByLabel('Hasil verval').selectOption('1');
  const photos = op.getByRole('region', { name: 'Foto', exact: true });
  await photos.getByLabel('Jenis foto').selectOption('foto_rumah');
  await photos.getByTestId('photo-input').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: camera });
  await expect(photos.getByRole('img', { name: 'Foto rumah' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => imagesLoaded(photos)).toBe(true);
  await expect(op.getByText('Tidak ada kesalahan.')).toBeVisible();
  await op.getByRole('button', { name: 'Simpan' }).click();
  await expect(op.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
  // The photo lives in IndexedDB: a reload shows it again.
  await op.reload();
  await expect(op.getByRole('region', { name: 'Foto', exact: true }).getByRole('img', { name: 'Foto rumah' })).toBeVisible();
  await expect.poll(() => imagesLoaded(op.getByRole('region', { name: 'Foto', exact: true }))).toBe(true);

  await op.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  await expect(op.getByTestId('pending-photos')).toHaveText(/memuat 1 foto \(\d+(,\d+)? (KB|MB)\)/);
  const pkg = await exportPackage(op, out);

  // The package: the proposal refers to the photo, the entry is it, scaled and without EXIF.
  const reader = await readFile(
    pkg.file,
    packageKeyProvider<'package'>(() => rel.release.packageKey),
    { kind: 'package' },
  );
  let sha256 = '';
  try {
    const lines: Rec[] = [];
    for await (const l of reader.proposals()) lines.push(l);
    expect(lines).toHaveLength(1);
    expect(reader.mediaList).toHaveLength(1);
    sha256 = reader.mediaList[0]!.sha256;
    expect(reader.mediaList[0]!.name).toBe(`media/${sha256}.jpg`);
    expect(lines[0]!.media).toEqual([{ sha256, tag: 'foto_rumah' }]);
    const bytes = (await reader.readMedia(sha256))!;
    expect(bytes.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1600, 1200]);
    expect(meta.exif).toBeUndefined();
  } finally {
    await reader.dispose();
  }

  // The supervisor: import, the photo on the proposal, approve, the photo on the household page.
  await nav(page).getByRole('link', { name: 'Import Data' }).click();
  await page
    .getByLabel('Pilih berkas .siks')
    .setInputFiles({ name: pkg.name, mimeType: 'application/octet-stream', buffer: fs.readFileSync(pkg.file) });
  await expect(page.getByRole('article', { name: pkg.name }).getByText('Diterima', { exact: true })).toBeVisible({ timeout: 60_000 });
  await nav(page).getByRole('link', { name: 'Verifikasi Usulan' }).click();
  await page
    .getByRole('row', { name: new RegExp(formatIdbdt(idbdt)) })
    .getByRole('link', { name: /^Periksa/ })
    .first()
    .click();
  const onProposal = page.getByRole('region', { name: 'Foto (1)' });
  await expect(onProposal.getByRole('img', { name: 'Foto rumah' })).toBeVisible();
  await expect.poll(() => imagesLoaded(onProposal)).toBe(true);
  await expect(onProposal.getByRole('link', { name: 'Buka Foto rumah dalam ukuran penuh' })).toHaveAttribute(
    'href',
    `/api/v1/media/${sha256}`,
  );
  const image = await page.request.get(`/api/v1/media/${sha256}`);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/jpeg');
  expect(image.headers()['cache-control']).toMatch(/^private\b/);
  await page.getByRole('button', { name: 'Setujui', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /disetujui\./ })).toBeVisible();

  await page.goto(`/data-kesos/${idbdt}`);
  const kept = page.getByRole('region', { name: 'Foto dari lapangan' });
  await expect(kept.getByRole('img', { name: 'Foto rumah' })).toBeVisible();
  await expect.poll(() => imagesLoaded(kept)).toBe(true);
  await opContext.close();
});

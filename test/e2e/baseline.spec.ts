import fs from 'node:fs';
import { formatIdbdt } from '../../src/shared/codes.ts';
import { expect, type Page, test } from '@playwright/test';
import { BASELINE_COLUMNS, sampleHouseholds, writeBaselineCsv } from '../../src/server/modules/baseline/baseline.sample.ts';
import type { GeneratedHousehold } from '../../src/server/modules/demo/index.ts';
import { knownPassword, login } from './support.ts';
import { saveDownload } from './operator.ts';

// C2 "Muat Data Awal": Pusdatin uploads a district's baseline (households.csv and members.csv with
// the dictionary's columns) holding three bad rows, sees the errors counted, downloads the error
// report naming each row and column, and finds nothing published; then uploads the fixed files,
// publishes them, and View Data Kesos shows the district's households. Kota Surabaya (3578) holds
// no demo data and belongs to this spec alone.

const KAB = '3578';
const HOUSEHOLDS = 12;

/** households.csv and members.csv of the generated households, as upload payloads. */
function csvFiles(generated: readonly GeneratedHousehold[]) {
  let households = '';
  let members = '';
  writeBaselineCsv(generated, { households: (l) => (households += l), members: (l) => (members += l) });
  return [
    { name: 'households.csv', mimeType: 'text/csv', buffer: Buffer.from(households) },
    { name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(members) },
  ];
}

/** Desa of the district's first kecamatan, as Pusdatin reads them from the regions API. */
async function desaOf(page: Page, kab: string): Promise<{ code: string; kecamatan: string }[]> {
  const regions = async (parent: string) =>
    ((await (await page.request.get(`/api/v1/regions?parent=${parent}`)).json()) as { items: { code: string }[] }).items;
  const kecamatan = (await regions(kab))[0]!.code;
  return (await regions(kecamatan)).slice(0, 3).map((d) => ({ code: d.code, kecamatan }));
}

/** Chooses the district and a period on the upload form, then uploads the files and waits for the answer. */
async function upload(page: Page, period: string, files: ReturnType<typeof csvFiles>) {
  const form = page.getByRole('form', { name: 'Unggah data awal' });
  await form.getByLabel('Berkas data awal').setInputFiles(files);
  await expect(form.getByLabel('Periode')).toHaveValue(period);
  await form.getByRole('button', { name: 'Unggah dan periksa' }).click();
  // Reading and checking a few rows is quick, but the machine may be busy.
  await expect(form.getByRole('button', { name: 'Unggah dan periksa' })).toBeEnabled({ timeout: 60_000 });
}

test('a baseline with three bad rows yields the error report and publishes nothing until fixed', async ({ page }, testInfo) => {
  testInfo.setTimeout(testInfo.timeout + 120_000);
  await login(page, 'pusdatin', knownPassword('pusdatin'));
  await expect(page.getByText('Anda Login Sebagai : Pusdatin Kesos')).toBeVisible();

  const generated = [...sampleHouseholds({ kab: KAB, desa: await desaOf(page, KAB), households: HOUSEHOLDS, seed: 23 })];
  const memberCount = generated.reduce((n, g) => n + g.members.length, 0);
  // Three bad rows of households.csv (row 1 is the header): a code outside its list, a word where a
  // number belongs, a required field left empty.
  const broken = structuredClone(generated);
  (broken[2]!.household as unknown as Record<string, unknown>).sta_bangunan = 9;
  (broken[5]!.household as unknown as Record<string, unknown>).luas_lantai = 'luas';
  (broken[9]!.household as unknown as Record<string, unknown>).alamat = null;
  expect(BASELINE_COLUMNS.households).toEqual(expect.arrayContaining(['sta_bangunan', 'luas_lantai', 'alamat']));

  await page.getByRole('link', { name: 'Muat Data Awal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Muat Data Awal' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Unggah data awal' });
  await form.getByLabel('Provinsi').selectOption('35');
  await form.getByLabel('Kabupaten/Kota').selectOption(KAB);
  await expect(page.getByText('Belum ada muatan data awal untuk kabupaten/kota ini.')).toBeVisible();
  const periodSelect = form.getByLabel('Periode');
  await expect(periodSelect.locator('option').nth(1)).toBeAttached();
  const period = await periodSelect.locator('option').nth(1).getAttribute('value');
  expect(period).toMatch(/^\d{4}-\d{2}$/);
  await periodSelect.selectOption(period!);

  // The broken files: read and checked, three errors, nothing to publish.
  await upload(page, period!, csvFiles(broken));
  const invalid = page.getByRole('region', { name: `${KAB} · ${period} · Ada kesalahan` });
  await expect(invalid).toBeVisible();
  await expect(invalid.getByText(`${HOUSEHOLDS} rumah tangga, ${memberCount} anggota rumah tangga`)).toBeVisible();
  await expect(
    invalid.getByText('3 kesalahan ditemukan. Perbaiki berkas lalu unggah ulang; tidak ada data yang diterbitkan.'),
  ).toBeVisible();
  await expect(invalid.getByRole('button', { name: 'Terbitkan' })).toHaveCount(0);

  const report = await saveDownload(
    page,
    () => invalid.getByRole('button', { name: 'Unduh laporan kesalahan (CSV)' }).click(),
    (n) => testInfo.outputPath(n),
  );
  expect(report.name).toBe(`kesalahan-data-awal-${KAB}-${period}.csv`);
  const lines = fs.readFileSync(report.file, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('berkas,baris,kolom,kode,pesan');
  expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
    'households,4,sta_bangunan,CODE',
    'households,7,luas_lantai,TYPE',
    'households,11,alamat,REQUIRED',
  ]);
  expect(lines[3]).toContain('wajib diisi');

  // Nothing published: View Data Kesos finds no household in the district.
  await page.goto(`/data-kesos?provinsi=35&kab=${KAB}`);
  await expect(page.getByText('Tidak ada rumah tangga yang cocok dengan filter.')).toBeVisible();

  // The fixed files: no error, published after the confirmation.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Muat Data Awal' })).toBeVisible();
  await form.getByLabel('Provinsi').selectOption('35');
  await form.getByLabel('Kabupaten/Kota').selectOption(KAB);
  await periodSelect.selectOption(period!);
  await expect(page.getByRole('region', { name: `${KAB} · ${period} · Ada kesalahan` })).toBeVisible();
  await upload(page, period!, csvFiles(generated));
  const ready = page.getByRole('region', { name: `${KAB} · ${period} · Siap diterbitkan` });
  await expect(ready.getByText('Tidak ada kesalahan. Data siap diterbitkan.')).toBeVisible();
  await expect(ready.getByText(`${HOUSEHOLDS} rumah tangga, ${memberCount} anggota rumah tangga`)).toBeVisible();
  // The earlier load is discarded: the history says so.
  const history = page.getByRole('table', { name: 'Riwayat muatan data awal' });
  await expect(history.getByRole('row').filter({ hasText: 'Dibatalkan' })).toHaveCount(1);

  await ready.getByRole('button', { name: 'Terbitkan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Terbitkan data awal?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Terbitkan' }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  const published = page.getByRole('region', { name: `${KAB} · ${period} · Diterbitkan` });
  await expect(published.getByText(/^Diterbitkan /)).toBeVisible();
  await expect(published.getByText(`${HOUSEHOLDS} rumah tangga, ${memberCount} anggota rumah tangga`)).toBeVisible();
  await expect(history.getByRole('row').filter({ hasText: 'Diterbitkan' })).toContainText(String(HOUSEHOLDS));

  // View Data Kesos: the district's households, the first one found by its head's NIK.
  await page.goto(`/data-kesos?provinsi=35&kab=${KAB}`);
  await expect(page.getByText(`Menampilkan 1–${HOUSEHOLDS} dari ${HOUSEHOLDS}`)).toBeVisible();
  const first = generated[0]!;
  await page.getByLabel('Cari').fill(first.members[0]!.nik);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: formatIdbdt(first.household.idbdt) }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(first.members[0]!.nama);
});

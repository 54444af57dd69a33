import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { formatIdbdt } from '../../src/shared/codes.ts';
import { login, siks, type SpecDistrict, specDistrict } from './support.ts';

// Pemindahan Rumah Tangga (issue 11, F12): a supervisor moves a household to another kecamatan of
// the district, then hands households over to another district — release and accept; release,
// decline and back; release and cancel — and the household page shows each step. Both districts
// (Depok and Cimahi) belong to this spec alone, seeded through the CLI.

/** Chooses the option of a select that `pick` names among its loaded values (the first one by default). */
async function choose(select: Locator, pick: (values: string[]) => string | undefined = (v) => v[0]) {
  await expect(select.locator('option').nth(1)).toBeAttached();
  const values = (await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v);
  const value = pick(values);
  expect(value).toBeTruthy();
  await select.selectOption(value!);
  return value!;
}

async function asSupervisor(browser: Browser, d: SpecDistrict): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, d.supervisor, d.password);
  await expect(page.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();
  return page;
}

async function release(page: Page, idbdt: string, reason: string) {
  await page.goto(`/pemindahan?idbdt=${idbdt}`);
  await expect(page.getByLabel('IDBDT rumah tangga')).toHaveValue(idbdt);
  await page.getByLabel('Kabupaten/kota lain (serah terima)').check();
  await page.locator('#reloc-other-provinsi').selectOption('32');
  await choose(page.locator('#reloc-other-kabkota'), (v) => v.find((c) => c === '3277'));
  await page.getByLabel('Alasan').fill(reason);
  await page.getByRole('button', { name: 'Serahkan ke kabupaten/kota tujuan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Rumah tangga ${idbdt} diserahkan` })).toBeVisible();
}

/** The household page's history holds a row with all these texts. */
async function historyShows(page: Page, idbdt: string, ...texts: string[]) {
  await page.goto(`/data-kesos/${idbdt}`);
  let row = page.locator('#history-title').locator('..').getByRole('row');
  for (const text of texts) row = row.filter({ hasText: text });
  await expect(row.first()).toBeVisible();
}

async function step(
  page: Page,
  tab: 'Keluar' | 'Menunggu diterima',
  idbdt: string,
  button: string,
  fill: (dialog: Locator) => Promise<void>,
) {
  await page.goto('/pemindahan');
  await page.getByRole('tab', { name: tab }).click();
  await page
    .getByRole('row')
    .filter({ hasText: formatIdbdt(idbdt) })
    .getByRole('button', { name: button })
    .click();
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

test('a move within the district, and hand-overs: release → accept, release → decline, release → cancel', async ({ browser, request }) => {
  const origin = specDistrict('3276', { households: 20, seed: 41 });
  const destination = specDistrict('3277', { households: 5, seed: 42 });
  const token = siks('tokens', 'create', origin.supervisor).trim();
  const list = await request.get('/api/v1/households?pageSize=4', { headers: { authorization: `Bearer ${token}` } });
  const [moved, accepted, declined, cancelled] = (await list.json()).items.map((h: { idbdt: string; kode_wilayah: string }) => h) as {
    idbdt: string;
    kode_wilayah: string;
  }[];

  // Within the district: "Pindahkan" on the household page, another kecamatan, a reason.
  const page = await asSupervisor(browser, origin);
  await page.goto(`/data-kesos/${moved!.idbdt}`);
  await page.getByRole('link', { name: 'Pindahkan' }).click();
  await expect(page.getByRole('heading', { name: 'Pemindahan Rumah Tangga', level: 1 })).toBeVisible();
  await expect(page.getByLabel('IDBDT rumah tangga')).toHaveValue(moved!.idbdt);
  await choose(page.locator('#reloc-within-kecamatan'), (v) => v.find((c) => !moved!.kode_wilayah.startsWith(c)));
  const desa = await choose(page.locator('#reloc-within-desa'));
  await page.getByLabel('Alasan').fill('Pindah rumah ke kecamatan lain');
  await page.getByRole('button', { name: 'Pindahkan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Rumah tangga ${moved!.idbdt} dipindahkan` })).toBeVisible();
  await historyShows(page, moved!.idbdt, 'Pindah rumah ke kecamatan lain', 'Pemindahan rumah tangga');
  await expect(page.getByText(desa.replace(/^(\d{2})(\d{2})(\d{2})(\d{4})$/, '$1.$2.$3.$4')).first()).toBeVisible();

  // Release → accept: Cimahi sees a summary in "Menunggu diterima" and accepts into one of its desa.
  await release(page, accepted!.idbdt, 'Pindah kerja ke Cimahi');
  await historyShows(page, accepted!.idbdt, 'Pemindahan antar kabupaten/kota', 'DISERAHKAN 3277');
  const other = await asSupervisor(browser, destination);
  await other.goto('/pemindahan');
  await other.getByRole('tab', { name: 'Menunggu diterima' }).click();
  const waiting = other.getByRole('row').filter({ hasText: formatIdbdt(accepted!.idbdt) });
  await expect(waiting).toContainText('Pindah kerja ke Cimahi');
  await expect(waiting.getByRole('link')).toHaveCount(0);
  await step(other, 'Menunggu diterima', accepted!.idbdt, 'Terima', async (dialog) => {
    await choose(dialog.locator('#reloc-accept-kecamatan'));
    await choose(dialog.locator('#reloc-accept-desa'));
  });
  await historyShows(other, accepted!.idbdt, 'Pindah kerja ke Cimahi', 'Pemindahan rumah tangga');
  await historyShows(other, accepted!.idbdt, 'Pemindahan antar kabupaten/kota', 'DISERAHKAN 3277');
  await page.goto(`/data-kesos/${accepted!.idbdt}`);
  await expect(page.getByText('Data tidak ditemukan')).toBeVisible();

  // Release → decline: the household is back in Depok, its page says so.
  await release(page, declined!.idbdt, 'Pindah ke Cimahi');
  await step(other, 'Menunggu diterima', declined!.idbdt, 'Tolak', (dialog) => dialog.getByLabel('Alasan').fill('Alamat tidak ditemukan'));
  await historyShows(page, declined!.idbdt, 'Pemindahan antar kabupaten/kota', 'DITOLAK', 'Alamat tidak ditemukan');

  // Release → cancel by the origin before Cimahi accepts.
  await release(page, cancelled!.idbdt, 'Pindah ke Cimahi');
  await step(page, 'Keluar', cancelled!.idbdt, 'Batalkan', (dialog) => dialog.getByLabel('Alasan').fill('Salah pilih rumah tangga'));
  await historyShows(page, cancelled!.idbdt, 'Pemindahan antar kabupaten/kota', 'DIBATALKAN');
  await other.goto('/pemindahan');
  await other.getByRole('tab', { name: 'Menunggu diterima' }).click();
  await expect(other.getByRole('row').filter({ hasText: formatIdbdt(cancelled!.idbdt) })).toHaveCount(0);
});

import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import { passphraseKeyProvider, readFile } from '../../src/server/platform/siks-node.ts';
import { formatIdbdt } from '../../src/web/format.ts';
import { ensureUser, login, specDistrict } from './support.ts';
import {
  downloadLetter,
  exportBspPackage,
  openOfflineApp,
  readPackageFile,
  readRelease,
  recordBspGanti,
  saveDownload,
  setUpRelease,
  type Rec,
} from './operator.ts';

// Programmes (issue 10) for Kota Bandung, a district of this spec alone, seeded through the CLI
// with an approved MoU and the demo BPNT/PBI quotas and lists. Ditjen PFM sets the BPNT and PBI
// quotas of the district to what the lists use, in the Kuota screen (both lists exactly full). On
// Verifikasi & Validasi BSP the supervisor replaces one KPM by the top of the waiting list (Ganti)
// and removes another (Hapus), and approves both; on Verifikasi & Validasi PBI an addition from the
// waiting list is refused at approval with a message that names the quota. An operator replaces a
// KPM offline and exports a BSP package, which the supervisor imports, reviews and approves; the
// feedback goes back to the operator's device. BSP is finalised and its Berita Acara checked at
// the public address of its QR code.

const KAB = '3273';
const PASSPHRASE = 'sandi rilis program bandung 2026';
const PFM_USER = 'pfm_program_e2e';
const PBI_REJECT_REASON = 'Kuota PBI kabupaten/kota sudah penuh untuk periode ini';

// A locator that finds nothing fails the step within a minute instead of waiting out the test.
test.use({ actionTimeout: 60_000 });

const fmt = (n: number) => n.toLocaleString('id-ID');
const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The text of an element, failing within the expect timeout (not the test's) when it is missing. */
const textOf = async (loc: Locator) => (await loc.innerText({ timeout: 15_000 })).trim();
/** The first line of a cell's text (a name above its desa). */
const firstLine = async (cell: Locator) => (await textOf(cell)).split('\n')[0]!.trim();
const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigasi utama' });

/** The figure of an import card's counts, e.g. "Usulan masuk". */
const countOf = (card: Locator, label: string) =>
  card
    .locator('.import-counts > div')
    .filter({ has: card.page().getByText(label, { exact: true }) })
    .locator('dd');

/** The AKTIF BPNT KPM of a downloaded release (kpm.ndjson), by idbdt. */
async function releaseKpm(file: string, passphrase: string): Promise<Set<string>> {
  const reader = await readFile(file, passphraseKeyProvider(passphrase), { kind: 'release' });
  try {
    const out = new Set<string>();
    for await (const k of reader.kpm()) if (k.program === 'BPNT' && k.status === 'AKTIF') out.add(String(k.idbdt));
    return out;
  } finally {
    await reader.dispose();
  }
}

/** Approves the proposal open on its review page ("Setujui", then the confirmation). */
async function approveOpenProposal(page: Page) {
  await page.getByRole('region', { name: 'Keputusan' }).getByRole('button', { name: 'Setujui', exact: true }).click();
  await page.getByRole('dialog', { name: 'Setujui usulan' }).getByRole('button', { name: 'Setujui', exact: true }).click();
}

test('programmes: quotas, online BSP changes, PBI refused over quota, offline BSP package, BSP finalisation and Berita Acara', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(900_000);
  const district = specDistrict(KAB, { households: 160, seed: 31, mou: true, lists: true });
  const pfmPassword = ensureUser(PFM_USER, `${PFM_USER}-E2e-Pa55!`, '--role', 'PFM', '--name', 'Petugas Ditjen PFM');

  // C4: PFM sets the BPNT and PBI quotas to what the lists use, read from the Kuota screen.
  const pfmContext = await browser.newContext();
  const pfm = await pfmContext.newPage();
  await login(pfm, PFM_USER, pfmPassword);
  await nav(pfm).getByRole('link', { name: 'Kuota', exact: true }).click();
  await expect(pfm.getByRole('heading', { level: 1, name: 'Kuota Program Bantuan' })).toBeVisible();
  const quotaRow = async () => {
    await pfm.getByLabel('Cari kode atau nama kabupaten/kota').fill(KAB);
    const table = pfm.getByRole('table', { name: /^Kuota per kabupaten\/kota, periode / });
    await expect(table.locator('tbody tr')).toHaveCount(1);
    const row = table.locator('tbody tr').filter({ hasText: KAB });
    await expect(row).toHaveCount(1);
    return row;
  };
  const row = await quotaRow();
  const districtName = await firstLine(row.getByRole('rowheader'));
  expect(districtName).toMatch(/Bandung/i);
  const quotaInput = (r: Locator, program: 'BPNT' | 'PBI') =>
    r.getByRole('textbox', { name: `Kuota ${program} ${districtName}`, exact: true });
  const usedOf = async (r: Locator, program: 'BPNT' | 'PBI') => {
    const cell = r.getByRole('cell').filter({ has: pfm.getByRole('textbox', { name: `Kuota ${program} ${districtName}`, exact: true }) });
    const m = /terpakai ([\d.]+)/.exec(await textOf(cell));
    expect(m, `the ${program} cell shows its use`).toBeTruthy();
    return Number(m![1]!.replace(/\./g, ''));
  };
  const N = await usedOf(row, 'BPNT');
  const M = await usedOf(row, 'PBI');
  expect(N).toBeGreaterThan(2);
  expect(M).toBeGreaterThan(0);
  for (const [program, quota] of [
    ['BPNT', N],
    ['PBI', M],
  ] as const) {
    const input = quotaInput(row, program);
    // The demo quota is above the use (lists at 90 %); equal only when this spec ran before on this server.
    if ((await input.inputValue()) === String(quota)) continue;
    await input.fill(String(quota));
    // Enter saves the cell; the answer is awaited so that the reload below reads it.
    const put = pfm.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/districts/${KAB}/quotas/${program}`));
    await input.press('Enter');
    expect((await put).ok()).toBe(true);
    await expect(quotaInput(row, program)).toHaveValue(String(quota));
  }
  // Kept: after a reload the screen shows the quotas just set.
  await pfm.reload();
  const saved = await quotaRow();
  await expect(quotaInput(saved, 'BPNT')).toHaveValue(String(N));
  await expect(quotaInput(saved, 'PBI')).toHaveValue(String(M));
  await pfmContext.close();

  // F10: the supervisor sees the BPNT list exactly full.
  await login(page, district.supervisor, district.password);
  await expect(page.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();
  await nav(page).getByRole('link', { name: 'Verifikasi & Validasi BSP' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verifikasi & Validasi BSP' })).toBeVisible();
  const quotaFigures = page.getByRole('list', { name: `Kuota ${districtName}` });
  await expect(quotaFigures).toContainText(`Kuota BPNT: terpakai ${fmt(N)} dari ${fmt(N)}`);

  // The top of the waiting list: the household "Ganti" proposes by default.
  await page.getByRole('tab', { name: 'Daftar Tunggu' }).click();
  const waiting = page.getByRole('table', { name: 'Daftar tunggu, urut persentil lalu jumlah anggota rentan' });
  const top = waiting.locator('tbody tr').first();
  await expect(top.getByRole('cell').first()).toHaveText('1');
  const topId = await textOf(top.getByRole('cell').nth(1));
  const topName = await firstLine(top.getByRole('rowheader'));

  // Ganti: one KPM replaced by the top of the waiting list, with a reason.
  await page.getByRole('tab', { name: 'Daftar KPM' }).click();
  const kpmTable = page.getByRole('table', { name: 'KPM BPNT' });
  const active = kpmTable.locator('tbody tr').filter({ has: page.getByRole('button', { name: /^Ganti / }) });
  await expect(active.first()).toBeVisible();
  const idA = await textOf(active.nth(0).getByRole('cell').first());
  const nameA = await firstLine(active.nth(0).getByRole('rowheader'));
  const idB = await textOf(active.nth(1).getByRole('cell').first());
  const nameB = await firstLine(active.nth(1).getByRole('rowheader'));
  const rowA = kpmTable.locator('tbody tr').filter({ hasText: idA });
  const rowB = kpmTable.locator('tbody tr').filter({ hasText: idB });
  await rowA.getByRole('button', { name: /^Ganti / }).click();
  const ganti = page.getByRole('dialog', { name: 'Usulkan penggantian KPM' });
  await expect(ganti).toContainText(`${nameA} (${idA})`);
  const replacementSelect = ganti.getByLabel('Rumah tangga pengganti');
  await expect(replacementSelect).toBeEnabled();
  await expect(replacementSelect.locator('option:checked')).toHaveText(new RegExp(`^1\\. ${reEscape(topName)} – ${reEscape(topId)} `));
  await ganti.getByLabel('Alasan').selectOption('3');
  await ganti.getByRole('button', { name: 'Kirim usulan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Usulan untuk ${nameA} (${idA}) dikirim` })).toBeVisible();

  // Hapus: another KPM removed; the reason is required.
  await rowB.getByRole('button', { name: /^Hapus / }).click();
  const hapus = page.getByRole('dialog', { name: 'Usulkan penghapusan KPM' });
  await expect(hapus).toContainText(`${nameB} (${idB})`);
  await hapus.getByRole('button', { name: 'Kirim usulan' }).click();
  await expect(hapus.getByText('Pilih alasan (1–6).')).toBeVisible();
  await hapus.getByLabel('Alasan').selectOption('2');
  await hapus.getByRole('button', { name: 'Kirim usulan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Usulan untuk ${nameB} (${idB}) dikirim` })).toBeVisible();

  // Both wait in "Usulan"; the replacement is reviewed side by side and approved on its own page.
  await page.getByRole('tab', { name: 'Usulan', exact: true }).click();
  const proposals = page.getByRole('table', { name: 'Usulan BSP' });
  const gantiRow = proposals.locator('tbody tr').filter({ hasText: 'Penggantian KPM' }).filter({ hasText: nameA });
  await expect(gantiRow).toContainText(topId);
  await expect(gantiRow).toContainText('Usulan online');
  await expect(gantiRow).toContainText('Menunggu');
  const hapusRow = proposals.locator('tbody tr').filter({ hasText: 'Penghapusan KPM' }).filter({ hasText: nameB });
  await expect(hapusRow).toContainText('2. Pindah');
  await gantiRow.getByRole('link', { name: /^Periksa/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usulan BSP' })).toBeVisible();
  await expect(page.locator('section', { has: page.getByRole('heading', { name: 'KPM yang diganti' }) })).toContainText(idA);
  await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Rumah tangga pengganti' }) })).toContainText(topId);
  await expect(page.getByText(`terpakai ${fmt(N)} dari ${fmt(N)}`)).toBeVisible();
  await approveOpenProposal(page);
  await expect(page.getByText('Disetujui', { exact: true })).toBeVisible();

  // The removal through "Setujui semua": the count first, then the outcome.
  await page.getByRole('link', { name: 'Kembali ke daftar usulan' }).click();
  await page.getByRole('button', { name: 'Setujui semua' }).click();
  const bulk = page.getByRole('dialog', { name: 'Setujui semua usulan' });
  await expect(bulk.getByText('Setujui 1 usulan?')).toBeVisible();
  await bulk.getByRole('button', { name: 'Setujui', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 usulan disetujui.' })).toBeVisible();
  // A replacement leaves the count as it was, a removal lowers it by one.
  await expect(quotaFigures).toContainText(`Kuota BPNT: terpakai ${fmt(N - 1)} dari ${fmt(N)}`);
  await page.getByRole('tab', { name: 'Daftar KPM' }).click();
  await expect(rowA).toContainText('Nonaktif');
  await expect(rowA).toContainText('3. Mampu/tidak layak');
  await expect(rowB).toContainText('Nonaktif');
  await expect(rowB).toContainText('2. Pindah');
  await page.getByRole('tab', { name: 'Daftar Tunggu' }).click();
  await expect(waiting.locator('tbody tr').first().getByRole('cell').nth(1)).not.toHaveText(topId);

  // F11: PBI at its quota; an addition from the waiting list is refused at approval, naming the quota.
  await nav(page).getByRole('link', { name: 'Verifikasi & Validasi PBI' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verifikasi & Validasi PBI' })).toBeVisible();
  await expect(page.getByRole('list', { name: `Kuota ${districtName}` })).toContainText(`Kuota PBI: terpakai ${fmt(M)} dari ${fmt(M)}`);
  await page.getByRole('tab', { name: 'Daftar Tunggu' }).click();
  const candidate = page
    .getByRole('table', { name: 'Daftar tunggu, urut persentil lalu jumlah anggota rentan' })
    .locator('tbody tr')
    .first();
  const candidateId = await textOf(candidate.getByRole('cell').nth(1));
  await candidate.getByRole('button', { name: /^Usulkan / }).click();
  const usul = page.getByRole('dialog', { name: 'Usulkan sebagai peserta PBI' });
  await expect(usul).toContainText(candidateId);
  await usul.getByRole('button', { name: 'Kirim usulan' }).click();
  await expect(page.getByRole('status').filter({ hasText: /dikirim dan menunggu keputusan di tab Usulan/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Usulan', exact: true }).click();
  const usulRow = page
    .getByRole('table', { name: 'Usulan PBI' })
    .locator('tbody tr')
    .filter({ hasText: 'Usulan peserta PBI baru' })
    .filter({ hasText: 'Menunggu' });
  await expect(usulRow).toHaveCount(1);
  await usulRow.getByRole('link', { name: /^Periksa/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usulan PBI' })).toBeVisible();
  await approveOpenProposal(page);
  await expect(page.getByRole('alert').filter({ hasText: 'Kuota PBI' })).toHaveText(
    `Kuota PBI ${districtName} sudah penuh: ${fmt(M)} dari ${fmt(M)} terpakai.`,
  );
  await expect(page.getByText('Menunggu', { exact: true })).toBeVisible();
  // Left as it is, it would wait for ever: rejected with the reason.
  await page.getByRole('region', { name: 'Keputusan' }).getByRole('button', { name: 'Tolak', exact: true }).click();
  const tolak = page.getByRole('dialog', { name: 'Tolak usulan' });
  await tolak.getByLabel('Alasan').fill(PBI_REJECT_REASON);
  await tolak.getByRole('button', { name: 'Tolak', exact: true }).click();
  await expect(page.getByText('Ditolak', { exact: true })).toBeVisible();
  await expect(page.getByText(PBI_REJECT_REASON)).toBeVisible();

  // F5 and O6: the release after these changes; an operator replaces a KPM offline (BSP_GANTI).
  await nav(page).getByRole('link', { name: 'Kirim MoU' }).click();
  await page.getByRole('button', { name: 'Download Database BDT Rilis' }).click();
  await page.getByLabel('Kata sandi rilis', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Ulangi kata sandi rilis').fill(PASSPHRASE);
  const release = await saveDownload(
    page,
    () => page.getByRole('button', { name: 'Mulai Download' }).click(),
    (n) => testInfo.outputPath(n),
  );
  const rel = await readRelease(release.file, PASSPHRASE);
  const kpmIds = await releaseKpm(release.file, PASSPHRASE);
  // The first kecamatan (by code) with an AKTIF KPM and an AKTIF household that is not one.
  const aktifIn = (kec: string) => rel.households.filter((h) => h.status === 'AKTIF' && String(h.kode_wilayah).startsWith(kec));
  const kecamatan = rel.regions
    .filter((r) => r.level === 'kecamatan')
    .sort((a, b) => String(a.code).localeCompare(String(b.code)))
    .find((r) => {
      const hs = aktifIn(String(r.code));
      return hs.some((h) => kpmIds.has(String(h.idbdt))) && hs.some((h) => !kpmIds.has(String(h.idbdt)));
    })!;
  expect(kecamatan).toBeTruthy();
  const KEC = String(kecamatan.code);
  const offKpm = aktifIn(KEC).find((h) => kpmIds.has(String(h.idbdt)))! as Rec;
  const offReplacement = aktifIn(KEC).find((h) => !kpmIds.has(String(h.idbdt)))! as Rec;
  const opContext = await browser.newContext();
  const op = await opContext.newPage();
  await openOfflineApp(op, opContext);
  await setUpRelease(op, {
    file: release.file,
    passphrase: PASSPHRASE,
    kecamatan: String(kecamatan.name),
    households: rel.households.filter((h) => String(h.kode_wilayah).startsWith(KEC)).length,
    username: 'op.bandung',
    name: 'Asep Sunandar',
  });
  await recordBspGanti(op, { kpm: offKpm, program: 'BPNT', replacement: offReplacement, reason: 5 });
  const bsp = await exportBspPackage(op, (n) => testInfo.outputPath(n));
  expect(bsp.name).toMatch(new RegExp(`^${KEC}_BSP_\\d{4}-\\d{2}-\\d{2}\\.siks$`));
  const bspLine = (await readPackageFile(bsp.file, rel.release.packageKey)).proposals[0]!;

  // F6: Import Data accepts the BSP package: one proposal in, none failed.
  await nav(page).getByRole('link', { name: 'Import Data' }).click();
  await page
    .getByLabel('Pilih berkas .siks')
    .setInputFiles({ name: bsp.name, mimeType: 'application/octet-stream', buffer: fs.readFileSync(bsp.file) });
  // Newest first: a run of this spec before, on the same server and day, left a package of that name.
  const card = page.getByRole('article', { name: bsp.name }).first();
  await expect(card.getByText('Diterima', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(card).toContainText('Modul BSP (KPM BPNT/Rastra)');
  await expect(card).toContainText('Operator: op.bandung');
  await expect(countOf(card, 'Usulan masuk')).toHaveText('1');
  await expect(countOf(card, 'Gagal validasi')).toHaveText('0');

  // F10: reviewed from the import (side by side) and approved; quota-neutral.
  await card.getByRole('link', { name: /^Lihat usulan/ }).click();
  const fromPackage = page
    .getByRole('table', { name: 'Usulan BSP' })
    .locator('tbody tr')
    .filter({ hasText: formatIdbdt(String(offReplacement.idbdt)) });
  await expect(fromPackage).toContainText('Paket offline');
  await expect(fromPackage).toContainText('op.bandung');
  await expect(fromPackage).toContainText('5. Tidak ditemukan');
  await fromPackage.getByRole('link', { name: /^Periksa/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usulan BSP' })).toBeVisible();
  await expect(page.locator('section', { has: page.getByRole('heading', { name: 'KPM yang diganti' }) })).toContainText(
    formatIdbdt(String(offKpm.idbdt)),
  );
  await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Rumah tangga pengganti' }) })).toContainText(
    formatIdbdt(String(offReplacement.idbdt)),
  );
  await expect(page.getByText(bsp.name)).toBeVisible();
  await approveOpenProposal(page);
  await expect(page.getByText('Disetujui', { exact: true })).toBeVisible();
  await expect(page.getByText(`terpakai ${fmt(N - 1)} dari ${fmt(N)}`)).toBeVisible();

  // The feedback (.siksfb) from the import, opened on the operator's device (still offline).
  await nav(page).getByRole('link', { name: 'Import Data' }).click();
  const feedback = await saveDownload(
    page,
    () =>
      page
        .getByRole('button', { name: `Unduh umpan balik ${bsp.name}` })
        .first()
        .click(),
    (n) => testInfo.outputPath(n),
  );
  expect(feedback.name).toMatch(/\.siksfb$/);
  await op.getByRole('link', { name: 'Umpan Balik' }).click();
  await op.getByLabel('Berkas umpan balik (.siksfb)').setInputFiles(feedback.file);
  await op.getByRole('button', { name: 'Buka umpan balik' }).click();
  await expect(op.getByText(`Umpan balik untuk paket ${bsp.name}: 1 keputusan, 1 cocok`)).toBeVisible();
  await expect(op.locator(`tr[data-proposal="${String(bspLine.proposalId)}"]`)).toContainText('Disetujui');
  await opContext.close();

  // F4: the letter profile of the district (the Berita Acara is signed like the Surat Pengesahan).
  await page.locator('.user-menu-button').click();
  await page.getByRole('link', { name: 'Profil', exact: true }).click();
  const instansi = page.locator('section', { has: page.getByRole('heading', { name: 'Profil Instansi' }) });
  await instansi.getByLabel('Nama Instansi').fill('Dinas Sosial Kota Bandung');
  await instansi.getByLabel('Alamat').fill('Jl. Babakan Karet No. 1');
  await instansi.getByLabel('Nomor Telepon').fill('022 5201-567');
  await instansi.getByLabel('Nama Kepala Dinas').fill('Drs. Dedi Supriadi');
  await instansi.getByLabel('NIP Kepala Dinas').fill('196803121992031004');
  await instansi.getByLabel('Nama Bupati/Wali Kota').fill('Wali Kota Bandung');
  await instansi.getByRole('button', { name: 'Submit' }).click();
  await expect(instansi.getByText('Profil Instansi berhasil disimpan.')).toBeVisible();
  const pengesahan = page.locator('section', { has: page.getByRole('heading', { name: 'Profil Pengesahan' }) });
  await pengesahan.getByLabel('Sama dengan Kepala Dinas?').check();
  await pengesahan.getByRole('button', { name: 'Submit' }).click();
  await expect(pengesahan.getByText('Profil Pengesahan berhasil disimpan.')).toBeVisible();

  // F10 finalisation: module BSP, nothing waiting; the list changes against the quota, then the Berita Acara.
  await nav(page).getByRole('link', { name: 'Finalisasi', exact: true }).click();
  await page.getByRole('tab', { name: 'BSP (BPNT/Rastra)' }).click();
  await expect(page.getByRole('heading', { name: /^Pratinjau Finalisasi ke-\d+$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Usulan yang masih menunggu' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Profil belum lengkap' })).toHaveCount(0);
  const bpnt = page
    .getByRole('table', { name: 'Perubahan daftar, jumlah aktif dan kuota per program' })
    .getByRole('row', { name: /^BPNT/ });
  // BPNT: 2 in (replacements), 1 out, 2 replaced, 0 data changes, N-1 AKTIF, quota N.
  await expect(bpnt.getByRole('cell')).toHaveText(['2', '1', '2', '0', fmt(N - 1), fmt(N)]);
  await page.getByRole('button', { name: 'Lakukan Finalisasi' }).click();
  await page
    .getByRole('dialog', { name: /^Finalisasi ke-\d+$/ })
    .getByRole('button', { name: 'Ya, lakukan Finalisasi' })
    .click();
  await expect(page.getByRole('heading', { name: /^Finalisasi ke-\d+ berhasil$/ })).toBeVisible();
  const resultText = await textOf(page.getByRole('status').filter({ hasText: 'Nomor Berita Acara:' }));
  expect(resultText).toMatch(/^Finalisasi BSP ke-\d+ periode .+ telah dilakukan untuk 3 usulan\./);
  const letterNumber = /Nomor Berita Acara: (.+)\.$/.exec(resultText.trim())?.[1];
  expect(letterNumber).toMatch(new RegExp(`^\\d+/BA-BSP/${KAB}/`));
  const dataHash = await textOf(page.locator('.fin-hash code'));
  expect(dataHash).toMatch(/^[0-9a-f]{64}$/);

  // The Berita Acara: a PDF whose link (the QR code's target) is the public check with the data hash.
  const { verifyUrl, text } = await downloadLetter(page, 'Unduh Berita Acara', dataHash, (n) => testInfo.outputPath(n));
  expect(text).toMatch(/BERITA ACARA/i);
  expect(text).toContain(letterNumber!);
  expect(text).toMatch(/BANDUNG/i);
  expect(text).toContain(dataHash);

  // The public check, without a session: a genuine Berita Acara of this finalisation.
  const publicContext = await browser.newContext();
  const visitor = await publicContext.newPage();
  await visitor.goto(verifyUrl.pathname + verifyUrl.search);
  await expect(visitor.getByText('Berita Acara ini ASLI')).toBeVisible();
  await expect(visitor.getByText(/kode verifikasi pada surat SAMA/)).toBeVisible();
  await expect(visitor.getByText(letterNumber!, { exact: true })).toBeVisible();
  await expect(visitor.getByText('Berita Acara Daftar KPM Perubahan (BSP)')).toBeVisible();
  await expect(
    visitor.getByText('3 usulan; 3 disetujui, 0 ditolak; 2 KPM masuk, 1 keluar, 2 diganti, 0 ubah data', { exact: true }),
  ).toBeVisible();
  await expect(visitor.getByText(/BANDUNG/i).first()).toBeVisible();
  await publicContext.close();
});

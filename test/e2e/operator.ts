import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { packageKeyProvider, passphraseKeyProvider, readFile } from '../../src/server/platform/siks-node.ts';
import { formatIdbdt } from '../../src/shared/codes.ts';
import { makeNik } from '../../src/shared/nik.ts';
import { districtDate } from '../../src/shared/time-zones.ts';
import type { PackageHeader, ReleaseHeader, ReleaseJson } from '../../src/shared/siks/index.ts';

// Steps of the offline operator shared by the journeys that start from a real release downloaded
// from /mou (field-loop, verval), and the codec reads of what the browser downloaded. The
// accessible names are those of the offline app (src/offline/**), as in offline.spec.ts.

export type Rec = Record<string, unknown>;

/** Today in Jakarta (WIB), the date the offline app in the journeys' browser (Asia/Jakarta) writes. */
export const JAKARTA_TODAY = districtDate('31', new Date());

export interface DecodedRelease {
  header: ReleaseHeader;
  release: ReleaseJson;
  regions: Rec[];
  households: Rec[];
  members: Rec[];
  /** kpm.ndjson and pbi.ndjson rows (to choose a KPM and an eligible replacement, O6). */
  kpm: Rec[];
  pbi: Rec[];
}

/** Opens a downloaded `.siksdb` with its passphrase (the codec's Node reader) and reads it whole. */
export async function readRelease(file: string, passphrase: string): Promise<DecodedRelease> {
  const reader = await readFile(file, passphraseKeyProvider(passphrase), { kind: 'release' });
  try {
    const all = async (it: AsyncIterable<Rec>) => {
      const out: Rec[] = [];
      for await (const r of it) out.push(r);
      return out;
    };
    return {
      header: reader.header,
      release: reader.release,
      regions: await all(reader.regions()),
      households: await all(reader.households()),
      members: await all(reader.members()),
      kpm: await all(reader.kpm()),
      pbi: await all(reader.pbi()),
    };
  } finally {
    await reader.dispose();
  }
}

/** Opens a `.siks` package with a release's packageKey (base64, as in release.json) and reads it whole. */
export async function readPackageFile(
  file: string,
  packageKey: string,
): Promise<{ header: PackageHeader; proposals: Rec[]; media: readonly unknown[] }> {
  const reader = await readFile(
    file,
    packageKeyProvider<'package'>(() => packageKey),
    { kind: 'package' },
  );
  try {
    const proposals: Rec[] = [];
    for await (const p of reader.proposals()) proposals.push(p);
    return { header: reader.header, proposals, media: reader.mediaList };
  } finally {
    await reader.dispose();
  }
}

/** The input or select of a dictionary field in the offline editor. */
export const field = (scope: Locator | Page, name: string) => scope.locator(`[data-field="${name}"]`).locator('input, select').first();

/** Loads /offline/ once online (the service worker caches the app shell), then cuts the network. */
export async function openOfflineApp(page: Page, context: BrowserContext) {
  await page.goto('/offline/');
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Inisiasi Awal Kecamatan/Desa' })).toBeVisible();
}

/** O1: opens the release with its passphrase, chooses one kecamatan and the operator, stores. */
export async function setUpRelease(
  page: Page,
  o: { file: string; passphrase: string; kecamatan: string; households: number; username: string; name: string },
) {
  await page.getByLabel('Berkas rilis (.siksdb)').setInputFiles(o.file);
  await page.getByLabel('Kata sandi rilis').fill(o.passphrase);
  await page.getByRole('button', { name: 'Buka Rilis' }).click();
  await expect(page.getByRole('group', { name: 'Wilayah kerja perangkat ini' })).toBeVisible({ timeout: 90_000 });
  // "Kecamatan Serpong (36.74.01)", not "Kecamatan Serpong Utara (…)": the name ends at the code.
  await page.getByLabel(new RegExp(`^Kecamatan ${o.kecamatan} \\(`, 'i')).check();
  const n = o.households.toLocaleString('id-ID');
  await expect(page.getByText(`${n} rumah tangga dalam wilayah yang dipilih.`)).toBeVisible();
  await page.getByLabel('Nama pengguna operator').fill(o.username);
  await page.getByLabel('Nama lengkap operator').fill(o.name);
  await page.getByRole('button', { name: 'Simpan ke perangkat ini' }).click();
  await expect(page.getByTestId('result-count')).toContainText(`${n} rumah tangga ditemukan`, { timeout: 90_000 });
}

/** The member's region in the household editor: members are listed in idartbdt order. */
export function memberRegion(page: Page, members: Rec[], member: Rec) {
  const order = members.map((m) => String(m.idartbdt)).sort();
  return page.getByRole('region', {
    name: `Anggota ${order.indexOf(String(member.idartbdt)) + 1}: ${String(member.nama)}`,
    exact: true,
  });
}

/** O3/O4: "Ditemukan" with a new `lantai` and, optionally, a member recorded as deceased. */
export async function recordCorrection(page: Page, o: { household: Rec; members: Rec[]; lantai: number; dies?: Rec }) {
  await page.goto(`/offline/#/rt/${String(o.household.idbdt)}`);
  await page.getByLabel('Hasil verval').selectOption('1');
  await page.getByLabel('Jenis lantai terluas').selectOption(String(o.lantai));
  await expect(page.locator('[data-field="lantai"]')).toContainText('semula:');
  if (o.dies) await field(memberRegion(page, o.members, o.dies), 'sta_keberadaan_art').selectOption('2');
  await expect(page.getByText('Tidak ada kesalahan.')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
}

/** O3: GANDA of another AKTIF household of the district. */
export async function recordGanda(page: Page, o: { household: Rec; original: Rec }) {
  await page.goto(`/offline/#/rt/${String(o.household.idbdt)}`);
  await page.getByLabel('Hasil verval').selectOption('6');
  await page.getByLabel('IDBDT rumah tangga asli (ganda dengan)').fill(String(o.original.idbdt));
  await expect(page.getByText('Tidak ada kesalahan.')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
}

export interface NewHousehold {
  desa: string;
  alamat: string;
  nama: string;
  nik: string;
  noKk: string;
}

/** A new household in a desa of the scope with its head (born 1985-03-02), as the field form asks. */
export function newHousehold(desa: string, nama: string, serial: number): NewHousehold {
  return {
    desa,
    alamat: `Jl. Percobaan No. ${serial % 100}`,
    nama,
    nik: makeNik({ regionPrefix6: desa.slice(0, 6), birthDate: '1985-03-02', sex: 1, serial }),
    noKk: `${desa.slice(0, 6)}1203200007`,
  };
}

/** O5: usulan baru with its head of household. */
export async function addUsulanBaru(page: Page, h: NewHousehold) {
  await page.getByRole('link', { name: 'Usulan Baru', exact: true }).click();
  await page.getByRole('link', { name: 'Tambah usulan baru' }).click();
  await field(page, 'kode_wilayah').selectOption(h.desa);
  await field(page, 'alamat').fill(h.alamat);
  await page.getByRole('button', { name: /Isi "Tidak"/ }).click();
  for (const f of [
    'sta_bangunan',
    'sta_lahan',
    'dinding',
    'kondisi_dinding',
    'atap',
    'kondisi_atap',
    'sumber_airminum',
    'cara_peroleh_airminum',
    'sumber_penerangan',
    'daya',
    'bb_masak',
    'fasbab',
    'kloset',
    'buang_tinja',
  ]) {
    await field(page, f).selectOption('1');
  }
  await field(page, 'lantai').selectOption('9');
  await field(page, 'luas_lantai').fill('24,5');
  for (const f of ['jumlah_kamar', 'jumlah_sapi', 'jumlah_kerbau', 'jumlah_kuda', 'jumlah_babi', 'jumlah_kambing'])
    await field(page, f).fill(f === 'jumlah_kamar' ? '1' : '0');
  const head = page.getByRole('region', { name: /Anggota 1/ });
  await field(head, 'nik').fill(h.nik);
  await field(head, 'no_kk').fill(h.noKk);
  await field(head, 'nama').fill(h.nama);
  await field(head, 'jenis_kelamin').selectOption('1');
  await field(head, 'tanggal_lahir').fill('1985-03-02');
  await field(head, 'sta_kawin').selectOption('1');
  await field(head, 'ada_dikk').selectOption('true');
  await field(head, 'jenis_cacat').selectOption('0');
  await field(head, 'penyakit_kronis').selectOption('0');
  await field(head, 'partisipasi_sekolah').selectOption('0');
  await field(head, 'ijazah_tertinggi').selectOption('0');
  await field(head, 'sta_bekerja').selectOption('false');
  await expect(page.getByText('Tidak ada kesalahan.')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('heading', { name: `Usulan Baru: ${h.nama}` })).toBeVisible();
}

/** O7: "Ekspor paket (.siks)"; returns where the download was saved and its name. */
export async function exportPackage(page: Page, outputPath: (name: string) => string) {
  await page.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor paket (.siks)' }).click()]);
  const file = outputPath(`${randomUUID()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: /Paket .* telah dibuat/ })).toBeVisible();
  return { file, name: download.suggestedFilename() };
}

/** Clicks what starts a browser download and saves it under the test's output directory. */
export async function saveDownload(page: Page, start: () => Promise<unknown>, outputPath: (name: string) => string) {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const file = outputPath(`${randomUUID()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { file, name: download.suggestedFilename() };
}

/**
 * A KPM household of the programme and an eligible replacement (AKTIF, no KPM of the programme),
 * both in the kecamatan, from a decoded release: the subjects of recordBspGanti.
 */
export function bspGantiPair(rel: DecodedRelease, program: 'BPNT' | 'RASTRA', kecamatan: string): { kpm: Rec; replacement: Rec } {
  const aktifKpm = new Set(rel.kpm.filter((k) => k.program === program && k.status === 'AKTIF').map((k) => String(k.idbdt)));
  const inKec = rel.households.filter((h) => String(h.kode_wilayah).startsWith(kecamatan) && h.status !== 'NONAKTIF');
  const kpm = inKec.find((h) => aktifKpm.has(String(h.idbdt)));
  const replacement = inKec.find((h) => !aktifKpm.has(String(h.idbdt)));
  if (!kpm || !replacement) throw new Error(`no ${program} KPM and eligible replacement in kecamatan ${kecamatan}`);
  return { kpm, replacement };
}

/**
 * O6: on the household page of a KPM, "Usulkan perubahan KPM" of the programme, then a BSP_GANTI
 * whose replacement is chosen through the candidate search (eligible households of the scope),
 * with a reason (1–6), recorded as a draft.
 */
export async function recordBspGanti(page: Page, o: { kpm: Rec; program: 'BPNT' | 'RASTRA'; replacement: Rec; reason: number }) {
  const replacement = String(o.replacement.idbdt);
  await page.goto(`/offline/#/rt/${String(o.kpm.idbdt)}`);
  await page
    .getByTestId('programmes')
    .locator(`tr[data-program="${o.program}"]`)
    .getByRole('link', { name: 'Usulkan perubahan KPM' })
    .click();
  await expect(page.getByRole('heading', { name: new RegExp(`^Usulan BSP ${o.program}: `) })).toBeVisible();
  await page.getByLabel('Jenis usulan').selectOption('BSP_GANTI');
  await page.getByLabel('Cari calon pengganti (nama atau IDBDT)').fill(replacement);
  // The candidate list writes the IDBDT dotted, like every screen (shared/codes.ts).
  await page
    .getByRole('listitem')
    .filter({ hasText: formatIdbdt(replacement) })
    .getByRole('button', { name: 'Pilih' })
    .click();
  await expect(page.getByLabel('IDBDT rumah tangga pengganti')).toHaveValue(replacement);
  await page.getByLabel('Alasan').selectOption(String(o.reason));
  await expect(page.getByText('Tidak ada kesalahan.')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
}

/**
 * O7 with programme proposals pending: "Ekspor paket (.siks)" writes one package per module; the
 * BSP one is saved from the export history ("Unduh lagi" of the newest `_BSP_` file).
 */
export async function exportBspPackage(page: Page, outputPath: (name: string) => string) {
  await page.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  await page.getByRole('button', { name: 'Ekspor paket (.siks)' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Paket .* telah dibuat/ })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: /_BSP_/ }).first();
  return saveDownload(page, () => row.getByRole('button', { name: 'Unduh lagi' }).click(), outputPath);
}

/**
 * Downloads a letter PDF with the button `buttonName` and reads it: its link (the QR code's
 * target) must be the public check carrying `dataHash`; its text comes from pdftotext (poppler-utils,
 * installed by .ci/run), and the journey fails with what to install when it is missing.
 */
export async function downloadLetter(page: Page, buttonName: string, dataHash: string, outputPath: (name: string) => string) {
  const letter = await saveDownload(page, () => page.getByRole('button', { name: buttonName }).click(), outputPath);
  const pdf = fs.readFileSync(letter.file);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const link = /\/URI \((https?:\/\/[^)]+\/verifikasi\/[^)?]+\?hash=[0-9a-f]{64})\)/.exec(pdf.toString('latin1'))?.[1];
  expect(link).toBeTruthy();
  const verifyUrl = new URL(link!);
  expect(verifyUrl.searchParams.get('hash')).toBe(dataHash);
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('pdftotext is missing: install it (apt-get install -y poppler-utils) to read the letter');
  }
  const text = execFileSync('pdftotext', ['-layout', letter.file, '-'], { encoding: 'utf8' });
  return { file: letter.file, verifyUrl, text };
}

/** F5: "Download Database BDT Rilis" from Kirim MoU as a supervisor, sealed with `passphrase`; the file and its content. */
export async function downloadRelease(page: Page, passphrase: string, outputPath: (name: string) => string) {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kirim MoU' }).click();
  await page.getByRole('button', { name: 'Download Database BDT Rilis' }).click();
  await page.getByLabel('Kata sandi rilis', { exact: true }).fill(passphrase);
  await page.getByLabel('Ulangi kata sandi rilis').fill(passphrase);
  const { file } = await saveDownload(page, () => page.getByRole('button', { name: 'Mulai Download' }).click(), outputPath);
  const rel = await readRelease(file, passphrase);
  return { file, rel, ref: { id: rel.release.releaseId, packageKey: Buffer.from(rel.release.packageKey, 'base64') } };
}

/** F6: a .siks file through Import Data, waited for until accepted; returns its card. */
export async function importPackageFile(page: Page, file: string, name: string) {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Import Data' }).click();
  await page.getByLabel('Pilih berkas .siks').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: fs.readFileSync(file) });
  const card = page.getByRole('article', { name });
  await expect(card.getByText('Diterima', { exact: true })).toBeVisible({ timeout: 60_000 });
  return card;
}

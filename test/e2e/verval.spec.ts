import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatIdbdt } from '../../src/shared/codes.ts';
import fs from 'node:fs';
import { proposalViolations } from '../../src/offline/lib/format-check.ts';
import { validateHouseholdRecord } from '../../src/shared/rules/index.ts';
import { buildPackage, perbaikan } from '../support/packages.ts';
import { login, specDistrict } from './support.ts';
import {
  JAKARTA_TODAY,
  addUsulanBaru,
  downloadLetter,
  exportPackage,
  newHousehold,
  openOfflineApp,
  readPackageFile,
  readRelease,
  recordCorrection,
  saveDownload,
  setUpRelease,
  type Rec,
} from './operator.ts';

// Verval BDT online (F6–F8) for Jakarta Utara, a district of this spec alone (seeded through the
// CLI with an approved MoU): a release is downloaded from /mou and set up in the offline app; the operator's package (a correction, a new household) is imported and
// the correction approved. A second package, made with the test codec from the same release,
// brings a stale proposal for that same household (a conflict), one with an invalid NIK (R3) and
// three valid ones. The valid ones are approved in bulk (the conflict is left out and confirmed on
// its own), the new household is rejected with a reason, and the period is finalised. The letter
// is downloaded and checked at its public /verifikasi address; the first package's feedback is
// opened in the offline app, which shows the supervisor's decisions.

const KAB = '3172';
const PASSPHRASE = 'sandi rilis verval jakarta utara 2026';
const REJECT_REASON = 'Rumah tangga tidak ditemukan di alamat pada musyawarah desa';

/** The figure of an import card's counts, e.g. "Usulan masuk". */
const countOf = (card: Locator, label: string) =>
  card
    .locator('.import-counts > div')
    .filter({ has: card.page().getByText(label, { exact: true }) })
    .locator('dd');

/** Chooses .siks files on /import and waits until the import is accepted; returns its card. */
async function importPackage(page: Page, file: string, name: string) {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Import Data' }).click();
  await page.getByLabel('Pilih berkas .siks').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: fs.readFileSync(file) });
  const card = page.getByRole('article', { name });
  await expect(card.getByText('Diterima', { exact: true })).toBeVisible({ timeout: 60_000 });
  return card;
}

test('verval: import, approve, a conflict and an invalid NIK, bulk approval, rejection, finalisation, letter, feedback offline', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const district = specDistrict(KAB, { households: 400, seed: 21, mou: true });
  await login(page, district.supervisor, district.password);
  await expect(page.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });

  // F5: the release through the UI (the district's MoU is approved).
  await nav.getByRole('link', { name: 'Kirim MoU' }).click();
  await page.getByRole('button', { name: 'Download Database BDT Rilis' }).click();
  await page.getByLabel('Kata sandi rilis', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Ulangi kata sandi rilis').fill(PASSPHRASE);
  const release = await saveDownload(
    page,
    () => page.getByRole('button', { name: 'Mulai Download' }).click(),
    (n) => testInfo.outputPath(n),
  );
  const rel = await readRelease(release.file, PASSPHRASE);
  const releaseRef = { id: rel.release.releaseId, packageKey: Buffer.from(rel.release.packageKey, 'base64') };

  // Households of one kecamatan from the release, each with a role in the journey: ones with a
  // member besides the head and without a demo data mistake (an error already there would make
  // the planted NIK error a mere warning). The first kecamatan (by code) with five of them.
  const membersOf = (idbdt: unknown) => rel.members.filter((m) => m.idbdt === idbdt);
  const usableIn = (kec: string) => (h: Rec) =>
    h.status === 'AKTIF' &&
    String(h.kode_wilayah).startsWith(kec) &&
    membersOf(h.idbdt).some((m) => m.hub_krt !== 1) &&
    validateHouseholdRecord({ household: h, members: membersOf(h.idbdt) }, { checkDate: JAKARTA_TODAY }).errors.length === 0;
  const kecamatan = rel.regions
    .filter((r) => r.level === 'kecamatan')
    .sort((a, b) => String(a.code).localeCompare(String(b.code)))
    .find((r) => rel.households.filter(usableIn(String(r.code))).length >= 5)!;
  const KEC = String(kecamatan.code);
  const [corrected, badNik, ...valid] = rel.households.filter(usableIn(KEC)).slice(0, 5) as [Rec, Rec, Rec, Rec, Rec];
  const lantaiAfter = (h: Rec, step = 1) => ((Number(h.lantai) + step - 1) % 10) + 1;
  const kecDesa = new Set(rel.regions.filter((r) => r.level === 'desa' && String(r.code).startsWith(KEC)).map((r) => String(r.code)));
  const baru = newHousehold([...kecDesa].sort()[1] ?? [...kecDesa][0]!, 'Joko Susilo', 5151);

  // O1–O7: the operator sets up the kecamatan from this release and exports a correction and a new household.
  const opContext = await browser.newContext();
  const op = await opContext.newPage();
  await openOfflineApp(op, opContext);
  const inScope = rel.households.filter((h) => String(h.kode_wilayah).startsWith(KEC)).length;
  await setUpRelease(op, {
    file: release.file,
    passphrase: PASSPHRASE,
    kecamatan: String(kecamatan.name),
    households: inScope,
    username: 'op.jakut',
    name: 'Rina Marlina',
  });
  await recordCorrection(op, {
    household: corrected,
    members: membersOf(corrected.idbdt),
    lantai: lantaiAfter(corrected),
  });
  await addUsulanBaru(op, baru);
  const first = await exportPackage(op, (n) => testInfo.outputPath(n));
  const firstPkg = await readPackageFile(first.file, rel.release.packageKey);
  const pCorrected = firstPkg.proposals.find((p) => p.type === 'PERBAIKAN')!;
  const pBaru = firstPkg.proposals.find((p) => p.type === 'USULAN_BARU')!;

  // F6: the offline app's package is accepted: two proposals in, nothing failed, no conflict.
  const firstCard = await importPackage(page, first.file, first.name);
  await expect(countOf(firstCard, 'Usulan masuk')).toHaveText('2');
  await expect(countOf(firstCard, 'Gagal validasi')).toHaveText('0');
  await expect(countOf(firstCard, 'Konflik')).toHaveText('0');
  await expect(firstCard).toContainText('Operator: op.jakut');

  // F7: the correction is opened from the import and approved on its own page.
  await firstCard.getByRole('link', { name: /^Lihat usulan/ }).click();
  await page
    .getByRole('row', { name: new RegExp(formatIdbdt(String(corrected.idbdt))) })
    .getByRole('link', { name: /^Periksa/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /^Perbaikan Data: / })).toBeVisible();
  await expect(page.getByRole('row', { name: /lantai/i }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Setujui', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /disetujui\. Tidak ada lagi usulan menunggu/ })).toBeVisible();

  // A second package from the same release (the test codec): the approved household again at its
  // release version (stale now), a member NIK that cannot be (R3), and three valid corrections.
  const verval = { result: 1, duplicateOf: null, mergeInto: null, visitedAt: JAKARTA_TODAY, musdesAt: null, note: '' };
  const now = new Date().toISOString();
  const at = (h: Rec) => ({ idbdt: String(h.idbdt), version: Number(h.version) });
  const badMember = membersOf(badNik.idbdt).find((m) => m.hub_krt !== 1)!;
  const stale = perbaikan(at(corrected), { verval, household: { lantai: lantaiAfter(corrected, 2) }, createdAt: now });
  const invalid = perbaikan(at(badNik), {
    verval,
    household: {},
    members: [
      {
        op: 'update',
        idartbdt: badMember.idartbdt,
        baseVersion: badMember.version,
        fields: { nik: `${KEC}0000000000` },
      },
    ],
    createdAt: now,
  });
  const goods = valid.map((h) => perbaikan(at(h), { verval, household: { lantai: lantaiAfter(h) }, createdAt: now }));
  const second = await buildPackage({
    release: releaseRef,
    kab: KAB,
    period: rel.release.period,
    scope: [KEC],
    proposals: [stale, invalid, ...goods],
    operator: { username: 'op.jakut', name: 'Rina Marlina' },
  });
  const secondFile = testInfo.outputPath('paket-kedua.siks');
  fs.writeFileSync(secondFile, second.bytes);
  // Well-formed by the format page: what fails below is a rule of the dictionary, not the format.
  const aktifIds = new Set(rel.households.filter((h) => h.status === 'AKTIF').map((h) => String(h.idbdt)));
  const violations = (p: Rec) => proposalViolations(p, { isAktif: (id) => aktifIds.has(id), scopeDesa: kecDesa });
  for (const p of [...firstPkg.proposals, stale, ...goods]) expect(violations(p as Rec)).toEqual([]);
  // The planted NIK is all that may be wrong with its line (R3, if the format check reads NIKs).
  expect(violations(invalid as Rec).filter((v) => !/\(R3\)$/.test(v))).toEqual([]);

  // F6: four in (the stale one among them, as a conflict), one failed with the NIK error.
  const secondCard = await importPackage(page, secondFile, 'paket-kedua.siks');
  await expect(countOf(secondCard, 'Usulan masuk')).toHaveText('4');
  await expect(countOf(secondCard, 'Gagal validasi')).toHaveText('1');
  await expect(countOf(secondCard, 'Duplikat')).toHaveText('0');
  await expect(countOf(secondCard, 'Konflik')).toHaveText('1');
  await expect(countOf(secondCard, 'Jumlah usulan dalam paket')).toHaveText('5');
  await secondCard.getByRole('link', { name: /^Lihat 1 usulan gagal validasi/ }).click();
  const failed = page.getByRole('table', { name: 'Kesalahan usulan pada baris 2' });
  await expect(failed.getByRole('row', { name: /R3/ })).toContainText('members[0].fields.nik');

  // F7 bulk: "Setujui semua" counts first and leaves the conflict out, to be confirmed on its own.
  await nav.getByRole('link', { name: 'Verifikasi Usulan' }).click();
  await expect(page.getByRole('tab', { name: /Perbaikan Data/, selected: true })).toBeVisible();
  await page.getByRole('button', { name: 'Setujui semua' }).click();
  const bulk = page.getByRole('dialog', { name: 'Setujui semua usulan' });
  await expect(bulk.getByText('Setujui 3 usulan?')).toBeVisible();
  await expect(bulk).toContainText('1 usulan berkonflik tidak ikut disetujui');
  await bulk.getByRole('button', { name: 'Setujui', exact: true }).click();
  const outcome = page.getByRole('status').filter({ hasText: '3 usulan disetujui.' });
  await expect(outcome).toContainText('1 usulan berkonflik dilewati');
  await outcome.getByRole('link', { name: 'Tampilkan usulan berkonflik' }).click();
  // Only the stale proposal is left (the list before held the approved one of that household too).
  const conflictRow = page.getByRole('row', { name: new RegExp(formatIdbdt(String(corrected.idbdt))) });
  await expect(conflictRow).toHaveCount(1);
  await expect(conflictRow).toContainText('paket-kedua.siks');
  await conflictRow.getByRole('link', { name: /^Periksa/ }).click();
  await expect(page.getByRole('heading', { name: 'Konflik data' })).toBeVisible();
  await expect(page.getByText('Isian yang berubah sejak rilis:')).toBeVisible();
  await page.getByRole('button', { name: 'Setujui', exact: true }).click();
  const conflict = page.getByRole('dialog', { name: 'Konflik data' });
  await expect(conflict).toContainText('Tetap setujui?');
  await conflict.getByRole('button', { name: 'Tetap setujui' }).click();
  await expect(page.getByRole('status').filter({ hasText: /disetujui\./ })).toBeVisible();

  // F7: the new household is rejected, with the reason the operator will read.
  await nav.getByRole('link', { name: 'Verifikasi Usulan' }).click();
  await page.getByRole('tab', { name: /Usulan Baru/ }).click();
  await page.getByRole('link', { name: `Periksa usulan ${baru.nama}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Usulan Baru: ${baru.nama}` })).toBeVisible();
  await page.getByRole('button', { name: 'Tolak', exact: true }).click();
  await expect(page.getByText('Alasan wajib diisi.')).toBeVisible();
  await page.getByLabel('Alasan', { exact: true }).fill(REJECT_REASON);
  await page.getByRole('button', { name: 'Tolak', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Usulan ${baru.nama} ditolak.` })).toBeVisible();

  // F4: the letter is printed from Profil Instansi and Profil Pengesahan.
  await page.locator('.user-menu-button').click();
  await page.getByRole('link', { name: 'Profil', exact: true }).click();
  const instansi = page.locator('section', { has: page.getByRole('heading', { name: 'Profil Instansi' }) });
  await instansi.getByLabel('Nama Instansi').fill('Dinas Sosial Kota Administrasi Jakarta Utara');
  await instansi.getByLabel('Alamat').fill('Jl. Yos Sudarso No. 27');
  await instansi.getByLabel('Nomor Telepon').fill('021 7397-212');
  await instansi.getByLabel('Nama Kepala Dinas').fill('Drs. Budi Santoso');
  await instansi.getByLabel('NIP Kepala Dinas').fill('196501011990031001');
  await instansi.getByLabel('Nama Bupati/Wali Kota').fill('Wali Kota Jakarta Utara');
  await instansi.getByRole('button', { name: 'Submit' }).click();
  await expect(instansi.getByText('Profil Instansi berhasil disimpan.')).toBeVisible();
  const pengesahan = page.locator('section', { has: page.getByRole('heading', { name: 'Profil Pengesahan' }) });
  await pengesahan.getByLabel('Sama dengan Kepala Dinas?').uncheck();
  await pengesahan.getByLabel('Nama', { exact: true }).fill('Hj. Siti Aminah');
  await pengesahan.getByLabel('NIP', { exact: true }).fill('197203152000122002');
  await pengesahan.getByRole('button', { name: 'Submit' }).click();
  await expect(pengesahan.getByText('Profil Pengesahan berhasil disimpan.')).toBeVisible();

  // F8: nothing waits any more; the finalisation freezes the decisions and issues the letter.
  await nav.getByRole('link', { name: 'Finalisasi', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pratinjau Finalisasi ke-1' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Usulan yang masih menunggu' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Profil belum lengkap' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Lakukan Finalisasi' }).click();
  await page.getByRole('dialog', { name: 'Finalisasi ke-1' }).getByRole('button', { name: 'Ya, lakukan Finalisasi' }).click();
  await expect(page.getByRole('heading', { name: 'Finalisasi ke-1 berhasil' })).toBeVisible();
  const resultText = await page.getByRole('status').filter({ hasText: 'Nomor Surat Pengesahan:' }).innerText();
  const letterNumber = /Nomor Surat Pengesahan: (.+)\.$/.exec(resultText.trim())?.[1];
  expect(letterNumber).toBeTruthy();
  const dataHash = (await page.locator('.fin-hash code').innerText()).trim();
  expect(dataHash).toMatch(/^[0-9a-f]{64}$/);

  // The letter: a PDF whose text names the number and the district, and whose link (the QR
  // code's target) is the public check with the data hash.
  const { verifyUrl, text } = await downloadLetter(page, 'Unduh Surat Pengesahan', dataHash, (n) => testInfo.outputPath(n));
  expect(text).toContain(letterNumber!);
  expect(text).toMatch(/JAKARTA UTARA/i);
  expect(text).toContain(dataHash);
  expect(text.replace(/\s+/g, '')).toContain(`${verifyUrl.origin}${verifyUrl.pathname}`);

  // The public check, without a session: genuine and matching; a different code does not match.
  const publicContext = await browser.newContext();
  const visitor = await publicContext.newPage();
  await visitor.goto(verifyUrl.pathname + verifyUrl.search);
  await expect(visitor.getByText('Surat Pengesahan ini ASLI')).toBeVisible();
  await expect(visitor.getByText(/kode verifikasi pada surat SAMA/)).toBeVisible();
  await expect(visitor.getByText(letterNumber!, { exact: true })).toBeVisible();
  await expect(visitor.getByText(/JAKARTA UTARA/i).first()).toBeVisible();
  await visitor.getByLabel('Kode verifikasi pada surat (64 karakter)').fill('0'.repeat(64));
  await visitor.getByRole('button', { name: 'Periksa' }).click();
  await expect(visitor.getByText('Kode verifikasi TIDAK COCOK')).toBeVisible();
  await publicContext.close();

  // The first package's feedback (.siksfb), downloaded from its import.
  await nav.getByRole('link', { name: 'Import Data' }).click();
  const feedback = await saveDownload(
    page,
    () => page.getByRole('button', { name: `Unduh umpan balik ${first.name}` }).click(),
    (n) => testInfo.outputPath(n),
  );
  expect(feedback.name).toMatch(/\.siksfb$/);

  // O8: the operator's device (still offline) opens it and shows both decisions and the reason.
  await op.getByRole('link', { name: 'Umpan Balik' }).click();
  await op.getByLabel('Berkas umpan balik (.siksfb)').setInputFiles(feedback.file);
  await op.getByRole('button', { name: 'Buka umpan balik' }).click();
  await expect(op.getByText(`Umpan balik untuk paket ${first.name}: 2 keputusan, 2 cocok`)).toBeVisible();
  await expect(op.locator(`tr[data-proposal="${String(pCorrected.proposalId)}"]`)).toContainText('Disetujui');
  const rejected = op.locator(`tr[data-proposal="${String(pBaru.proposalId)}"]`);
  await expect(rejected).toContainText('Ditolak');
  await expect(rejected).toContainText(REJECT_REASON);
  await expect(rejected.getByRole('link', { name: 'Perbaiki' })).toBeVisible();
  await opContext.close();
});

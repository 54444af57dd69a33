import { expect, test } from '@playwright/test';
import { formatIdbdt } from '../../src/shared/codes.ts';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { makeRelease } from '../../bench/offline-release.ts';
import { writeFeedback } from '../../src/server/platform/siks-node.ts';
import { proposalViolations } from '../../src/offline/lib/format-check.ts';
import { makeNik } from '../../src/shared/nik.ts';
import { UUID_V4_RE, isRfc3339, type FeedbackHeader } from '../../src/shared/siks/index.ts';
import { addUsulanBaru, exportPackage, field, JAKARTA_TODAY, type Rec, readPackageFile } from './operator.ts';

// The field loop of an operator, offline (O1–O9): the app is loaded once from /offline/, the
// network is switched off, a release of district 3174 (built here with the codec's writer) is set
// up for Kecamatan Tebet; a GANDA, a correction of `lantai`, a member's death and a new household
// are recorded and exported; the downloaded package is decoded with the codec and every proposal
// checked against siks-format.md 3.2; "Ekspor ulang" keeps the proposalId; a feedback file is
// opened and a returned proposal is corrected as a new proposal; the data survives a reload.

const PASSPHRASE = 'sandi rilis tebet 2026';

test('operator: set-up offline, GANDA, lantai, a death, usulan baru, export, feedback, reload', async ({ page, context }, testInfo) => {
  test.setTimeout(240_000);
  // 30 households in two kelurahan of Tebet, 5 in Setiabudi (outside the scope chosen below).
  const rel = await makeRelease({
    parts: [
      { desa: ['3174011001', '3174011002'], households: 30 },
      { desa: ['3174021001'], households: 5 },
    ],
    seed: 7,
    passphrase: PASSPHRASE,
    file: testInfo.outputPath('jaksel.siksdb'),
    keep: true,
  });
  const inTebet = rel.households.filter((h) => String(h.kode_wilayah).startsWith('317401'));
  const membersOf = (idbdt: unknown) => rel.members.filter((m) => m.idbdt === idbdt);
  const ganda = inTebet[0]!;
  const original = rel.households.find((h) => String(h.kode_wilayah).startsWith('317402'))!; // AKTIF, other kecamatan
  const koreksi = inTebet.find((h) => h !== ganda && membersOf(h.idbdt).some((m) => m.hub_krt !== 1 && m.sta_keberadaan_art === 1))!;
  const dies = membersOf(koreksi.idbdt).find((m) => m.hub_krt !== 1 && m.sta_keberadaan_art === 1)!;
  const newLantai = (Number(koreksi.lantai) % 10) + 1;

  // Load once while online; the service worker caches the app shell.
  await page.goto('/offline/');
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Inisiasi Awal Kecamatan/Desa' })).toBeVisible();

  // O1: a wrong passphrase shows the codec's message and keeps nothing.
  await page.getByLabel('Berkas rilis (.siksdb)').setInputFiles(rel.file);
  await page.getByLabel('Kata sandi rilis').fill('kata sandi yang salah');
  await page.getByRole('button', { name: 'Buka Rilis' }).click();
  await expect(page.getByRole('alert')).toContainText('Berkas rusak atau telah diubah');
  await page.getByLabel('Kata sandi rilis').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Buka Rilis' }).click();
  await expect(page.getByRole('group', { name: 'Wilayah kerja perangkat ini' })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel(/Kecamatan Tebet/).check();
  await expect(page.getByText('30 rumah tangga dalam wilayah yang dipilih.')).toBeVisible();
  await page.getByLabel('Nama pengguna operator').fill('op.tebet');
  await page.getByLabel('Nama lengkap operator').fill('Rina Marlina');
  await page.getByRole('button', { name: 'Simpan ke perangkat ini' }).click();
  await expect(page.getByTestId('result-count')).toContainText('30 rumah tangga ditemukan', { timeout: 60_000 });

  // O2: search by a member's NIK, then by name prefix.
  const head = membersOf(ganda.idbdt).find((m) => m.hub_krt === 1)!;
  await page.getByLabel('Cari').fill(String(head.nik));
  await expect(page.getByTestId('result-count')).toContainText('1 rumah tangga ditemukan');
  await page.getByLabel('Cari').fill(String(head.nama).split(' ')[0]!.slice(0, 4));
  await expect(page.getByRole('link', { name: formatIdbdt(String(ganda.idbdt)) })).toBeVisible();
  await page.getByLabel('Cari').fill(String(original.idbdt));
  await expect(page.getByTestId('result-count')).toContainText('0 rumah tangga ditemukan'); // outside the scope

  // O3: GANDA: the reference must be another AKTIF household of the district.
  await page.goto(`/offline/#/rt/${ganda.idbdt}`);
  await page.getByLabel('Hasil verval').selectOption('6');
  await page.getByLabel('IDBDT rumah tangga asli (ganda dengan)').fill('3174011001999999');
  await expect(page.getByText(/3174011001999999 bukan rumah tangga AKTIF/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Perbaiki kesalahan' })).toBeVisible();
  await page.getByLabel('IDBDT rumah tangga asli (ganda dengan)').fill(String(original.idbdt));
  await expect(page.getByText('Tidak ada kesalahan.')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();

  // O3/O4: correct `lantai` and record a member's death.
  await page.goto(`/offline/#/rt/${koreksi.idbdt}`);
  await page.getByLabel('Hasil verval').selectOption('1');
  await page.getByLabel('Jenis lantai terluas').selectOption(String(newLantai));
  await expect(page.locator('[data-field="lantai"]')).toContainText('semula:');
  await page.getByLabel('Jumlah kamar tidur').fill('99');
  await expect(page.locator('[data-field="jumlah_kamar"]')).toContainText('di luar batas');
  await page.getByLabel('Jumlah kamar tidur').fill(String(koreksi.jumlah_kamar));
  // Members are listed in idartbdt order, each a region "Anggota <n>: <nama>".
  const order = membersOf(koreksi.idbdt)
    .map((m) => String(m.idartbdt))
    .sort();
  const member = page.getByRole('region', {
    name: `Anggota ${order.indexOf(String(dies.idartbdt)) + 1}: ${String(dies.nama)}`,
    exact: true,
  });
  await field(member, 'sta_keberadaan_art').selectOption('2');
  await expect(page.getByText('Tidak ada kesalahan.')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();

  // O5: usulan baru in Tebet Timur with its head of household.
  const nik = makeNik({ regionPrefix6: '317401', birthDate: '1985-03-02', sex: 1, serial: 4321 });
  await addUsulanBaru(page, {
    desa: '3174011001',
    alamat: 'Jl. Tebet Timur Dalam II No. 5',
    nama: 'Slamet Riyadi',
    nik,
    noKk: '3174011203200007',
  });

  // O7: export; the file name carries the scope and the date.
  await page.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  await expect(page.getByTestId('pending')).toHaveText('3 usulan belum diekspor.');
  const first = await exportPackage(page, (n) => testInfo.outputPath(n));
  expect(first.name).toBe(`317401_${JAKARTA_TODAY}.siks`);
  await expect(page.getByTestId('pending')).toHaveText('Semua usulan sudah diekspor.');

  const pkg = await readPackageFile(first.file, rel.packageKey);
  const h = pkg.header;
  expect(h).toMatchObject({
    kind: 'package',
    formatVersion: 1,
    kabKota: '3174',
    period: '2026-07',
    key: { kdf: 'hkdf-sha256', release: rel.releaseId },
    module: 'BDT',
    dictionaryVersion: 1,
    operator: { username: 'op.tebet', name: 'Rina Marlina' },
    scope: ['317401'],
    counts: { proposals: 3 },
  });
  expect(h.id).toMatch(UUID_V4_RE);
  expect(isRfc3339(h.createdAt)).toBe(true);
  expect(pkg.media).toEqual([]);
  const aktif = new Set(rel.households.filter((x) => x.status === 'AKTIF').map((x) => String(x.idbdt)));
  const tebetDesa = new Set(rel.regions.filter((r) => r.level === 'desa' && r.code.startsWith('317401')).map((r) => r.code));
  for (const p of pkg.proposals) {
    expect(proposalViolations(p, { isAktif: (id) => aktif.has(id), scopeDesa: tebetDesa })).toEqual([]);
    expect(p.proposalId).toMatch(UUID_V4_RE);
    expect(isRfc3339(String(p.createdAt))).toBe(true);
  }
  expect(new Set(pkg.proposals.map((p) => p.proposalId)).size).toBe(3);
  const [pGanda, pKoreksi, pBaru] = pkg.proposals as [Rec, Rec, Rec];
  expect(pGanda).toEqual({
    proposalId: expect.any(String),
    type: 'PERBAIKAN',
    idbdt: ganda.idbdt,
    baseVersion: ganda.version,
    verval: {
      result: 6,
      duplicateOf: original.idbdt,
      mergeInto: null,
      visitedAt: JAKARTA_TODAY,
      musdesAt: null,
      note: '',
    },
    household: {},
    members: [],
    media: [],
    createdAt: expect.any(String),
  });
  expect(pKoreksi).toEqual({
    proposalId: expect.any(String),
    type: 'PERBAIKAN',
    idbdt: koreksi.idbdt,
    baseVersion: koreksi.version,
    verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: JAKARTA_TODAY, musdesAt: null, note: '' },
    household: { lantai: newLantai },
    members: [{ op: 'update', idartbdt: dies.idartbdt, baseVersion: dies.version, fields: { sta_keberadaan_art: 2 } }],
    media: [],
    createdAt: expect.any(String),
  });
  expect(pBaru).toMatchObject({ type: 'USULAN_BARU', media: [] });
  expect(pBaru).not.toHaveProperty('idbdt');
  expect(pBaru).not.toHaveProperty('verval');
  expect(pBaru.household).toMatchObject({
    kode_wilayah: '3174011001',
    alamat: 'Jl. Tebet Timur Dalam II No. 5',
    lantai: 9,
    luas_lantai: 24.5,
    ada_tv: false,
    jumlah_kamar: 1,
  });
  expect(pBaru.members).toEqual([
    {
      op: 'add',
      tempId: 'a1',
      fields: {
        nik,
        no_kk: '3174011203200007',
        nuk: 1,
        nama: 'Slamet Riyadi',
        hub_krt: 1,
        hubkel: 1,
        jenis_kelamin: 1,
        tanggal_lahir: '1985-03-02',
        sta_kawin: 1,
        ada_dikk: true,
        jenis_cacat: 0,
        penyakit_kronis: 0,
        partisipasi_sekolah: 0,
        ijazah_tertinggi: 0,
        sta_bekerja: false,
        sta_keberadaan_art: 1,
      },
    },
  ]);

  // "Ekspor ulang" on purpose: the same proposal (same proposalId) in a new package.
  await page.locator(`tr[data-proposal="${pGanda.proposalId}"]`).getByRole('button', { name: 'Ekspor ulang' }).click();
  await expect(page.getByTestId('pending')).toHaveText('1 usulan belum diekspor.');
  const second = await exportPackage(page, (n) => testInfo.outputPath(n));
  expect(second.name).toBe(`317401_${JAKARTA_TODAY}_2.siks`);
  const again = await readPackageFile(second.file, rel.packageKey);
  expect(again.header.id).not.toBe(h.id);
  expect(again.proposals).toEqual([pGanda]);

  // O8: feedback from the supervisor, sealed with a key derived from the same packageKey.
  const fbHeader: FeedbackHeader = {
    kind: 'feedback',
    formatVersion: 1,
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    app: { name: 'siks-ng', version: '0.1.0' },
    kabKota: '3174',
    period: '2026-07',
    key: { kdf: 'hkdf-sha256', release: rel.releaseId },
    package: h.id,
  };
  const decidedAt = new Date().toISOString();
  const fbFile = testInfo.outputPath('umpan-balik.siksfb');
  fs.writeFileSync(
    fbFile,
    await writeFeedback(
      fbHeader,
      [
        {
          proposalId: pGanda.proposalId,
          decision: 'DISETUJUI',
          reason: null,
          acceptedFields: null,
          rejectedFields: null,
          errors: [],
          assigned: null,
          decidedAt,
        },
        {
          proposalId: pKoreksi.proposalId,
          decision: 'PERLU_PERBAIKAN',
          reason: 'Foto rumah belum dilampirkan',
          acceptedFields: null,
          rejectedFields: null,
          errors: [],
          assigned: null,
          decidedAt,
        },
        {
          proposalId: pBaru.proposalId,
          decision: 'DISETUJUI',
          reason: null,
          acceptedFields: null,
          rejectedFields: null,
          errors: [],
          assigned: { idbdt: '3174011001000901', members: { a1: '317401100100090101' } },
          decidedAt,
        },
      ],
      Buffer.from(rel.packageKey, 'base64'),
    ),
  );
  await page.getByRole('link', { name: 'Umpan Balik' }).click();
  await page.getByLabel('Berkas umpan balik (.siksfb)').setInputFiles(fbFile);
  await page.getByRole('button', { name: 'Buka umpan balik' }).click();
  await expect(page.getByText(`Umpan balik untuk paket ${first.name}: 3 keputusan, 3 cocok`)).toBeVisible();
  const returned = page.locator(`tr[data-proposal="${pKoreksi.proposalId}"]`);
  await expect(returned).toContainText('Perlu perbaikan');
  await expect(returned).toContainText('Foto rumah belum dilampirkan');
  // Assigned ids in words (O8): written like every screen writes them, with the member's name.
  const baruRow = page.locator(`tr[data-proposal="${pBaru.proposalId}"]`);
  await expect(baruRow).toContainText(`IDBDT ${formatIdbdt('3174011001000901')}: Slamet Riyadi`);
  await expect(baruRow).toContainText(`IDARTBDT ${formatIdbdt('317401100100090101')}: Slamet Riyadi`);
  await expect(page.locator(`tr[data-proposal="${pGanda.proposalId}"]`).getByRole('link', { name: 'Perbaiki' })).toHaveCount(0);

  // The returned proposal is corrected and exported again as a NEW proposal.
  await returned.getByRole('link', { name: 'Perbaiki' }).click();
  await expect(page.getByLabel('Jenis lantai terluas')).toHaveValue(String(newLantai));
  await page.getByLabel('Catatan').fill('Foto menyusul saat musdes');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
  const third = await exportPackage(page, (n) => testInfo.outputPath(n));
  const redo = await readPackageFile(third.file, rel.packageKey);
  expect(redo.proposals).toHaveLength(1);
  const pRedo = redo.proposals[0]!;
  expect(pRedo.proposalId).not.toBe(pKoreksi.proposalId);
  expect(pRedo).toMatchObject({
    idbdt: koreksi.idbdt,
    household: { lantai: newLantai },
    members: pKoreksi.members,
    verval: { result: 1, note: 'Foto menyusul saat musdes' },
  });

  // Still offline: a reload finds everything where it was.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Usulan dan Ekspor' })).toBeVisible();
  const historyRow = (name: string, n: number) =>
    page.getByRole('row', { name: new RegExp(`${name.replaceAll('.', '\\.')} ${n} Unduh lagi`) });
  await expect(historyRow(first.name, 3)).toBeVisible();
  await expect(historyRow(second.name, 1)).toBeVisible();
  await expect(historyRow(third.name, 1)).toBeVisible();
  await page.goto(`/offline/#/rt/${ganda.idbdt}`);
  await expect(page.getByText(/Keputusan: Disetujui/)).toBeVisible();
  await page.getByRole('link', { name: 'Rumah Tangga' }).first().click();
  await page.getByLabel('Pekerjaan').selectOption('exported');
  await expect(page.getByTestId('result-count')).toContainText('2 rumah tangga ditemukan');
});

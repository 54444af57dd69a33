import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { proposalViolations } from '../../src/offline/lib/format-check.ts';
import { UUID_V4_RE, isRfc3339 } from '../../src/shared/siks/index.ts';
import { districtDate } from '../../src/shared/time-zones.ts';
import { knownPassword, login, serverClockAt, specDistrict } from './support.ts';
import {
  addUsulanBaru,
  exportPackage,
  newHousehold,
  openOfflineApp,
  readPackageFile,
  readRelease,
  recordCorrection,
  recordGanda,
  saveDownload,
  setUpRelease,
  type Rec,
} from './operator.ts';

// The field loop of a district that starts from nothing: its supervisor uploads the MoU scans,
// Ditjen PFM approves them, the supervisor downloads the release with a passphrase; an operator,
// in another browser, loads that release into the offline app with the network off, records a
// GANDA, a correction of `lantai` with a member's death, and a new household, and exports a
// package. The package is then opened with the codec using only what the release file gives
// (its packageKey, read with the passphrase) and every proposal is checked against
// siks-format.md 3.2. District 3171 belongs to this spec alone, seeded here without an MoU.
//
// The project `clock-2330-utc` runs this journey again against a server whose clock starts at
// 23:30 UTC, with the operator's browser at that instant too: Jakarta is then at the next day,
// and the release, the package and the visit dates must all carry Jakarta's date.

const KAB = '3171';
const PASSPHRASE = 'sandi rilis jakarta pusat 2026';

/** A page-sized PNG "scan": a white sheet with a letterhead band and a few text-like lines. */
async function scan(color: { r: number; g: number; b: number }, lines: number): Promise<Buffer> {
  const rows = Array.from(
    { length: lines },
    (_, i) => `<rect x="120" y="${360 + i * 60}" width="${900 - (i % 3) * 140}" height="18" fill="#333"/>`,
  ).join('');
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="1240" height="180" fill="rgb(${color.r},${color.g},${color.b})"/>${rows}</svg>`,
  );
  return sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } })
    .composite([{ input: svg }])
    .png()
    .toBuffer();
}

test('field loop: MoU, PFM approval, release download, offline GANDA/lantai/death/usulan baru, package checked with the release key', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const { supervisor: SUPERVISOR, password: supervisorPassword } = specDistrict(KAB, { households: 40, seed: 3 });
  const pfmPassword = knownPassword('pfm');
  // The district's date as its users read it, on the server's clock (faked in clock-2330-utc).
  const clockAt = serverClockAt();
  const TODAY = districtDate(KAB, clockAt ?? new Date());
  // At 23:30 UTC the UTC date is still the day before: a name made from it cannot pass.
  if (clockAt) expect(TODAY).not.toBe(clockAt.toISOString().slice(0, 10));

  // F5: the district has no MoU yet; both scans go up at once and wait for Ditjen PFM.
  await login(page, SUPERVISOR, supervisorPassword);
  await expect(page.getByText('Anda Login Sebagai : Supervisor Kabupaten/Kota')).toBeVisible();
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kirim MoU' }).click();
  await expect(page.getByText(/Anda Belum Upload \(1\) file MOU/)).toBeVisible();
  await page
    .getByLabel('(1) File MOU')
    .setInputFiles({ name: 'mou-jakpus.png', mimeType: 'image/png', buffer: await scan({ r: 11, g: 61, b: 107 }, 18) });
  await page.getByLabel('(2) File Surat Permohonan BDT').setInputFiles({
    name: 'permohonan-bdt.png',
    mimeType: 'image/png',
    buffer: await scan({ r: 120, g: 20, b: 20 }, 12),
  });
  await expect(page.getByRole('img', { name: 'Pratinjau (1) File MOU' })).toBeVisible();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'MOU dan Surat Permohonan BDT berhasil diunggah.' })).toBeVisible();
  await expect(page.getByText('MOU sedang dalam pemeriksaan Ditjen PFM Kementerian Sosial')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download Database BDT Rilis' })).toHaveCount(0);

  // C3: Ditjen PFM, in its own browser context, sees both scans as uploaded and approves.
  const pfmContext = await browser.newContext();
  const pfm = await pfmContext.newPage();
  await login(pfm, 'pfm', pfmPassword);
  await pfm.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Verifikasi MoU' }).click();
  await pfm.getByRole('link', { name: /^Periksa MoU .*JAKARTA PUSAT/i }).click();
  await expect(pfm.getByText(/Status: Menunggu verifikasi/)).toBeVisible();
  for (const label of ['(1) File MOU', '(2) File Surat Permohonan BDT']) {
    const img = pfm.getByRole('img', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')} dari`) });
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1240);
  }
  await pfm.getByRole('button', { name: 'Setujui' }).click();
  const confirm = pfm.getByRole('dialog', { name: 'Setujui MoU' });
  await expect(confirm).toContainText('dapat mengunduh Database BDT Rilis');
  await confirm.getByRole('button', { name: 'Setujui' }).click();
  await expect(pfm.getByRole('status').filter({ hasText: /^MoU .*JAKARTA PUSAT disetujui\.$/i })).toBeVisible();
  await pfmContext.close();

  // F5 after approval: the release is downloaded through the page, sealed with a passphrase.
  await page.reload();
  await expect(page.getByText('Anda sudah mengupload MOU dan telah disetujui')).toBeVisible();
  await page.getByRole('button', { name: 'Download Database BDT Rilis' }).click();
  await page.getByLabel('Kata sandi rilis', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Ulangi kata sandi rilis').fill(PASSPHRASE);
  const release = await saveDownload(
    page,
    () => page.getByRole('button', { name: 'Mulai Download' }).click(),
    (n) => testInfo.outputPath(n),
  );
  expect(release.name).toMatch(new RegExp(`^BDT_${KAB}_\\d{4}-\\d{2}_${TODAY}\\.siksdb$`));
  await expect(page.getByRole('status').filter({ hasText: `File ${release.name}` })).toContainText(
    'Serahkan kata sandi rilis kepada operator',
  );

  // The release as the codec reads it with the passphrase: release.json carries the packageKey.
  const rel = await readRelease(release.file, PASSPHRASE);
  expect(rel.release).toMatchObject({
    kabKota: KAB,
    releaseId: rel.header.id,
    finalization: null,
    counts: { households: rel.households.length },
  });
  await expect(page.getByRole('table', { name: 'Rilis yang pernah diunduh' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Rilis yang pernah diunduh' })).toContainText(String(rel.households.length));

  // Households of one kecamatan (Gambir unless the seed left it too small), chosen from the release.
  const membersOf = (idbdt: unknown) => rel.members.filter((m) => m.idbdt === idbdt);
  const aktif = rel.households.filter((h) => h.status === 'AKTIF');
  const inKec = (code: string) => aktif.filter((h) => String(h.kode_wilayah).startsWith(code));
  const withPresentMember = (h: Rec) => membersOf(h.idbdt).some((m) => m.hub_krt !== 1 && m.sta_keberadaan_art === 1);
  const usable = (code: string) => inKec(code).length >= 2 && inKec(code).some(withPresentMember);
  const kecamatans = rel.regions.filter((r) => r.level === 'kecamatan' && usable(String(r.code)));
  const kec =
    kecamatans.find((r) => r.code === '317101') ??
    kecamatans.sort((a, b) => inKec(String(b.code)).length - inKec(String(a.code)).length)[0]!;
  const kecCode = String(kec.code);
  const koreksi = inKec(kecCode).find(withPresentMember)!;
  const dies = membersOf(koreksi.idbdt).find((m) => m.hub_krt !== 1 && m.sta_keberadaan_art === 1)!;
  const ganda = inKec(kecCode).find((h) => h !== koreksi)!;
  const original =
    aktif.find((h) => h !== ganda && h !== koreksi && !String(h.kode_wilayah).startsWith(kecCode)) ?? aktif.find((h) => h !== ganda)!;
  const newLantai = (Number(koreksi.lantai) % 10) + 1;
  const scopeDesa = new Set(rel.regions.filter((r) => r.level === 'desa' && String(r.code).startsWith(kecCode)).map((r) => String(r.code)));
  const baru = newHousehold([...scopeDesa].sort()[0]!, 'Sutrisno Wibowo', 4321);

  // O1–O7 in a second browser context: the operator's device, offline after the first load.
  const opContext = await browser.newContext();
  // The device's clock agrees with the server's (the offline app dates visits and names packages).
  if (clockAt) await opContext.clock.install({ time: clockAt });
  const op = await opContext.newPage();
  await openOfflineApp(op, opContext);
  const inScope = rel.households.filter((h) => String(h.kode_wilayah).startsWith(kecCode)).length;
  await setUpRelease(op, {
    file: release.file,
    passphrase: PASSPHRASE,
    kecamatan: String(kec.name),
    households: inScope,
    username: 'op.gambir',
    name: 'Dewi Lestari',
  });
  await recordGanda(op, { household: ganda, original });
  await recordCorrection(op, { household: koreksi, members: membersOf(koreksi.idbdt), lantai: newLantai, dies });
  await addUsulanBaru(op, baru);
  await op.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  await expect(op.getByTestId('pending')).toHaveText('3 usulan belum diekspor.');
  const pkgFile = await exportPackage(op, (n) => testInfo.outputPath(n));
  expect(pkgFile.name).toBe(`${kecCode}_${TODAY}.siks`);
  await opContext.close();

  // The package opened with the codec and ONLY the packageKey of the downloaded release.json.
  const pkg = await readPackageFile(pkgFile.file, rel.release.packageKey);
  expect(pkg.header).toMatchObject({
    kind: 'package',
    kabKota: KAB,
    period: rel.release.period,
    key: { kdf: 'hkdf-sha256', release: rel.release.releaseId },
    module: 'BDT',
    operator: { username: 'op.gambir', name: 'Dewi Lestari' },
    scope: [kecCode],
    counts: { proposals: 3 },
  });
  expect(pkg.media).toEqual([]);
  // Another key cannot open it: the package is bound to this release.
  await expect(readPackageFile(pkgFile.file, Buffer.alloc(32, 7).toString('base64'))).rejects.toThrow();

  // Every proposal against the format page (siks-format.md 3.2), then the fields recorded.
  const aktifIds = new Set(aktif.map((h) => String(h.idbdt)));
  for (const p of pkg.proposals) {
    expect(proposalViolations(p, { isAktif: (id) => aktifIds.has(id), scopeDesa })).toEqual([]);
    expect(p.proposalId).toMatch(UUID_V4_RE);
    expect(isRfc3339(String(p.createdAt))).toBe(true);
  }
  const byIdbdt = (idbdt: unknown) => pkg.proposals.find((p) => p.type === 'PERBAIKAN' && p.idbdt === idbdt);
  expect(byIdbdt(ganda.idbdt)).toMatchObject({
    baseVersion: ganda.version,
    verval: { result: 6, duplicateOf: original.idbdt, mergeInto: null, visitedAt: TODAY },
    household: {},
    members: [],
  });
  expect(byIdbdt(koreksi.idbdt)).toMatchObject({
    baseVersion: koreksi.version,
    verval: { result: 1, duplicateOf: null, visitedAt: TODAY },
    household: { lantai: newLantai },
    members: [{ op: 'update', idartbdt: dies.idartbdt, baseVersion: dies.version, fields: { sta_keberadaan_art: 2 } }],
  });
  const usulan = pkg.proposals.filter((p) => p.type === 'USULAN_BARU');
  expect(usulan).toHaveLength(1);
  expect(usulan[0]).not.toHaveProperty('idbdt');
  expect(usulan[0]!.household).toMatchObject({
    kode_wilayah: baru.desa,
    alamat: baru.alamat,
    lantai: 9,
    luas_lantai: 24.5,
  });
  expect(usulan[0]!.members).toEqual([
    expect.objectContaining({
      op: 'add',
      tempId: 'a1',
      fields: expect.objectContaining({ nik: baru.nik, nama: baru.nama, hub_krt: 1 }),
    }),
  ]);
});

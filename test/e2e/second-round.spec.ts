import { expect, test, type Page } from '@playwright/test';
import { formatIdbdt } from '../../src/shared/codes.ts';
import fs from 'node:fs';
import { validateHouseholdRecord } from '../../src/shared/rules/index.ts';
import { buildPackage, perbaikan } from '../support/packages.ts';
import { login, specDistrict } from './support.ts';
import {
  JAKARTA_TODAY,
  exportPackage,
  field,
  openOfflineApp,
  readPackageFile,
  readRelease,
  recordCorrection,
  saveDownload,
  setUpRelease,
  type Rec,
} from './operator.ts';

// Two rounds in the field (issue 13, O1/O7/O8) for Tangerang Selatan, a district of this spec
// alone. Round 1: the operator sets up the release offline, corrects four households and exports;
// another device's package (the test codec, same release) changes `lantai` of a fifth household.
// The supervisor approves one correction, partly approves one (lantai kept, jumlah_kamar refused),
// rejects one, leaves one waiting, and approves the other device's change. The operator opens the
// feedback offline, then (unexported) corrects the rejected household again in another field and
// enters a `lantai` for the fifth household. The supervisor downloads a newer release; the operator
// opens it over the installed app: the unexported work survives, the fifth household's `lantai`
// (changed online meanwhile) is a conflict to decide, old feedback still opens, the waiting
// proposal says "Menunggu keputusan", and the next package does not carry the rejected change.

const KAB = '3674';
const PASSPHRASE = 'sandi rilis tangerang selatan 2026';
const REJECT_REASON = 'Lantai sesuai data rilis, tidak berubah';
const PARTIAL_REASON = 'Jumlah kamar tidak sesuai hasil musyawarah desa';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigasi utama' });

/** F5: "Download Database BDT Rilis" from Kirim MoU, sealed with the passphrase; returns the file. */
async function downloadRelease(page: Page, outputPath: (n: string) => string) {
  await nav(page).getByRole('link', { name: 'Kirim MoU' }).click();
  await page.getByRole('button', { name: 'Download Database BDT Rilis' }).click();
  await page.getByLabel('Kata sandi rilis', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Ulangi kata sandi rilis').fill(PASSPHRASE);
  return saveDownload(page, () => page.getByRole('button', { name: 'Mulai Download' }).click(), outputPath);
}

/** F6: a .siks file through Import Data, accepted. */
async function importPackage(page: Page, file: string, name: string) {
  await nav(page).getByRole('link', { name: 'Import Data' }).click();
  await page.getByLabel('Pilih berkas .siks').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: fs.readFileSync(file) });
  await expect(page.getByRole('article', { name }).getByText('Diterima', { exact: true })).toBeVisible({ timeout: 60_000 });
}

/** F7: the waiting correction of a household, opened from Verifikasi Usulan. */
async function openProposal(page: Page, household: Rec) {
  await nav(page).getByRole('link', { name: 'Verifikasi Usulan' }).click();
  await page
    .getByRole('row', { name: new RegExp(formatIdbdt(String(household.idbdt))) })
    .getByRole('link', { name: /^Periksa/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /^Perbaikan Data: / })).toBeVisible();
}

test('second round: feedback offline, a newer release over the installed app, drafts kept, a conflict, no rejected change resent', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(420_000);
  const out = (n: string) => testInfo.outputPath(n);
  const district = specDistrict(KAB, { households: 150, seed: 51, mou: true });
  await login(page, district.supervisor, district.password);
  const release1 = await downloadRelease(page, out);
  const rel1 = await readRelease(release1.file, PASSPHRASE);

  // Five AKTIF households of one kecamatan without a demo data mistake (an error already there
  // would change what the supervisor may approve).
  const membersOf = (r: typeof rel1, idbdt: unknown) => r.members.filter((m) => m.idbdt === idbdt);
  const usableIn = (kec: string) => (h: Rec) =>
    h.status === 'AKTIF' &&
    String(h.kode_wilayah).startsWith(kec) &&
    validateHouseholdRecord({ household: h, members: membersOf(rel1, h.idbdt) }, { checkDate: JAKARTA_TODAY }).errors.length === 0;
  const kecamatan = rel1.regions
    .filter((r) => r.level === 'kecamatan')
    .sort((a, b) => String(a.code).localeCompare(String(b.code)))
    .find((r) => rel1.households.filter(usableIn(String(r.code))).length >= 5)!;
  const KEC = String(kecamatan.code);
  const [approved, partial, rejected, waiting, online] = rel1.households.filter(usableIn(KEC)).slice(0, 5) as [Rec, Rec, Rec, Rec, Rec];
  const lantaiAfter = (h: Rec, step = 1) => ((Number(h.lantai) + step - 1) % 10) + 1;
  const kamarAfter = (h: Rec) => (Number(h.jumlah_kamar) % 5) + 1;

  // Round 1, offline: four corrections exported in one package.
  const opContext = await browser.newContext();
  const op = await opContext.newPage();
  await openOfflineApp(op, opContext);
  await setUpRelease(op, {
    file: release1.file,
    passphrase: PASSPHRASE,
    kecamatan: String(kecamatan.name),
    households: rel1.households.filter((h) => String(h.kode_wilayah).startsWith(KEC)).length,
    username: 'op.tangsel',
    name: 'Agus Salim',
  });
  for (const h of [approved, rejected, waiting]) {
    await recordCorrection(op, { household: h, members: membersOf(rel1, h.idbdt), lantai: lantaiAfter(h) });
  }
  await op.goto(`/offline/#/rt/${String(partial.idbdt)}`);
  await op.getByLabel('Hasil verval').selectOption('1');
  await op.getByLabel('Jenis lantai terluas').selectOption(String(lantaiAfter(partial)));
  await field(op, 'jumlah_kamar').fill(String(kamarAfter(partial)));
  await op.getByRole('button', { name: 'Simpan' }).click();
  await expect(op.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
  const pkg1 = await exportPackage(op, out);
  const sent1 = await readPackageFile(pkg1.file, rel1.release.packageKey);
  expect(sent1.proposals).toHaveLength(4);
  const proposalOf = (proposals: Rec[], h: Rec) => proposals.find((p) => p.idbdt === h.idbdt)!;

  // Meanwhile another device of the district sends a change of `lantai` for a fifth household.
  const theirLantai = lantaiAfter(online, 3);
  const other = await buildPackage({
    release: { id: rel1.release.releaseId, packageKey: Buffer.from(rel1.release.packageKey, 'base64') },
    kab: KAB,
    period: rel1.release.period,
    scope: [KEC],
    proposals: [
      perbaikan(
        { idbdt: String(online.idbdt), version: Number(online.version) },
        {
          verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: JAKARTA_TODAY, musdesAt: null, note: '' },
          household: { lantai: theirLantai },
          createdAt: new Date().toISOString(),
        },
      ),
    ],
    operator: { username: 'op.desa', name: 'Operator Desa' },
  });
  const otherFile = out('perangkat-lain.siks');
  fs.writeFileSync(otherFile, other.bytes);

  // The supervisor: both packages in; approve, partly approve, reject; one left waiting.
  await importPackage(page, pkg1.file, pkg1.name);
  await importPackage(page, otherFile, 'perangkat-lain.siks');
  await openProposal(page, approved);
  await page.getByRole('button', { name: 'Setujui', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /disetujui\./ })).toBeVisible();
  await openProposal(page, online);
  await page.getByRole('button', { name: 'Setujui', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /disetujui\./ })).toBeVisible();
  await openProposal(page, partial);
  await page.getByRole('button', { name: 'Setujui sebagian' }).click();
  await page.getByRole('checkbox', { name: 'Setujui Jumlah kamar tidur' }).uncheck();
  await page.getByLabel('Alasan', { exact: true }).fill(PARTIAL_REASON);
  await page.getByRole('button', { name: 'Simpan persetujuan sebagian' }).click();
  await expect(page.getByRole('status').filter({ hasText: /disetujui sebagian\./ })).toBeVisible();
  await openProposal(page, rejected);
  await page.getByLabel('Alasan', { exact: true }).fill(REJECT_REASON);
  await page.getByRole('button', { name: 'Tolak', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /ditolak\./ })).toBeVisible();

  // O8: the feedback opened offline, in words.
  await nav(page).getByRole('link', { name: 'Import Data' }).click();
  const feedback = await saveDownload(page, () => page.getByRole('button', { name: `Unduh umpan balik ${pkg1.name}` }).click(), out);
  await op.getByRole('link', { name: 'Umpan Balik' }).click();
  await op.getByLabel('Berkas umpan balik (.siksfb)').setInputFiles(feedback.file);
  await op.getByRole('button', { name: 'Buka umpan balik' }).click();
  await expect(op.getByText(`Umpan balik untuk paket ${pkg1.name}: 3 keputusan, 3 cocok`)).toBeVisible();
  const row = (p: Rec) => op.locator(`tr[data-proposal="${String(p.proposalId)}"]`);
  await expect(row(proposalOf(sent1.proposals, approved))).toContainText('Disetujui');
  const partRow = row(proposalOf(sent1.proposals, partial));
  await expect(partRow).toContainText('Disetujui sebagian');
  await expect(partRow).toContainText('Disetujui: Jenis lantai terluas');
  await expect(partRow).toContainText(`Ditolak: Jumlah kamar tidur (${kamarAfter(partial)})`);
  await expect(partRow).not.toContainText('household.');
  await expect(row(proposalOf(sent1.proposals, rejected))).toContainText(REJECT_REASON);
  await expect(row(proposalOf(sent1.proposals, waiting))).toContainText('Menunggu keputusan');

  // Round 2 before the newer release: the rejected lantai is not in the editor any more; the
  // operator corrects that household in another field, and enters a lantai for the fifth one.
  await op.goto(`/offline/#/rt/${String(rejected.idbdt)}`);
  await expect(op.getByLabel('Jenis lantai terluas')).toHaveValue(String(rejected.lantai));
  await op.getByLabel('Hasil verval').selectOption('1');
  await field(op, 'jumlah_kamar').fill(String(kamarAfter(rejected)));
  await op.getByRole('button', { name: 'Simpan' }).click();
  await expect(op.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
  await op.goto(`/offline/#/rt/${String(partial.idbdt)}`);
  await expect(field(op, 'jumlah_kamar')).toHaveValue(String(partial.jumlah_kamar));
  await expect(op.getByLabel('Jenis lantai terluas')).toHaveValue(String(lantaiAfter(partial)));
  const myLantai = lantaiAfter(online, 6);
  await recordCorrection(op, { household: online, members: membersOf(rel1, online.idbdt), lantai: myLantai });

  // The supervisor's newer release holds the decisions.
  const release2 = await downloadRelease(page, out);
  const rel2 = await readRelease(release2.file, PASSPHRASE);
  expect(rel2.release.releaseId).not.toBe(rel1.release.releaseId);
  const inRel2 = (h: Rec) => rel2.households.find((x) => x.idbdt === h.idbdt)!;
  expect(inRel2(online).lantai).toBe(theirLantai);

  // The newer release installs over the installed app (Pengaturan → Buka Rilis Baru).
  const openRelease = async (file: string) => {
    await op.getByLabel('Berkas rilis (.siksdb)').setInputFiles(file);
    await op.getByLabel('Kata sandi rilis').fill(PASSPHRASE);
    await op.getByRole('button', { name: 'Buka Rilis' }).click();
  };
  await op.getByRole('link', { name: 'Pengaturan' }).click();
  await op.getByRole('link', { name: 'Buka Rilis Baru' }).click();
  await openRelease(release2.file);
  await op.getByRole('button', { name: 'Pasang rilis baru' }).click({ timeout: 90_000 });
  const done = op.getByRole('status').filter({ hasText: 'Rilis baru terpasang' });
  await expect(done).toBeVisible({ timeout: 90_000 });
  await expect(done).toContainText('2 draf dipindahkan ke data rilis baru; 1 draf berkonflik');
  await expect(done).toContainText('1 usulan terkirim menunggu keputusan');
  // The older release cannot be opened over it any more.
  await openRelease(release1.file);
  await expect(op.getByRole('alert')).toContainText('tidak lebih baru dari rilis yang terpasang', { timeout: 90_000 });

  // The conflict: blocked from export until decided.
  const blocked = op.getByTestId('blocked-drafts');
  const blockedRow = blocked.getByRole('row').filter({ has: op.locator(`a[href="#/rt/${String(online.idbdt)}"]`) });
  await expect(blockedRow).toContainText('1 isian berkonflik');
  await expect(blocked.getByRole('row')).toHaveCount(2);
  await op.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  await expect(op.getByTestId('pending')).toHaveText('1 usulan belum diekspor.');
  await op.goto(`/offline/#/rt/${String(online.idbdt)}`);
  const conflict = op.locator('[data-conflict="lantai"]');
  await expect(conflict.getByRole('rowheader')).toHaveText('Jenis lantai terluas');
  await expect(conflict).toContainText(`${String(online.lantai)} – `);
  await expect(conflict).toContainText(`${myLantai} – `);
  await expect(conflict).toContainText(`${theirLantai} – `);
  await conflict.getByRole('button', { name: 'Pakai nilai saya' }).click();
  await expect(op.locator('[data-conflict]')).toHaveCount(0);
  await expect(op.getByLabel('Jenis lantai terluas')).toHaveValue(String(myLantai));

  // Feedback of the package exported under the older release still opens (its key was kept).
  await op.getByRole('link', { name: 'Umpan Balik' }).click();
  await op.getByLabel('Berkas umpan balik (.siksfb)').setInputFiles(feedback.file);
  await op.getByRole('button', { name: 'Buka umpan balik' }).click();
  await expect(op.getByText(`Umpan balik untuk paket ${pkg1.name}: 3 keputusan, 3 cocok`)).toBeVisible();

  // The next package: both drafts on the newer release, the rejected lantai not sent again.
  await op.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  await expect(op.getByTestId('pending')).toHaveText('2 usulan belum diekspor.');
  const pkg2 = await exportPackage(op, out);
  await opContext.close();
  const sent2 = await readPackageFile(pkg2.file, rel2.release.packageKey);
  expect(sent2.header.key.release).toBe(rel2.release.releaseId);
  expect(sent2.proposals).toHaveLength(2);
  expect(proposalOf(sent2.proposals, rejected)).toMatchObject({
    baseVersion: inRel2(rejected).version,
    household: { jumlah_kamar: kamarAfter(rejected) },
  });
  expect(proposalOf(sent2.proposals, rejected).household).not.toHaveProperty('lantai');
  expect(proposalOf(sent2.proposals, online)).toMatchObject({ baseVersion: inRel2(online).version, household: { lantai: myLantai } });
});

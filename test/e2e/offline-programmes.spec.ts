import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { makeRelease } from '../../bench/offline-release.ts';
import { BSP_LINE_KEYS, PBI_LINE_KEYS, checkProgrammeLine } from '../../src/shared/api/programme-line.ts';
import { isPresentMember } from '../../src/shared/dictionary/index.ts';
import {
  bspGantiPair,
  JAKARTA_TODAY,
  exportBspPackage,
  openOfflineApp,
  readPackageFile,
  readRelease,
  recordBspGanti,
  saveDownload,
  setUpRelease,
} from './operator.ts';

// O6 offline: a release of district 3174 whose lists make three households of Kelurahan Tebet
// Barat BPNT KPM (and one in Setiabudi, outside the scope) and one member a PBI participant. The
// operator sees the memberships on the household page, is told as they type that a replacement
// is already a KPM or lies outside the area, replaces a KPM by an eligible household, proposes a
// member for PBI, drops a draft from the export list, and exports: a BSP and a PBI package beside
// none for BDT (no BDT work), each decoded by the codec and checked against siks-format.md 3.2.

const PASSPHRASE = 'sandi rilis program 2026';

/** Loads the app once online, then offline sets up Kecamatan Tebet from the release. */
async function install(page: Page, context: BrowserContext, file: string, households: number) {
  await openOfflineApp(page, context);
  await setUpRelease(page, { file, passphrase: PASSPHRASE, kecamatan: 'Tebet', households, username: 'op.tebet', name: 'Rina Marlina' });
}

test('operator: KPM and PBI memberships offline, BSP_GANTI and PBI_USUL, BSP and PBI packages', async ({ page, context }, testInfo) => {
  test.setTimeout(180_000);
  const rel = await makeRelease({
    parts: [
      { desa: ['3174011001'], households: 12 },
      { desa: ['3174021001'], households: 3 },
    ],
    seed: 11,
    passphrase: PASSPHRASE,
    file: testInfo.outputPath('program.siksdb'),
    keep: true,
    programmes: (households, members) => {
      const tebet = households.filter((h) => String(h.kode_wilayah).startsWith('317401'));
      const outside = households.find((h) => String(h.kode_wilayah).startsWith('317402'))!;
      const kpm = [...tebet.slice(0, 3), outside].map((h) => ({
        program: 'BPNT',
        idbdt: h.idbdt,
        id_pengurus: members.find((m) => m.idbdt === h.idbdt && m.hub_krt === 1)?.idartbdt ?? null,
        no_kks: '5000000001',
        no_rekening: '100200300',
        status: 'AKTIF',
      }));
      const pbi = [{ idartbdt: members.find((m) => m.idbdt === tebet[0]!.idbdt)!.idartbdt, no_kartu: '0001234567890', status: 'AKTIF' }];
      return { kpm, pbi, quota: { BPNT: 5, RASTRA: 0, PBI: 10 } };
    },
  });
  const tebet = rel.households.filter((h) => String(h.kode_wilayah).startsWith('317401'));
  const outside = rel.households.find((h) => String(h.kode_wilayah).startsWith('317402'))!;
  const [kpm, kpm2, kpm3] = tebet;
  // The journey helper's choice from the decoded release: the first KPM and the first eligible household.
  const pair = bspGantiPair(await readRelease(rel.file, PASSPHRASE), 'BPNT', '317401');
  expect(pair.kpm.idbdt).toBe(kpm!.idbdt);
  const replacement = pair.replacement;
  expect([kpm!.idbdt, kpm2!.idbdt, kpm3!.idbdt]).not.toContain(replacement.idbdt);
  const membersOf = (idbdt: unknown) => rel.members.filter((m) => m.idbdt === idbdt);
  const pbiMember = membersOf(kpm!.idbdt)[0]!;
  const proposed = membersOf(kpm!.idbdt).find((m) => m !== pbiMember && isPresentMember(m))!;

  await install(page, context, rel.file, 12);

  // The household page shows the KPM membership and each member's PBI participation.
  await page.goto(`/offline/#/rt/${String(kpm!.idbdt)}`);
  const card = page.getByTestId('programmes');
  await expect(card).toContainText('Kuota kabupaten/kota: BPNT 5, Rastra 0, PBI 10 jiwa.');
  await expect(card.locator('tr[data-program="BPNT"]')).toContainText('AKTIF');
  await expect(card.locator('tr[data-program="BPNT"]')).toContainText('5000000001');
  await expect(card.locator(`tr[data-member="${String(pbiMember.idartbdt)}"]`)).toContainText('0001234567890');
  await expect(card.locator(`tr[data-member="${String(proposed.idartbdt)}"]`)).toContainText('Bukan peserta');

  // Checked as the operator types: a KPM of the programme, a household outside the area.
  await card.locator('tr[data-program="BPNT"]').getByRole('link', { name: 'Usulkan perubahan KPM' }).click();
  await page.getByLabel('IDBDT rumah tangga pengganti').fill(String(kpm2!.idbdt));
  await expect(page.locator('.field').filter({ has: page.getByLabel('IDBDT rumah tangga pengganti') })).toContainText(
    'Rumah tangga pengganti sudah menjadi KPM BPNT',
  );
  await page.getByLabel('IDBDT rumah tangga pengganti').fill(String(outside.idbdt));
  await expect(page.getByText('Rumah tangga pengganti harus berada di wilayah kerja perangkat ini').first()).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('The replacement household must lie in the area of this device').first()).toBeVisible();
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  // The candidate search offers only eligible households: no KPM of BPNT.
  await page.getByLabel('Cari calon pengganti (nama atau IDBDT)').fill(String(kpm3!.idbdt));
  await expect(page.getByText('0 calon pengganti memenuhi syarat')).toBeVisible();

  // BSP_GANTI through the journey helper.
  await recordBspGanti(page, { kpm: kpm!, program: 'BPNT', replacement, reason: 3 });

  // PBI_USUL of a present member who is not yet PBI.
  await page.goto(`/offline/#/rt/${String(kpm!.idbdt)}`);
  await page
    .getByTestId('programmes')
    .locator(`tr[data-member="${String(proposed.idartbdt)}"]`)
    .getByRole('link', { name: 'Usulkan sebagai peserta PBI' })
    .click();
  await expect(page.getByLabel('Jenis usulan')).toHaveValue('PBI_USUL');
  await expect(page.getByText('Tidak ada kesalahan.')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();

  // A removal drafted, then deleted from the list before export.
  await page.goto(`/offline/#/program/${String(kpm2!.idbdt)}/BSP/BPNT`);
  await page.getByLabel('Jenis usulan').selectOption('BSP_NONAKTIF');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Perbaiki isian yang ditandai' })).toBeVisible();
  await expect(page.getByText('Alasan wajib diisi untuk jenis BSP_NONAKTIF')).toHaveCount(2);
  await page.getByLabel('Alasan').selectOption('5');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
  await page.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  await expect(page.getByTestId('pending')).toHaveText('3 usulan belum diekspor.');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('row').filter({ hasText: 'BSP: nonaktifkan KPM' }).getByRole('button', { name: 'Hapus' }).click();
  await expect(page.getByTestId('pending')).toHaveText('2 usulan belum diekspor.');

  const bsp = await exportBspPackage(page, (n) => testInfo.outputPath(n));
  expect(bsp.name).toBe(`317401_BSP_${JAKARTA_TODAY}.siks`);
  await expect(page.getByTestId('pending')).toHaveText('Semua usulan sudah diekspor.');
  const pbiRow = page.getByRole('row').filter({ hasText: /_PBI_/ }).first();
  const pbi = await saveDownload(
    page,
    () => pbiRow.getByRole('button', { name: 'Unduh lagi' }).click(),
    (n) => testInfo.outputPath(n),
  );
  expect(pbi.name).toBe(`317401_PBI_${JAKARTA_TODAY}.siks`);
  await expect(page.getByRole('row').filter({ hasText: `317401_${JAKARTA_TODAY}.siks` })).toHaveCount(0);

  const b = await readPackageFile(bsp.file, rel.packageKey);
  expect(b.header).toMatchObject({
    module: 'BSP',
    kabKota: '3174',
    scope: ['317401'],
    operator: { username: 'op.tebet', name: 'Rina Marlina' },
    key: { kdf: 'hkdf-sha256', release: rel.releaseId },
    counts: { proposals: 1 },
  });
  expect(b.proposals).toHaveLength(1);
  expect(Object.keys(b.proposals[0]!).sort()).toEqual([...BSP_LINE_KEYS].sort());
  expect(checkProgrammeLine('BSP', b.proposals[0])).toEqual([]);
  expect(b.proposals[0]).toMatchObject({
    type: 'BSP_GANTI',
    program: 'BPNT',
    idbdt: kpm!.idbdt,
    replacementIdbdt: replacement.idbdt,
    reason: 3,
    id_pengurus: null,
    no_kks: null,
    no_rekening: null,
  });
  const p = await readPackageFile(pbi.file, rel.packageKey);
  expect(p.header).toMatchObject({ module: 'PBI', counts: { proposals: 1 } });
  expect(Object.keys(p.proposals[0]!).sort()).toEqual([...PBI_LINE_KEYS].sort());
  expect(checkProgrammeLine('PBI', p.proposals[0])).toEqual([]);
  expect(p.proposals[0]).toMatchObject({ type: 'PBI_USUL', idartbdt: proposed.idartbdt, reason: null });

  // After a reload the exported proposals are still there, shown on the household page.
  await page.reload();
  await page.goto(`/offline/#/rt/${String(kpm!.idbdt)}`);
  await expect(page.getByTestId('programmes').locator('tr[data-program="BPNT"]')).toContainText('BSP: ganti KPM: Sudah diekspor');
});

test('an installation of database version 1 is upgraded in place and keeps working, without programme lists', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(120_000);
  const rel = await makeRelease({
    parts: [{ desa: ['3174011001'], households: 6 }],
    seed: 12,
    passphrase: PASSPHRASE,
    file: testInfo.outputPath('v1.siksdb'),
    keep: true,
  });
  const hh = rel.households[0]!;
  await install(page, context, rel.file, 6);

  // Rebuild the database as version 1 of the app wrote it (no kpm/pbi stores, no meta.programmes),
  // with the same release, records and search index, and one draft proposal.
  const proposalId = '5d2f4e8a-1b3c-4d5e-8f6a-7b8c9d0e1f2a';
  await page.evaluate(
    async ({ idbdt, proposalId }) => {
      const req = <T>(r: IDBRequest<T>) =>
        new Promise<T>((ok, ko) => {
          r.onsuccess = () => ok(r.result);
          r.onerror = () => ko(r.error);
        });
      const v2 = await req(indexedDB.open('siks-offline'));
      const stores = ['meta', 'records', 'proposals', 'exports', 'feedback'];
      const dump: Record<string, { keys: IDBValidKey[]; values: unknown[] }> = {};
      for (const s of stores) {
        const os = v2.transaction(s).objectStore(s);
        dump[s] = { keys: await req(os.getAllKeys()), values: await req(os.getAll()) };
      }
      v2.close();
      await req(indexedDB.deleteDatabase('siks-offline'));
      const open = indexedDB.open('siks-offline', 1);
      open.onupgradeneeded = () => {
        const db = open.result;
        db.createObjectStore('meta');
        db.createObjectStore('records', { keyPath: 'k' });
        db.createObjectStore('proposals', { keyPath: 'proposalId' }).createIndex('subject', 'subject');
        db.createObjectStore('exports', { keyPath: 'packageId' });
        db.createObjectStore('feedback', { keyPath: 'feedbackId' });
      };
      const v1 = await req(open);
      const tx = v1.transaction(stores, 'readwrite');
      dump.meta!.keys.forEach((k, i) => {
        if (k !== 'programmes') tx.objectStore('meta').put(dump.meta!.values[i], k);
      });
      for (const r of dump.records!.values) tx.objectStore('records').put(r);
      tx.objectStore('proposals').put({
        proposalId,
        subject: idbdt,
        type: 'PERBAIKAN',
        status: 'draft',
        json: {
          proposalId,
          type: 'PERBAIKAN',
          idbdt,
          baseVersion: 1,
          verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2026-07-01', musdesAt: null, note: '' },
          household: {},
          members: [],
          media: [],
          createdAt: '2026-07-01T10:00:00+07:00',
        },
        label: 'Lama',
        kodeWilayah: '3174011001',
        seq: 1,
        updatedAt: '2026-07-01T10:00:00+07:00',
        reexport: false,
        exports: [],
        replaces: null,
        feedback: null,
      });
      await new Promise((ok) => {
        tx.oncomplete = ok;
      });
      v1.close();
    },
    { idbdt: String(hh.idbdt), proposalId },
  );

  // The new app opens it: the current version, the new stores added, the installation and its draft kept.
  await page.reload();
  await expect(page.getByTestId('result-count')).toContainText('6 rumah tangga ditemukan');
  const after = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open('siks-offline');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const out = { version: db.version, stores: [...db.objectStoreNames].sort() };
    db.close();
    return out;
  });
  expect(after).toEqual({ version: 3, stores: ['exports', 'feedback', 'keys', 'kpm', 'media', 'meta', 'pbi', 'proposals', 'records'] });
  await page.goto(`/offline/#/rt/${String(hh.idbdt)}`);
  await expect(page.getByText('Ada draf usulan yang belum diekspor.')).toBeVisible();
  await expect(page.getByText(/Daftar KPM dan PBI tidak tersedia di instalasi ini/)).toBeVisible();
  await page.getByRole('link', { name: /Usulan & Ekspor/ }).click();
  await expect(page.getByTestId('pending')).toHaveText('1 usulan belum diekspor.');
});

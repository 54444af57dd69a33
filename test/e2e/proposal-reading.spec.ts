import { expect, test } from '@playwright/test';
import { SECTION_LABELS } from '../../src/shared/dictionary/questionnaire.ts';
import { buildPackage, usulanBaru } from '../support/packages.ts';
import { downloadRelease, importPackageFile } from './operator.ts';
import { login, specDistrict } from './support.ts';
import fs from 'node:fs';

// Reading a proposal (issue 13, F7): a supervisor of Kabupaten Tangerang, a district of this spec
// alone, imports a package with a new household and reads it in the questionnaire's blocks and
// order — the offline form's — with the block left empty folded, and is offered no partial
// approval (a new household is accepted or refused whole).

const KAB = '3603';
const PASSPHRASE = 'sandi rilis kabupaten tangerang 2026';

test("a new household's proposal reads in the questionnaire's blocks and order", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const district = specDistrict(KAB, { households: 20, seed: 73, mou: true });
  await login(page, district.supervisor, district.password);
  const { rel, ref } = await downloadRelease(page, PASSPHRASE, (n) => testInfo.outputPath(n));

  // A new household in the first desa of the release, as the offline app writes it: its "other"
  // block (the coordinates) left empty.
  const desa = rel.regions
    .filter((r) => r.level === 'desa')
    .map((r) => String(r.code))
    .sort()[0]!;
  const baru = usulanBaru(desa);
  const pkg = await buildPackage({ release: ref, kab: KAB, period: rel.release.period, scope: [desa.slice(0, 6)], proposals: [baru] });
  const file = testInfo.outputPath('usulan-baru.siks');
  fs.writeFileSync(file, pkg.bytes);
  await importPackageFile(page, file, 'usulan-baru.siks');

  await page.goto('/verifikasi-usulan?tab=USULAN_BARU');
  await page.getByRole('link', { name: 'Periksa usulan Bambang Sutejo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usulan Baru: Bambang Sutejo' })).toBeVisible();

  // The blocks in the offline form's order, then the members.
  const changes = page.locator('section.changes');
  const order = [SECTION_LABELS.I.id, SECTION_LABELS.III.id, SECTION_LABELS.V.id, SECTION_LABELS.other.id, SECTION_LABELS.members.id];
  await expect(changes.getByRole('heading', { level: 3 })).toHaveText(order);
  // Within a block, the questionnaire's items in order: III.2 before III.3.
  const housing = changes.locator('details', { has: page.getByRole('heading', { name: SECTION_LABELS.III.id }) });
  await expect(housing).toHaveAttribute('open', '');
  const rows = await housing.getByRole('rowheader').allInnerTexts();
  expect(rows.indexOf('Luas lantai (m²)')).toBeLessThan(rows.indexOf('Jenis lantai terluas'));
  expect(rows.indexOf('Luas lantai (m²)')).toBeGreaterThanOrEqual(0);

  // The empty block is folded: its table hidden until opened.
  const other = changes.locator('details', { has: page.getByRole('heading', { name: SECTION_LABELS.other.id }) });
  await expect(other).not.toHaveAttribute('open');
  await expect(other.getByRole('table')).toBeHidden();
  await other.locator('summary').click();
  await expect(other.getByRole('rowheader', { name: 'Lintang' })).toBeVisible();

  // A new household is decided whole.
  await expect(page.getByRole('button', { name: 'Setujui', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Setujui sebagian' })).toHaveCount(0);
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/server/modules/access/index.ts';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { publishDocument } from '../../src/server/modules/documents/index.ts';
import { openPeriod } from '../../src/server/modules/periods/index.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { app, auditCount, auditEntries, get, p, setupTestBed } from '../support/bed.ts';
import { csvExport } from '../support/exports.ts';
import { minimalPdf } from '../support/files.ts';
import { bearer } from '../support/http.ts';
import { makeRelease } from '../support/packages.ts';
import { multipartFiles } from '../support/route-probes.ts';

// The exports of the admin lists (F13): the MoU review queue, periods, documents, API tokens,
// baseline loads and the release history. Each file is its list; lists that name users (the MoU
// queue, the releases) are logged once per download, the others hold no personal data and are not.

let releaseIds: string[] = [];
let documentOf3174 = 0;

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 4, seed: 51 });
  await seedDistrict(c, { kab: '3171', households: 4, seed: 52 });
  await openPeriod(c, CLI_ACTOR, { code: '2019-01', startsOn: '2019-01-01', endsOn: '2019-06-30' });
  releaseIds = [(await makeRelease(c, '3174', '2019-01')).id, (await makeRelease(c, '3174', '2019-01')).id];
  await makeRelease(c, '3171', '2019-01');
  await createApiToken(c, CLI_ACTOR, '3174_supervisor', 'laporan bulanan');
  await createApiToken(c, CLI_ACTOR, '3174_supervisor', 'dasbor');
  await publishDocument(c, CLI_ACTOR, { title: 'Petunjuk Teknis', visibility: 'ALL', districts: [], bytes: minimalPdf() });
  documentOf3174 = (
    await publishDocument(c, CLI_ACTOR, { title: 'Surat Edaran 3174', visibility: 'DISTRICTS', districts: ['3174'], bytes: minimalPdf() })
  ).id;
});

const items = async (who: Parameters<typeof get>[0], url: string) => {
  const res = await get(who, url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Record<string, unknown>[];
};

describe('admin list exports', () => {
  it('the release history is the list, newest first, in the district only, and logged once', async () => {
    const list = await items(p.supervisorJakSel, '/api/v1/releases');
    const { rows } = await csvExport(p.supervisorJakSel, '/api/v1/releases/export?format=csv');
    expect(rows.map((r) => r['ID Rilis'])).toEqual(list.map((i) => i.id));
    expect(new Set(rows.map((r) => r['ID Rilis']))).toEqual(new Set(releaseIds));
    expect(await auditEntries('EXPORT_RELEASES')).toMatchObject([
      {
        region_code: '3174',
        subject: 'list:releases',
        text_id: 'Download riwayat rilis (csv, 2 baris), filter: semua',
        details: { rows: 2 },
      },
    ]);
    const other = await csvExport(p.supervisorOther, '/api/v1/releases/export?format=csv');
    expect(other.rows.map((r) => r['ID Rilis'])).not.toContain(releaseIds[0]);
    expect((await get(p.pusdatin, '/api/v1/releases/export?format=csv')).statusCode).toBe(403);
  });

  it('the MoU queue is the reviewer’s list and logged; others are refused', async () => {
    const white = await sharp({ create: { width: 100, height: 140, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const form = multipartFiles({ mou: { name: 'mou.png', bytes: white }, permohonan: { name: 'p.png', bytes: white } });
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/mou',
      ...form,
      headers: { ...form.headers, ...bearer(p.supervisorJakSel) },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const list = await items(p.pfm, '/api/v1/mou/queue');
    expect(list).toHaveLength(1);
    const { rows } = await csvExport(p.pfm, '/api/v1/mou/queue/export?format=csv');
    expect(rows.map((r) => [r.ID, r['Kode Kabupaten/Kota'], r['Diajukan Oleh']])).toEqual(
      list.map((i) => [String(i.id), i.kab_kota, i.submitted_by]),
    );
    expect(rows[0]!['Diajukan Oleh']).toBe('3174_supervisor');
    expect(await auditCount('EXPORT_MOU_QUEUE')).toBe(1);
    expect((await get(p.supervisorJakSel, '/api/v1/mou/queue/export?format=csv')).statusCode).toBe(403);
  });

  it('periods, documents and own tokens are their lists and, holding no personal data, are not logged', async () => {
    const periods = await items(p.operatorDesa, '/api/v1/periods');
    const periodFile = await csvExport(p.operatorDesa, '/api/v1/periods/export?format=csv');
    expect(periodFile.rows.map((r) => [r.Kode, r.Status])).toEqual(periods.map((i) => [i.code, i.status]));

    const docs = await items(p.supervisorOther, '/api/v1/documents');
    const docFile = await csvExport(p.supervisorOther, '/api/v1/documents/export?format=csv');
    expect(docFile.rows.map((r) => r.Judul)).toEqual(docs.map((d) => d.title));
    expect(docFile.rows.map((r) => r.ID)).not.toContain(String(documentOf3174));
    expect((await csvExport(p.supervisorJakSel, '/api/v1/documents/export?format=csv')).rows.map((r) => r.ID)).toContain(
      String(documentOf3174),
    );

    const tokens = await items(p.supervisorJakSel, '/api/v1/tokens');
    const tokenFile = await csvExport(p.supervisorJakSel, '/api/v1/tokens/export?format=csv');
    expect(tokenFile.rows.map((r) => [r.ID, r['Nama Token']])).toEqual(tokens.map((t) => [String(t.id), t.name]));
    expect(tokenFile.rows.map((r) => r['Nama Token'])).toEqual(expect.arrayContaining(['dasbor', 'laporan bulanan']));
    expect((await get(p.supervisorOther, '/api/v1/tokens/export?username=3174_supervisor&format=csv')).statusCode).toBe(404);

    for (const action of ['EXPORT_PERIODS', 'EXPORT_DOCUMENTS', 'EXPORT_API_TOKENS']) expect(await auditCount(action)).toBe(0);
  });

  it('the baseline loads of a district are the list (PUSDATIN), refused to a supervisor', async () => {
    const loads = await items(p.pusdatin, '/api/v1/baseline?kab=3174');
    const { header, rows } = await csvExport(p.pusdatin, '/api/v1/baseline/export?kab=3174&format=csv');
    expect(header).toContain('ID Pemuatan');
    expect(rows.map((r) => r['ID Pemuatan'])).toEqual(loads.map((l) => l.id));
    expect((await get(p.supervisorJakSel, '/api/v1/baseline/export?kab=3174&format=csv')).statusCode).toBe(403);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../../test/support/http.ts';
import { app, auditCount, auditEntries, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { minimalPdf, minimalXlsx, multipartBody, tinyPng } from '../../../../test/support/files.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { seedDemoPrograms } from '../demo/index.ts';
import { detectDocumentKind, DOCUMENT_MAX_BYTES, safeFilename } from './index.ts';

setupTestBed(seedDemoPrograms);

const countDocuments = async () =>
  Number(
    (
      await ctx.database.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function upload(who: Persona, fields: Record<string, string | string[]>, file?: { name: string; bytes: Buffer; type?: string }) {
  const { payload, headers } = multipartBody(fields, file);
  return app.inject({ method: 'POST', url: '/api/v1/documents', payload, headers: { ...headers, ...bearer(who) } });
}

describe('content detection', () => {
  it('knows PDF, XLSX, JPEG and PNG by their bytes', () => {
    expect(detectDocumentKind(minimalPdf())).toBe('pdf');
    expect(detectDocumentKind(minimalXlsx())).toBe('xlsx');
    expect(detectDocumentKind(tinyPng())).toBe('png');
    expect(detectDocumentKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toBe('jpeg');
  });

  it('refuses everything else, whatever its name', () => {
    expect(detectDocumentKind(Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'))).toBeNull();
    expect(detectDocumentKind(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200), minimalXlsx()]))).toBeNull(); // self-extracting EXE
    expect(detectDocumentKind(minimalPdf().subarray(0, 60))).toBeNull(); // truncated: no %%EOF
    expect(detectDocumentKind(Buffer.from('PK\u0003\u0004 not really a zip'))).toBeNull();
    expect(detectDocumentKind(Buffer.alloc(0))).toBeNull();
  });

  it('makes safe download names with the detected extension', () => {
    expect(safeFilename('C:\\Users\\x\\Surat Edaran Mensos (final).exe', 'judul', 'pdf')).toBe('Surat_Edaran_Mensos_final.pdf');
    expect(safeFilename('"; rm -rf *.pdf', 'Data cut-off BPNT', 'xlsx')).toBe('rm_-rf.xlsx');
    expect(safeFilename('../../etc/.pdf', 'Data cut-off BPNT', 'xlsx')).toBe('Data_cut-off_BPNT.xlsx');
    expect(safeFilename('Édaran Sosial.pdf', 'x', 'pdf')).toBe('Edaran_Sosial.pdf');
    expect(safeFilename(undefined, 'Format MoU Pemda', 'pdf')).toBe('Format_MoU_Pemda.pdf');
    expect(safeFilename('....', '???', 'png')).toBe('dokumen.png');
  });
});

describe('publishing documents (C2)', () => {
  let pdfId: number;

  it('PUSDATIN uploads a real PDF for all districts; one audit entry', async () => {
    const before = await auditCount('DOCUMENT_UPLOAD');
    const res = await upload(
      p.pusdatin,
      { title: 'Surat Edaran Mensos', sortOrder: '2', visibility: 'ALL' },
      { name: 'surat edaran.pdf', bytes: minimalPdf(), type: 'application/pdf' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      title: 'Surat Edaran Mensos',
      contentType: 'application/pdf',
      filename: 'surat_edaran.pdf',
      sortOrder: 2,
      visibility: 'ALL',
      districts: [],
      size: minimalPdf().length,
    });
    pdfId = doc.id;
    expect(await auditCount('DOCUMENT_UPLOAD')).toBe(before + 1);
    const entry = (await auditEntries('DOCUMENT_UPLOAD')).at(-1)!;
    expect(entry.text_id).toContain('Mengunggah dokumen "Surat Edaran Mensos"');
    expect(entry.actor_username).toBe('pusdatin');
  });

  it('an XLSX is recognised by its ZIP entries even when the browser calls it something else', async () => {
    const res = await upload(
      p.pusdatin,
      { title: 'Data cut-off BPNT', sortOrder: '1' },
      { name: 'cutoff.bin', bytes: minimalXlsx(), type: 'application/octet-stream' },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename: 'cutoff.xlsx',
    });
  });

  it('refuses an HTML page or an EXE renamed .pdf, with a clear message, storing nothing', async () => {
    const n = await countDocuments();
    const html = await upload(
      p.pusdatin,
      { title: 'Jebakan' },
      {
        name: 'surat.pdf',
        bytes: Buffer.from('<html><script>alert(document.cookie)</script></html>'),
        type: 'application/pdf',
      },
    );
    expect(html.statusCode).toBe(415);
    expect(html.json()).toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    expect(html.json().message).toMatch(/PDF, XLSX, JPEG, atau PNG/);
    const exe = await upload(
      p.pusdatin,
      { title: 'Jebakan' },
      { name: 'surat.pdf', bytes: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(512)]) },
    );
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(await countDocuments()).toBe(n);
  });

  it('refuses a 25 MB file with 413, storing nothing', async () => {
    const n = await countDocuments();
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(25 * 1024 * 1024 - minimalPdf().length, 0x20)]);
    const res = await upload(p.pusdatin, { title: 'Terlalu besar' }, { name: 'besar.pdf', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', message: 'Ukuran dokumen melebihi batas 20 MB.' });
    expect(await countDocuments()).toBe(n);
  });

  it('refuses an oversize file while streaming, when no length was announced', async () => {
    const n = await countDocuments();
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(DOCUMENT_MAX_BYTES + 1 - minimalPdf().length, 0x20)]);
    const { payload, headers } = multipartBody({ title: 'Tanpa panjang' }, { name: 'besar.pdf', bytes: big });
    const { 'content-length': _dropped, ...rest } = headers;
    // A stream body makes inject send it chunked, without Content-Length.
    const { Readable } = await import('node:stream');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      payload: Readable.from([payload]),
      headers: { ...rest, ...bearer(p.pusdatin) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('DOCUMENT_TOO_LARGE');
    expect(await countDocuments()).toBe(n);
  });

  it('accepts a file of exactly 20 MiB', async () => {
    const exact = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(DOCUMENT_MAX_BYTES - 9 - 7, 0x20), Buffer.from('\n%%EOF\n')]);
    expect(exact.length).toBe(DOCUMENT_MAX_BYTES);
    const res = await upload(p.pusdatin, { title: 'Tepat 20 MiB', sortOrder: '90' }, { name: 'pas.pdf', bytes: exact });
    expect(res.statusCode, res.body).toBe(201);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/documents/${res.json().id}`,
      headers: bearer(p.pusdatin),
    });
    expect(del.statusCode).toBe(204);
  });

  it('refuses a missing title or a missing file with their own messages', async () => {
    const noTitle = await upload(p.pusdatin, { title: '   ' }, { name: 'a.pdf', bytes: minimalPdf() });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json()).toMatchObject({ code: 'DOCUMENT_TITLE_REQUIRED', message: 'Judul dokumen wajib diisi.' });
    const noFile = await upload(p.pusdatin, { title: 'Tanpa berkas' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().code).toBe('DOCUMENT_FILE_REQUIRED');
    const noDistricts = await upload(
      p.pusdatin,
      { title: 'Untuk siapa?', visibility: 'DISTRICTS' },
      { name: 'a.pdf', bytes: minimalPdf() },
    );
    expect(noDistricts.json().code).toBe('DOCUMENT_DISTRICTS_REQUIRED');
    const notDistrict = await upload(
      p.pusdatin,
      { title: 'Provinsi?', visibility: 'DISTRICTS', districts: '31' },
      { name: 'a.pdf', bytes: minimalPdf() },
    );
    expect(notDistrict.statusCode).toBe(400);
    const unknown = await upload(
      p.pusdatin,
      { title: 'Tidak ada', visibility: 'DISTRICTS', districts: '3199' },
      { name: 'a.pdf', bytes: minimalPdf() },
    );
    expect(unknown.json().code).toBe('UNKNOWN_REGION');
  });

  it('a supervisor cannot upload, edit or delete (403), nor can PFM upload', async () => {
    const n = await countDocuments();
    for (const who of [p.supervisorJakSel, p.pfm, p.provinsi31]) {
      const res = await upload(who, { title: 'Bukan wewenang' }, { name: 'a.pdf', bytes: minimalPdf() });
      expect(res.statusCode).toBe(403);
    }
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/documents/${pdfId}`,
          payload: { title: 'x' },
          headers: bearer(p.supervisorJakSel),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/documents/${pdfId}`, headers: bearer(p.supervisorJakSel) })).statusCode,
    ).toBe(403);
    expect(await countDocuments()).toBe(n);
  });

  it('download serves the stored bytes as an attachment that a browser will not run', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/documents/${pdfId}/content`,
      headers: bearer(p.supervisorOther),
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(minimalPdf())).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="surat_edaran.pdf"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'");
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/documents/999999/content',
      headers: bearer(p.pusdatin),
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('visibility per district', () => {
  let onlyJakSel: number;

  beforeAll(async () => {
    const res = await upload(
      p.pusdatin,
      { title: 'Format MoU Jakarta Selatan', visibility: 'DISTRICTS', districts: ['3174'] },
      { name: 'mou.png', bytes: tinyPng() },
    );
    expect(res.statusCode, res.body).toBe(201);
    onlyJakSel = res.json().id;
    expect(res.json().districts).toEqual([{ code: '3174', name: expect.stringMatching(/Jakarta Selatan/i) }]);
  });

  it('a document for 3174 only is listed for 3174 and 404 for 3171', async () => {
    const own = await app.inject({ method: 'GET', url: '/api/v1/documents', headers: bearer(p.supervisorJakSel) });
    expect(own.json().items.map((d: { id: number }) => d.id)).toContain(onlyJakSel);
    const other = await app.inject({ method: 'GET', url: '/api/v1/documents', headers: bearer(p.supervisorOther) });
    expect(other.json().items.map((d: { id: number }) => d.id)).not.toContain(onlyJakSel);
    expect(other.json().items.length).toBeGreaterThan(0); // the documents for all districts
    const download = await app.inject({
      method: 'GET',
      url: `/api/v1/documents/${onlyJakSel}/content`,
      headers: bearer(p.supervisorOther),
    });
    expect(download.statusCode).toBe(404);
    expect(download.json().code).toBe('NOT_FOUND');
    const ownDownload = await app.inject({
      method: 'GET',
      url: `/api/v1/documents/${onlyJakSel}/content`,
      headers: bearer(p.supervisorJakSel),
    });
    expect(ownDownload.statusCode).toBe(200);
    expect(ownDownload.headers['content-type']).toBe('image/png');
  });

  it('the province sees documents of its districts; an operator those of its district; national roles all', async () => {
    for (const who of [p.provinsi31, p.operatorDesa, p.pfm, p.pusdatin]) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/documents', headers: bearer(who) });
      expect(
        res.json().items.map((d: { id: number }) => d.id),
        who.username,
      ).toContain(onlyJakSel);
    }
  });

  it('PUSDATIN changes visibility, title and order: one audit entry per change', async () => {
    const before = await auditCount('DOCUMENT_UPDATE');
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${onlyJakSel}`,
      payload: { title: 'Format MoU', sortOrder: 3, visibility: 'DISTRICTS', districts: ['3171', '3174'] },
      headers: bearer(p.pusdatin),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Format MoU', sortOrder: 3, visibility: 'DISTRICTS' });
    expect(res.json().districts.map((d: { code: string }) => d.code)).toEqual(['3171', '3174']);
    expect(await auditCount('DOCUMENT_UPDATE')).toBe(before + 1);
    // 3171 now sees it, but only its own district in the target list.
    const other = await app.inject({ method: 'GET', url: '/api/v1/documents', headers: bearer(p.supervisorOther) });
    const seen = other.json().items.find((d: { id: number }) => d.id === onlyJakSel);
    expect(seen.districts.map((d: { code: string }) => d.code)).toEqual(['3171']);

    const toAll = await app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${onlyJakSel}`,
      payload: { visibility: 'ALL' },
      headers: bearer(p.pusdatin),
    });
    expect(toAll.json()).toMatchObject({ visibility: 'ALL', districts: [] });
    const empty = await app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${onlyJakSel}`,
      payload: {},
      headers: bearer(p.pusdatin),
    });
    expect(empty.statusCode).toBe(400);
    const blank = await app.inject({
      method: 'PATCH',
      url: `/api/v1/documents/${onlyJakSel}`,
      payload: { title: ' ' },
      headers: bearer(p.pusdatin),
    });
    expect(blank.json().code).toBe('DOCUMENT_TITLE_REQUIRED');
  });

  it('lists in order number, then upload order', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/documents', headers: bearer(p.pusdatin) });
    const orders = res.json().items.map((d: { sortOrder: number }) => d.sortOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it('PUSDATIN deletes: gone for everyone, one audit entry, chain intact', async () => {
    const before = await auditCount('DOCUMENT_DELETE');
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/v1/documents/${onlyJakSel}`,
      headers: bearer(p.pusdatin),
    });
    expect(res.statusCode).toBe(204);
    expect(await auditCount('DOCUMENT_DELETE')).toBe(before + 1);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/documents/${onlyJakSel}/content`,
          headers: bearer(p.supervisorJakSel),
        })
      ).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/documents/${onlyJakSel}`, headers: bearer(p.pusdatin) })).statusCode).toBe(
      404,
    );
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});

describe('Beranda (F3)', () => {
  it('shows the KKS quota, the BPNT stage and the documents visible to the user', async () => {
    const restricted = await upload(
      p.pusdatin,
      { title: 'Khusus Jakarta Pusat', visibility: 'DISTRICTS', districts: '3171' },
      { name: 'jp.pdf', bytes: minimalPdf() },
    );
    expect(restricted.statusCode).toBe(201);
    const res = await app.inject({ method: 'GET', url: '/api/v1/home', headers: bearer(p.supervisorJakSel) });
    expect(res.statusCode).toBe(200);
    const home = res.json();
    expect(home.kuotaKks).toBe(39_776);
    expect(home.tahapBpnt).toBe('1');
    const titles = home.documents.map((d: { title: string }) => d.title);
    expect(titles).toContain('Surat Edaran Mensos');
    expect(titles).toContain('Data cut-off BPNT');
    expect(titles).not.toContain('Khusus Jakarta Pusat');
    expect(home.documents[0]).toEqual({
      id: expect.any(Number),
      title: 'Data cut-off BPNT',
      contentType: expect.stringContaining('spreadsheetml'),
      size: expect.any(Number),
      uploadedAt: expect.any(String),
    });

    const other = (await app.inject({ method: 'GET', url: '/api/v1/home', headers: bearer(p.supervisorOther) })).json();
    expect(other.kuotaKks).toBeNull();
    expect(other.tahapBpnt).toBeNull();
    expect(other.documents.map((d: { title: string }) => d.title)).toContain('Khusus Jakarta Pusat');

    const national = (await app.inject({ method: 'GET', url: '/api/v1/home', headers: bearer(p.pusdatin) })).json();
    expect(national.kuotaKks).toBeNull();
    expect(national.documents.length).toBeGreaterThanOrEqual(3);
  });
});

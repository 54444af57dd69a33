import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { app, ctx, get, householdsOf, p, setupTestBed } from '../../../../test/support/bed.ts';
import { insertImport, insertProposals, LETTER_PROFILE, saveLetterProfile } from '../../../../test/support/finalisations.ts';
import { fileUpload } from '../../../../test/support/packages.ts';
import { bearer } from '../../../../test/support/http.ts';
import { TEST_AUDIT_KEY } from '../../../../test/support/db.ts';
import { checkpointHmac } from '../../platform/audit-anchor.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { seedDistrict } from '../demo/index.ts';
import { openPeriod } from '../periods/index.ts';

// The Surat Pengesahan (F8): the PDF's text is read back with poppler's pdftotext and every
// element is checked; then the public verification page's API.

function requireTool(tool: string): string {
  const found = ['/usr/bin', '/usr/local/bin', '/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
  if (!found)
    throw new Error(`${tool} is missing: the letter test reads the PDF with poppler. Install it with: apt-get install -y poppler-utils`);
  return found;
}
const PDFTOTEXT = requireTool('pdftotext');
const PDFIMAGES = requireTool('pdfimages');

let dir: string;
const PERIOD = '2019-01';
const HOST = 'siks.kemensos.go.id';

setupTestBed(async () => {
  await seedDistrict(ctx, { kab: '3174', households: 40, seed: 51, mistakeRate: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-letter-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The PDF's text: in reading order (columns one after the other), or with `layout` as placed on the page (table rows on one line). */
function pdfText(bytes: Buffer, name: string, layout = false): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return execFileSync(PDFTOTEXT, [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

let finalisation: { id: number; publicId: string; dataSha256: string; createdAt: string };
let kecamatanRows: { name: string; cells: number[] }[];

describe('Surat Pengesahan', () => {
  it('is generated for a finalisation with the district logo, and its download is logged', async () => {
    await openPeriod(ctx, CLI_ACTOR, {
      code: PERIOD,
      skNumber: '146/HUK/2019',
      startsOn: '2019-01-01',
      endsOn: '2019-06-30',
    });
    await saveLetterProfile(ctx, '3174');
    const logo = await sharp({ create: { width: 200, height: 240, channels: 3, background: { r: 20, g: 90, b: 160 } } })
      .png()
      .toBuffer();
    const up = fileUpload(logo, 'logo.png');
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/district-profiles/3174/logo',
      payload: up.payload,
      headers: { ...up.headers, ...bearer(p.supervisorJakSel) },
    });
    expect(put.statusCode).toBe(200);

    // Proposals in two kecamatan: kecamatan A gets 3 perbaikan (1, 1, 2) and 1 usulan baru, B gets 2 (3 rejected, 6 failed).
    const hs = await householdsOf('3174');
    const a = hs[0]!;
    const inA = hs.filter((h) => h.kode_wilayah.slice(0, 6) === a.kode_wilayah.slice(0, 6));
    const inB = hs.filter((h) => h.kode_wilayah.slice(0, 6) !== a.kode_wilayah.slice(0, 6));
    expect(inA.length).toBeGreaterThanOrEqual(3);
    const importId = await insertImport(ctx, '3174', PERIOD);
    await insertProposals(ctx, importId, '3174', [
      { idbdt: inA[0]!.idbdt, kode_wilayah: inA[0]!.kode_wilayah, verval_result: 1, status: 'DISETUJUI' },
      { idbdt: inA[1]!.idbdt, kode_wilayah: inA[1]!.kode_wilayah, verval_result: 1, status: 'SEBAGIAN' },
      { idbdt: inA[2]!.idbdt, kode_wilayah: inA[2]!.kode_wilayah, verval_result: 2, status: 'DISETUJUI' },
      { kode_wilayah: inA[0]!.kode_wilayah, status: 'DITOLAK' },
      { idbdt: inB[0]!.idbdt, kode_wilayah: inB[0]!.kode_wilayah, verval_result: 3, status: 'DITOLAK' },
      { idbdt: inB[1]!.idbdt, kode_wilayah: inB[1]!.kode_wilayah, verval_result: 6, status: 'GAGAL_VALIDASI' },
    ]);
    const name = async (code: string) =>
      (await ctx.database.db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name;
    // Cells: Ditemukan, Tidak Ditemukan, Pindah, Bagian Ruta Lain, Menolak, Ganda, Jumlah Perbaikan, Usulan Baru, Disetujui,
    // Disetujui Sebagian (its own column, as on the screen: issue 13), Ditolak, Gagal Validasi, Dikembalikan, Jumlah Usulan.
    kecamatanRows = [
      { name: await name(a.kode_wilayah.slice(0, 6)), cells: [2, 1, 0, 0, 0, 0, 3, 1, 2, 1, 1, 0, 0, 4] },
      ...(inB[0]!.kode_wilayah.slice(0, 6) === inB[1]!.kode_wilayah.slice(0, 6)
        ? [{ name: await name(inB[0]!.kode_wilayah.slice(0, 6)), cells: [0, 0, 1, 0, 0, 1, 2, 0, 0, 0, 1, 1, 0, 2] }]
        : []),
    ];

    const res = await app.inject({ method: 'POST', url: '/api/v1/finalisations', headers: bearer(p.supervisorJakSel) });
    expect(res.statusCode).toBe(201);
    finalisation = res.json();

    const letter = await get(p.supervisorJakSel, `/api/v1/finalisations/${finalisation.id}/letter`, { host: HOST });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.headers['content-disposition']).toBe('attachment; filename="Surat_Pengesahan_BDT_3174_2019-01_ke-1.pdf"');
    expect(letter.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const flat = pdfText(letter.rawPayload, 'letter.pdf').replace(/\s+/g, ' ');
    const text = pdfText(letter.rawPayload, 'letter.pdf', true);
    // The letter on one page, the Lampiran on the next.
    expect(flat).toContain('Halaman 1 dari 2');
    expect(flat).toContain('Halaman 2 dari 2');
    // Letterhead.
    expect(flat).toContain('PEMERINTAH KOTA ADMINISTRASI JAKARTA SELATAN');
    expect(flat).toContain(LETTER_PROFILE.namaInstansi.toUpperCase());
    expect(flat).toContain(LETTER_PROFILE.alamat);
    expect(flat).toContain(`Telepon ${LETTER_PROFILE.nomorTelepon}`);
    // Title, number and date (the district's calendar date, in Indonesian).
    expect(flat).toContain('SURAT PENGESAHAN');
    expect(flat).toContain('Nomor: 1/SP-BDT/3174/2019-01');
    const date = new Intl.DateTimeFormat('id-ID', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Asia/Jakarta',
    }).format(new Date(finalisation.createdAt));
    expect(date).toMatch(/^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/);
    expect(flat).toContain(`Jakarta Selatan, ${date}`);
    // Legal basis and period.
    expect(flat).toContain('Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin');
    expect(flat).toContain(
      'Peraturan Menteri Sosial Nomor 10 Tahun 2016 tentang Mekanisme Penggunaan Data Terpadu Program Penanganan Fakir Miskin',
    );
    expect(flat).toContain('Peraturan Menteri Sosial Nomor 28 Tahun 2017');
    expect(flat).toContain('Keputusan Menteri Sosial Nomor 146/HUK/2019');
    expect(flat).toContain('periode BDT Januari 2019 (SK Mensos Nomor 146/HUK/2019), Finalisasi ke-1');
    // Summary and the recapitulation table per kecamatan, with its totals row.
    expect(flat).toMatch(/Jumlah usulan yang difinalisasi 6\b/);
    expect(flat).toMatch(/Usulan baru 1\b/);
    expect(flat).toMatch(/Disetujui 2\b/);
    expect(flat).toMatch(/Disetujui sebagian 1\b/);
    expect(flat).toContain('LAMPIRAN SURAT PENGESAHAN NOMOR 1/SP-BDT/3174/2019-01');
    const lines = text.split('\n');
    for (const row of kecamatanRows) {
      const line = lines.find((l) => l.includes(` ${row.name} `) && /\d\s*$/.test(l));
      expect(line, row.name).toBeDefined();
      expect(
        line!
          .slice(line!.indexOf(row.name) + row.name.length)
          .trim()
          .split(/\s+/)
          .map(Number),
      ).toEqual(row.cells);
    }
    const total = lines.find((l) => l.trim().startsWith('JUMLAH'))!;
    expect(total.trim().split(/\s+/).slice(1).map(Number)).toEqual([2, 1, 1, 0, 0, 1, 5, 1, 2, 1, 2, 1, 0, 6]);
    // Signatures: Bupati/Wali Kota ("Mengetahui") and the pengesah with NIP.
    expect(flat).toContain('Mengetahui,');
    expect(flat).toContain('Wali Kota Jakarta Selatan');
    expect(flat).toContain(LETTER_PROFILE.namaBupati);
    expect(flat).toContain(`a.n. Kepala ${LETTER_PROFILE.namaInstansi}`);
    expect(flat).toContain(LETTER_PROFILE.namaPengesah);
    expect(flat).toContain('NIP. 19780315 200501 2 002');
    // Verification address (the request's origin and the public id) and the data hash.
    expect(flat).toContain(`http://${HOST}/verifikasi/${finalisation.publicId}`);
    expect(flat).toContain(finalisation.dataSha256);
    expect(flat).not.toContain(`/verifikasi/${finalisation.id} `);
    // Two images: the logo and the QR code.
    const images = execFileSync(PDFIMAGES, ['-list', path.join(dir, 'letter.pdf')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c[0] === '1' && c[2] === 'image');
    expect(images.map((c) => `${c[3]}x${c[4]}`)).toEqual(['200x240', '300x300']);

    const log = await ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'text_id'])
      .where('action', '=', 'DOWNLOAD_LETTER')
      .execute();
    expect(log).toEqual([{ action: 'DOWNLOAD_LETTER', text_id: 'Download Surat Pengesahan 1/SP-BDT/3174/2019-01' }]);
    expect((await get(p.supervisorOther, `/api/v1/finalisations/${finalisation.id}/letter`)).statusCode).toBe(404);
  });

  it('reads the same after the profile changes (the letter data was frozen at finalisation)', async () => {
    const letter = async () =>
      (await get(p.supervisorJakSel, `/api/v1/finalisations/${finalisation.id}/letter`, { host: HOST })).rawPayload;
    const before = pdfText(await letter(), 'a.pdf');
    await sql`update district_profiles set nama_bupati = 'Bupati Lain', alamat = 'Alamat Baru', logo_image_id = null where kab_code = '3174'`.execute(
      ctx.database.db,
    );
    const after = pdfText(await letter(), 'b.pdf');
    expect(after).toBe(before);
    expect(after).toContain(LETTER_PROFILE.namaBupati);
  });

  it('finding 4: prints the audit log checkpoint written with its finalisation (entry count and short HMAC)', async () => {
    const cp = await ctx.database.db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('finalisation_id', '=', finalisation.id)
      .executeTakeFirstOrThrow();
    // The checkpoint covers the district's chain up to and including the finalisation's own entry.
    const fin = await ctx.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'FINALISE_PERIOD')
      .executeTakeFirstOrThrow();
    const upTo = await ctx.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kab_kota', '=', '3174')
      .where('id', '<=', fin.id)
      .executeTakeFirstOrThrow();
    expect(cp).toMatchObject({ kab_kota: '3174', reason: 'FINALISATION', last_id: fin.id, entry_count: Number(upTo.n) });
    const signed = checkpointHmac(Buffer.from(TEST_AUDIT_KEY), {
      chain: cp.kab_kota,
      count: Number(cp.entry_count),
      lastId: Number(cp.last_id),
      head: cp.head_hash,
      at: cp.at.toISOString(),
    });
    expect(cp.hmac).toBe(signed);
    const flat = pdfText(
      (await get(p.supervisorJakSel, `/api/v1/finalisations/${finalisation.id}/letter`, { host: HOST })).rawPayload,
      'cp.pdf',
    ).replace(/\s+/g, ' ');
    const short = signed.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
    expect(flat).toContain(`Jangkar log audit: ${Number(cp.entry_count).toLocaleString('id-ID')} entri, HMAC ${short}`);
    // The same checkpoint is in the anchor file outside the database.
    expect(fs.readFileSync(ctx.config.auditAnchorFile, 'utf8')).toContain(`"hmac":"${signed}"`);
  });

  it('is verifiable by anyone at the public address, without personal data', async () => {
    const url = `/api/public/verifikasi/${finalisation.publicId}`;
    const plain = await app.inject({ method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toMatchObject({
      kab: { code: '3174', name: 'Kota Administrasi Jakarta Selatan' },
      period: { code: PERIOD, name: 'BDT Januari 2019' },
      number: 1,
      letterNumber: '1/SP-BDT/3174/2019-01',
      dataSha256: finalisation.dataSha256,
      totals: { proposals: 6, perbaikan: 5, usulanBaru: 1, approved: 3, rejected: 2 },
      matches: null,
    });
    expect(plain.body).not.toMatch(/3174\d{6,}/);
    expect(plain.body).not.toContain(LETTER_PROFILE.namaPengesah);
    expect((await app.inject({ method: 'GET', url: `${url}?hash=${finalisation.dataSha256.toUpperCase()}` })).json().matches).toBe(true);
    expect((await app.inject({ method: 'GET', url: `${url}?hash=${'ab'.repeat(32)}` })).json().matches).toBe(false);
    expect((await app.inject({ method: 'GET', url: `/api/public/verifikasi/${randomUUID()}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/public/verifikasi/1' })).statusCode).toBe(400);
  });
});

import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { app, ctx, get, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import type { Persona } from '../../../../test/support/personas.ts';

// The MoU flow (F5, C3) on a district of its own: 3171 (Jakarta Pusat), whose supervisor is the
// `supervisorOther` persona.

setupTestBed();

const png = (shade: number) =>
  sharp({ create: { width: 300, height: 420, channels: 3, background: { r: shade, g: shade, b: shade } } })
    .png()
    .toBuffer();

function multipart(files: Record<string, { name: string; bytes: Buffer; type?: string }>) {
  const boundary = `----siks${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [field, f] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'image/png'}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = async (who: Persona, files: Record<string, { name: string; bytes: Buffer; type?: string }>) => {
  const body = multipart(files);
  return app.inject({
    method: 'POST',
    url: '/api/v1/mou',
    payload: body.payload,
    headers: { ...body.headers, ...bearer(who) },
  });
};
const status = async (who: Persona) => (await app.inject({ method: 'GET', url: '/api/v1/mou', headers: bearer(who) })).json();
const review = (who: Persona, id: number, body: object) =>
  app.inject({ method: 'POST', url: `/api/v1/mou/${id}/review`, payload: body, headers: bearer(who) });
const submissions = () => ctx.database.db.selectFrom('mou_submissions').select(['id', 'status']).where('kab_kota', '=', '3171').execute();

describe('MoU upload and review', () => {
  it('starts not uploaded; both scans are required at once', async () => {
    expect(await status(p.supervisorOther)).toMatchObject({ kab: '3171', state: 'NOT_UPLOADED' });
    const one = await upload(p.supervisorOther, { mou: { name: 'mou.png', bytes: await png(200) } });
    expect(one.statusCode).toBe(400);
    expect(one.json().message).toBe(
      'Anda Belum Upload (1) file MOU dan (2) File Surat Permohonan BDT. Silahkan upload hasil scan dua file di atas sekaligus.',
    );
    expect(await submissions()).toEqual([]);
  });

  it('refuses a script renamed .png and changes nothing', async () => {
    const res = await upload(p.supervisorOther, {
      mou: { name: 'mou.png', bytes: Buffer.from('<?php system($_GET["c"]); ?>') },
      permohonan: { name: 'surat.png', bytes: await png(180) },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('IMAGE_NOT_JPEG_PNG');
    expect(await submissions()).toEqual([]);
  });

  it('waits for PFM, which returns it with a message; a new upload goes back to the queue; PFM approves', async () => {
    const first = await upload(p.supervisorOther, {
      mou: { name: 'mou.png', bytes: await png(200) },
      permohonan: { name: 'surat.jpg', bytes: await png(150) },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().state).toBe('WAITING');
    const again = await upload(p.supervisorOther, {
      mou: { name: 'mou.png', bytes: await png(201) },
      permohonan: { name: 'surat.png', bytes: await png(151) },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('MOU sedang dalam pemeriksaan Ditjen PFM Kementerian Sosial');

    const queue = (await app.inject({ method: 'GET', url: '/api/v1/mou/queue', headers: bearer(p.pfm) })).json();
    const item = queue.items.find((i: { kab_kota: string }) => i.kab_kota === '3171');
    expect(item).toMatchObject({ kab_name: 'Kota Administrasi Jakarta Pusat', submitted_by: '3171_supervisor' });
    const scan = await app.inject({ method: 'GET', url: `/api/v1/mou/${item.id}/mou`, headers: bearer(p.pfm) });
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['content-type']).toBe('image/png');
    expect(scan.headers['x-content-type-options']).toBe('nosniff');
    expect((await sharp(scan.rawPayload).metadata()).width).toBe(300);

    // Only the reviewer decides; another district cannot even see the submission.
    expect((await review(p.supervisorOther, item.id, { decision: 'APPROVE' })).statusCode).toBe(403);
    expect((await get(p.supervisorJakSel, `/api/v1/mou/${item.id}`)).statusCode).toBe(404);
    expect((await get(p.supervisorJakSel, `/api/v1/mou/${item.id}/permohonan`)).statusCode).toBe(404);

    expect((await review(p.pfm, item.id, { decision: 'RETURN' })).json().code).toBe('MOU_MESSAGE_REQUIRED');
    const returned = await review(p.pfm, item.id, {
      decision: 'RETURN',
      message: 'Tanda tangan Kepala Dinas belum ada.',
    });
    expect(returned.json()).toMatchObject({ state: 'RETURNED', message: 'Tanda tangan Kepala Dinas belum ada.' });
    expect(await status(p.supervisorOther)).toMatchObject({
      state: 'RETURNED',
      message: 'Tanda tangan Kepala Dinas belum ada.',
    });

    const second = await upload(p.supervisorOther, {
      mou: { name: 'mou2.png', bytes: await png(210) },
      permohonan: { name: 'surat2.png', bytes: await png(160) },
    });
    expect(second.json().state).toBe('WAITING');
    const approved = await review(p.pfm, second.json().submissionId, { decision: 'APPROVE' });
    expect(approved.json()).toMatchObject({ state: 'APPROVED', message: null });
    expect((await review(p.pfm, second.json().submissionId, { decision: 'RETURN', message: 'x' })).json().code).toBe('MOU_NOT_WAITING');
    const after = await upload(p.supervisorOther, {
      mou: { name: 'mou3.png', bytes: await png(220) },
      permohonan: { name: 'surat3.png', bytes: await png(170) },
    });
    expect(after.json().message).toBe('Anda sudah mengupload MOU dan telah disetujui');

    const actions = await ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('region_code', '=', '3171')
      .where('action', 'like', '%MOU')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['UPLOAD_MOU', 'RETURN_MOU', 'UPLOAD_MOU', 'APPROVE_MOU']);
  });
});

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { forgetActors } from '../access/index.ts';
import { app, auditCount, auditEntries, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { districtLetterProfile } from './index.ts';

// Test images are generated here (no binary fixtures in the repository).

setupTestBed();

const VALID_INSTANSI = {
  namaInstansi: 'Dinas Sosial Kota Administrasi Jakarta Selatan',
  alamat: 'Jl. Prapanca Raya No. 9, Kebayoran Baru',
  nomorTelepon: '021 7397-212', // spaces and dashes allowed
  namaKepalaDinas: 'Drs. Budi Santoso, M.Si',
  nipKepalaDinas: '19650101 199003 1 001',
  namaBupati: 'Ir. Marullah Matali',
};

function multipart(bytes: Buffer, filename = 'logo.png', type = 'image/png', field = 'file') {
  const boundary = `----siks${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    head,
    tail,
    payload: Buffer.concat([head, bytes, tail]),
  };
}

const png = (width = 120, height = 80) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } })
    .png()
    .toBuffer();
/** A noisy 200×200 image: large enough that cutting it in half leaves a damaged file. */
const noisy = (format: 'png' | 'jpeg') =>
  sharp({ create: { width: 200, height: 200, channels: 3, background: 'black', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .toFormat(format)
    .toBuffer();

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG with an extra chunk right after IHDR (signature 8 bytes + IHDR chunk 25 bytes). */
function withChunk(image: Buffer, type: string, data: Buffer): Buffer {
  return Buffer.concat([image.subarray(0, 33), pngChunk(type, data), image.subarray(33)]);
}

/**
 * A valid 20000×20000 PNG "decompression bomb" (1-bit greyscale, all black) of a few tens of KB:
 * 400 million pixels once decoded. Built by hand with zlib, because sharp `create` takes ~8 s to
 * encode 400 Mpx; sharp reads its header below to show that it is a real PNG of that size.
 */
function pngBomb(side = 20000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc(side * (1 + Math.ceil(side / 8))); // filter byte 0 + row of zero bits
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

// A refused field as the error body lists it (path, field, code, message).
const fieldIssue = (field: string, code: string, message: unknown) => ({ path: `/${field}`, field, code, message });

const profileUrl = (kab: string) => `/api/v1/district-profiles/${kab}`;
const getProfile = (who: Persona, kab = '3174') => app.inject({ method: 'GET', url: profileUrl(kab), headers: bearer(who) });
const putInstansi = (who: Persona, body: unknown, kab = '3174') =>
  app.inject({ method: 'PUT', url: profileUrl(kab), headers: bearer(who), payload: body as object });
const putPengesahan = (who: Persona, body: unknown, kab = '3174') =>
  app.inject({ method: 'PUT', url: `${profileUrl(kab)}/pengesahan`, headers: bearer(who), payload: body as object });
const putImage = (who: Persona, url: string, bytes: Buffer, filename: string, type: string) => {
  const m = multipart(bytes, filename, type);
  return app.inject({ method: 'PUT', url, headers: { ...m.headers, ...bearer(who) }, payload: m.payload });
};
const uploadLogo = (who: Persona, bytes: Buffer, filename = 'logo.png', type = 'image/png', kab = '3174') =>
  putImage(who, `${profileUrl(kab)}/logo`, bytes, filename, type);
const getLogo = (who: Persona, kab = '3174', headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `${profileUrl(kab)}/logo`, headers: { ...headers, ...bearer(who) } });

async function imageCount(): Promise<number> {
  const r = await ctx.database.db
    .selectFrom('images')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('Profil Instansi and Profil Pengesahan', () => {
  it('starts empty, with "Sama dengan Kepala Dinas?" ticked', async () => {
    const res = await getProfile(p.supervisorJakSel);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kab.code).toBe('3174');
    expect(body.instansi.namaInstansi).toBeNull();
    expect(body.pengesahan.samaDenganKepalaDinas).toBe(true);
    expect(body.logo).toBeNull();
    expect(body.canEdit).toBe(true);
  });

  it('saves a valid Profil Instansi, normalised, with one log entry', async () => {
    const before = await auditCount('UPDATE_DISTRICT_PROFILE');
    const res = await putInstansi(p.supervisorJakSel, VALID_INSTANSI);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.instansi).toEqual({
      ...VALID_INSTANSI,
      nomorTelepon: '+62217397212',
      nipKepalaDinas: '196501011990031001',
    });
    expect(body.pengesah).toEqual({ nama: 'Drs. Budi Santoso, M.Si', nip: '196501011990031001' });
    expect(await auditCount('UPDATE_DISTRICT_PROFILE')).toBe(before + 1);
    const entry = (await auditEntries('UPDATE_DISTRICT_PROFILE')).at(-1)!;
    expect(entry.text_id).toBe('Memperbarui Profil Instansi');
    expect(entry.actor_username).toBe('3174_supervisor');
    expect(entry.region_code).toBe('3174');
    expect((await getProfile(p.supervisorJakSel)).json().instansi.namaInstansi).toBe(VALID_INSTANSI.namaInstansi);
  });

  it('refuses a bad NIP, phone and missing fields with Indonesian messages naming each field, and changes nothing', async () => {
    const before = await auditCount('UPDATE_DISTRICT_PROFILE');
    const res = await putInstansi(p.supervisorJakSel, {
      ...VALID_INSTANSI,
      nipKepalaDinas: '12345',
      nomorTelepon: '12345',
      namaBupati: '  ',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    expect(body.message).toBe('Periksa kembali isian: Nomor Telepon, NIP Kepala Dinas, Nama Bupati/Wali Kota.');
    expect(body.details).toEqual([
      fieldIssue('nomorTelepon', 'PATTERN', expect.stringMatching(/^Nomor Telepon tidak valid\./)),
      fieldIssue('nipKepalaDinas', 'PATTERN', 'NIP Kepala Dinas harus terdiri dari 18 digit angka.'),
      fieldIssue('namaBupati', 'REQUIRED', 'Nama Bupati/Wali Kota wajib diisi.'),
    ]);
    expect(await auditCount('UPDATE_DISTRICT_PROFILE')).toBe(before);
    expect((await getProfile(p.supervisorJakSel)).json().instansi.nipKepalaDinas).toBe('196501011990031001');
  });

  it('refuses a NIP of 19 digits or with letters, and an overlong name', async () => {
    const res = await putInstansi(p.supervisorJakSel, {
      ...VALID_INSTANSI,
      nipKepalaDinas: '1965010119900310011',
      namaInstansi: 'x'.repeat(151),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((d: { message: string }) => d.message)).toEqual([
      'Nama Instansi maksimal 150 karakter.',
      'NIP Kepala Dinas harus terdiri dari 18 digit angka.',
    ]);
    const letters = await putInstansi(p.supervisorJakSel, { ...VALID_INSTANSI, nipKepalaDinas: '19650101199003100A' });
    expect(letters.statusCode).toBe(400);
  });

  it('answers in English to a user who chose English', async () => {
    await ctx.database.db.updateTable('users').set({ language: 'en' }).where('username', '=', 'pusdatin').execute();
    forgetActors(ctx.database.db); // the actor cache does not see a direct write
    try {
      const res = await putInstansi(p.pusdatin, { ...VALID_INSTANSI, nipKepalaDinas: '1' });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe('Please check: NIP of the Head of Office.');
      expect(res.json().details[0].message).toBe('NIP of the Head of Office must be exactly 18 digits.');
    } finally {
      await ctx.database.db.updateTable('users').set({ language: 'id' }).where('username', '=', 'pusdatin').execute();
      forgetActors(ctx.database.db); // the actor cache does not see a direct write
    }
  });

  it('Profil Pengesahan: a separate signer needs Nama and NIP; "sama" resolves to the Kepala Dinas', async () => {
    const missing = await putPengesahan(p.supervisorJakSel, { samaDenganKepalaDinas: false, nama: '', nip: '123' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details).toEqual([
      fieldIssue('nama', 'REQUIRED', 'Nama Pengesah wajib diisi.'),
      fieldIssue('nip', 'PATTERN', 'NIP Pengesah harus terdiri dari 18 digit angka.'),
    ]);

    const own = await putPengesahan(p.supervisorJakSel, {
      samaDenganKepalaDinas: false,
      nama: 'Hj. Siti Aminah, S.Sos',
      nip: '197203152000122002',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().pengesah).toEqual({ nama: 'Hj. Siti Aminah, S.Sos', nip: '197203152000122002' });
    const letter = await districtLetterProfile(ctx, '3174');
    expect(letter.pengesah).toEqual({ nama: 'Hj. Siti Aminah, S.Sos', nip: '197203152000122002' });
    expect(letter.namaBupati).toBe(VALID_INSTANSI.namaBupati);

    // Hidden fields of a ticked box are ignored, even when they hold something invalid.
    const sama = await putPengesahan(p.supervisorJakSel, { samaDenganKepalaDinas: true, nama: 'x', nip: 'bad' });
    expect(sama.statusCode).toBe(200);
    expect(sama.json().pengesahan).toEqual({ samaDenganKepalaDinas: true, nama: null, nip: null });
    expect(sama.json().pengesah).toEqual({ nama: 'Drs. Budi Santoso, M.Si', nip: '196501011990031001' });
    expect(await auditCount('UPDATE_DISTRICT_APPROVAL')).toBe(2);
    const entry = await ctx.database.db
      .selectFrom('audit_log')
      .select('text_id')
      .where('action', '=', 'UPDATE_DISTRICT_APPROVAL')
      .executeTakeFirstOrThrow();
    expect(entry.text_id).toBe('Memperbarui Profil Pengesahan');
  });
});

describe('who may see and change a district profile', () => {
  it("another district's profile, logo and changes answer 404, exactly like a missing district", async () => {
    for (const res of [
      await getProfile(p.supervisorOther),
      await putInstansi(p.supervisorOther, VALID_INSTANSI),
      await putPengesahan(p.supervisorOther, { samaDenganKepalaDinas: true }),
      await uploadLogo(p.supervisorOther, await png()),
      await getLogo(p.supervisorOther),
      await getProfile(p.operatorDesa),
      await getProfile(p.pusdatin, '9999'),
      await getProfile(p.pusdatin, '3100'), // no such kabupaten/kota
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect((await getProfile(p.supervisorJakSel)).json().instansi.namaInstansi).toBe(VALID_INSTANSI.namaInstansi);
  });

  it('Pusdatin reads and edits any district; a province may read its districts but not change them', async () => {
    const read = await getProfile(p.pusdatin);
    expect(read.statusCode).toBe(200);
    expect(read.json().canEdit).toBe(true);
    expect((await putInstansi(p.pusdatin, { ...VALID_INSTANSI, namaBupati: 'Wali Kota Baru' })).statusCode).toBe(200);
    expect((await putInstansi(p.pusdatin, VALID_INSTANSI)).statusCode).toBe(200);
    expect((await putInstansi(p.pusdatin, VALID_INSTANSI, '3171')).statusCode).toBe(200);

    const prov = await getProfile(p.provinsi31);
    expect(prov.statusCode).toBe(200);
    expect(prov.json().canEdit).toBe(false);
    const refused = await putInstansi(p.provinsi31, VALID_INSTANSI);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
    expect((await uploadLogo(p.provinsi31, await png())).statusCode).toBe(403);
    expect((await getProfile(p.supervisorJakSel, '3171')).statusCode).toBe(404);
  });

  it('a malformed code is refused by the route', async () => {
    expect((await getProfile(p.pusdatin, '31')).statusCode).toBe(400);
  });
});

describe('Logo Kabupaten/Kota', () => {
  let current: { sha256: string; body: Buffer };

  async function expectLogoUnchanged() {
    const res = await getLogo(p.supervisorJakSel);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(current.body)).toBe(true);
    expect((await getProfile(p.supervisorJakSel)).json().logo.sha256).toBe(current.sha256);
  }

  it('accepts a PNG and serves it back re-encoded, as an image only', async () => {
    const before = await auditCount('UPLOAD_DISTRICT_LOGO');
    const res = await uploadLogo(p.supervisorJakSel, await png(), 'logo.png', 'image/png');
    expect(res.statusCode).toBe(200);
    const meta = res.json();
    expect(meta).toMatchObject({ contentType: 'image/png', width: 120, height: 80 });
    expect(meta.url).toMatch(/^\/api\/v1\/district-profiles\/3174\/logo\?v=[0-9a-f]{16}$/);
    expect(await auditCount('UPLOAD_DISTRICT_LOGO')).toBe(before + 1);
    const entry = await ctx.database.db
      .selectFrom('audit_log')
      .select(['text_id', 'region_code'])
      .where('action', '=', 'UPLOAD_DISTRICT_LOGO')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ text_id: 'Mengunggah logo Kabupaten/Kota', region_code: '3174' });

    const served = await app.inject({ method: 'GET', url: meta.url, headers: bearer(p.supervisorJakSel) });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toBe("default-src 'none'");
    expect(served.headers['cache-control']).toMatch(/^private\b/);
    expect(served.headers.etag).toBe(`"${meta.sha256}"`);
    const m = await sharp(served.rawPayload).metadata();
    expect([m.format, m.width, m.height]).toEqual(['png', 120, 80]);
    current = { sha256: meta.sha256, body: served.rawPayload };

    const again = await getLogo(p.supervisorJakSel, '3174', { 'if-none-match': `"${meta.sha256}"` });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // A province in scope may see the logo too (it will be on the letters it monitors).
    expect((await getLogo(p.provinsi31)).statusCode).toBe(200);
  });

  it('strips what is not pixels: a PHP script hidden in a PNG text chunk is not served back', async () => {
    const polyglot = withChunk(await png(64, 64), 'tEXt', Buffer.from('Comment\0<?php system($_GET["c"]); ?>', 'latin1'));
    expect((await sharp(polyglot).metadata()).format).toBe('png');
    const res = await uploadLogo(p.supervisorJakSel, polyglot);
    expect(res.statusCode).toBe(200);
    const served = await getLogo(p.supervisorJakSel);
    expect(served.rawPayload.includes(Buffer.from('<?php'))).toBe(false);
    expect(served.rawPayload.includes(Buffer.from('tEXt'))).toBe(false);
    current = { sha256: res.json().sha256, body: served.rawPayload };
  });

  it('accepts a JPEG: served as JPEG, auto-rotated, without EXIF', async () => {
    // 120×80 pixels with EXIF orientation 6 ("rotate 90° to view"): shown upright it is 80×120.
    const jpeg = await sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Copyright: 'Dinas Sosial', Artist: 'Kamera Dinas' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const images = await imageCount();
    const res = await uploadLogo(p.supervisorJakSel, jpeg, 'logo.JPG', 'application/octet-stream');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ contentType: 'image/jpeg', width: 80, height: 120 });
    // The previous logo is replaced, not kept.
    expect(await imageCount()).toBe(images);
    const served = await getLogo(p.supervisorJakSel);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const m = await sharp(served.rawPayload).metadata();
    expect([m.format, m.width, m.height, m.exif, m.orientation]).toEqual(['jpeg', 80, 120, undefined, undefined]);
    expect(served.rawPayload.includes(Buffer.from('Kamera Dinas'))).toBe(false);
    current = { sha256: res.json().sha256, body: served.rawPayload };
  });

  // What each refusal answers: status, code and the gist of the Indonesian message.
  const NOT_JPEG_PNG = [415, 'IMAGE_NOT_JPEG_PNG', /bukan gambar JPEG atau PNG/] as const;
  const DAMAGED = [400, 'IMAGE_DAMAGED', /rusak atau tidak lengkap/] as const;
  const gif = () =>
    sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
      .gif()
      .toBuffer();
  const firstHalf = (full: Buffer) => full.subarray(0, Math.floor(full.length / 2));
  const refusals: [string, () => Promise<{ bytes: Buffer; filename: string; type: string }>, number, string, RegExp][] = [
    [
      'a PHP script renamed logo.png',
      async () => ({ bytes: Buffer.from('<?php system($_GET["c"]); ?>\n'), filename: 'logo.png', type: 'image/png' }),
      ...NOT_JPEG_PNG,
    ],
    ['a text file', async () => ({ bytes: Buffer.from('Ini bukan gambar.\n'), filename: 'logo.txt', type: 'text/plain' }), ...NOT_JPEG_PNG],
    ['a GIF', async () => ({ bytes: await gif(), filename: 'logo.gif', type: 'image/gif' }), ...NOT_JPEG_PNG],
    [
      'a GIF named logo.png and declared image/png',
      async () => ({ bytes: await gif(), filename: 'logo.png', type: 'image/png' }),
      ...NOT_JPEG_PNG,
    ],
    ['a truncated PNG', async () => ({ bytes: firstHalf(await noisy('png')), filename: 'logo.png', type: 'image/png' }), ...DAMAGED],
    ['a truncated JPEG', async () => ({ bytes: firstHalf(await noisy('jpeg')), filename: 'logo.jpg', type: 'image/jpeg' }), ...DAMAGED],
    [
      'an image of 4001×10 pixels',
      async () => ({ bytes: await png(4001, 10), filename: 'logo.png', type: 'image/png' }),
      400,
      'IMAGE_TOO_MANY_PIXELS',
      /4000 × 4000 piksel/,
    ],
  ];

  for (const [what, make, status, code, message] of refusals) {
    it(`refuses ${what} with ${code} and keeps the previous logo`, async () => {
      const { bytes, filename, type } = await make();
      const uploads = await auditCount('UPLOAD_DISTRICT_LOGO');
      const images = await imageCount();
      const res = await uploadLogo(p.supervisorJakSel, bytes, filename, type);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(message);
      expect(await auditCount('UPLOAD_DISTRICT_LOGO')).toBe(uploads);
      expect(await imageCount()).toBe(images);
      await expectLogoUnchanged();
    });
  }

  it('refuses a 20000×20000 PNG bomb from its header, cheaply, and keeps the previous logo', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024); // so the pixel check, not the size, refuses it
    const m = await sharp(bomb, { limitInputPixels: false }).metadata();
    expect([m.format, m.width, m.height]).toEqual(['png', 20000, 20000]);
    const uploads = await auditCount('UPLOAD_DISTRICT_LOGO');
    const started = performance.now();
    const res = await uploadLogo(p.supervisorJakSel, bomb);
    expect(performance.now() - started).toBeLessThan(2000); // nothing was decoded
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMAGE_TOO_MANY_PIXELS');
    expect(res.json().message).toBe('Dimensi gambar melebihi batas 4000 × 4000 piksel. Perkecil gambar lalu unggah lagi.');
    expect(await auditCount('UPLOAD_DISTRICT_LOGO')).toBe(uploads);
    await expectLogoUnchanged();
  });

  it('refuses a 30 MB PNG with 413 before reading it, and stores nothing', async () => {
    const big = Buffer.concat([await png(), Buffer.alloc(30 * 1024 * 1024, 0x41)]); // padding after IEND
    const uploads = await auditCount('UPLOAD_DISTRICT_LOGO');
    const images = await imageCount();
    const res = await uploadLogo(p.supervisorJakSel, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('IMAGE_TOO_LARGE');
    expect(res.json().message).toBe('Ukuran gambar melebihi batas 2 MB. Perkecil gambar lalu unggah lagi.');
    expect(await auditCount('UPLOAD_DISTRICT_LOGO')).toBe(uploads);
    expect(await imageCount()).toBe(images);
    await expectLogoUnchanged();
  });

  it('refuses a 30 MB PNG sent without a length (chunked) with 413 while reading it', async () => {
    const m = multipart(Buffer.alloc(0));
    let sent = 0;
    const mib = Buffer.alloc(1024 * 1024, 0x41);
    // Streams the body: the head of the form, a PNG, 30 MiB of padding, the tail; counts what was pulled.
    async function* body() {
      yield m.head;
      yield await png();
      for (let i = 0; i < 30; i++) {
        sent += mib.length;
        yield mib;
      }
      yield m.tail;
    }
    const res = await app.inject({
      method: 'PUT',
      url: `${profileUrl('3174')}/logo`,
      headers: { ...m.headers, ...bearer(p.supervisorJakSel) },
      payload: Readable.from(body()),
    });
    expect(res.headers['content-length'] === undefined || res.statusCode === 413).toBe(true);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('IMAGE_TOO_LARGE');
    expect(sent).toBeLessThan(30 * 1024 * 1024);
    await expectLogoUnchanged();
  });

  it('refuses a request without a file field `file`', async () => {
    const m = multipart(await png(), 'logo.png', 'image/png', 'logo');
    const res = await app.inject({
      method: 'PUT',
      url: `${profileUrl('3174')}/logo`,
      headers: { ...m.headers, ...bearer(p.supervisorJakSel) },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMAGE_MISSING');
    const json = await app.inject({
      method: 'PUT',
      url: `${profileUrl('3174')}/logo`,
      headers: bearer(p.supervisorJakSel),
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().code).toBe('IMAGE_MISSING');
    await expectLogoUnchanged();
  });

  it('the letter gets the stored logo', async () => {
    const letter = await districtLetterProfile(ctx, '3174');
    expect(letter.logo?.contentType).toBe('image/jpeg');
    expect(letter.logo?.data.equals(current.body)).toBe(true);
  });
});

describe('Profil Pengguna', () => {
  const me = (who: Persona) => app.inject({ method: 'GET', url: '/api/v1/me/profile', headers: bearer(who) });
  const save = (who: Persona, body: unknown) =>
    app.inject({ method: 'PUT', url: '/api/v1/me/profile', headers: bearer(who), payload: body as object });

  it('everyone edits their own profile: name, normalised phone, e-mail; one log entry', async () => {
    for (const who of [p.supervisorJakSel, p.operatorDesa, p.pusdatin]) {
      const res = await save(who, {
        nama: `  Nama ${who.username}  `,
        nomorHp: '+62 812-3456-7890',
        email: ' petugas@dinsos.go.id ',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        username: who.username,
        nama: `Nama ${who.username}`,
        nomorHp: '+6281234567890',
        email: 'petugas@dinsos.go.id',
        photo: null,
      });
    }
    expect(await auditCount('UPDATE_USER_PROFILE')).toBe(3);
    const entry = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'UPDATE_USER_PROFILE')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(entry.text_id).toBe('Memperbarui Profil Pengguna');
    expect(entry.region_code).toBe('3174');
    // Nama Pengguna is the account's name: the actor (and /me) carry it at once.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(p.supervisorJakSel) })).json().name).toBe(
      'Nama 3174_supervisor',
    );
    expect((await me(p.operatorDesa)).json().nama).toBe('Nama 3174_operator');
    // Optional fields may be emptied.
    expect((await save(p.pusdatin, { nama: 'Pusdatin', nomorHp: '', email: null })).json()).toMatchObject({
      nomorHp: null,
      email: null,
    });
  });

  it('refuses a bad phone and e-mail with Indonesian messages, and changes nothing', async () => {
    const before = await auditCount('UPDATE_USER_PROFILE');
    const res = await save(p.supervisorJakSel, { nama: '', nomorHp: '0812', email: 'petugas@' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([
      fieldIssue('nama', 'REQUIRED', 'Nama Pengguna wajib diisi.'),
      fieldIssue('nomorHp', 'PATTERN', 'Nomor HP tidak valid. Tulis +62, 62 atau 0 diikuti 8–13 digit, misalnya 0812-3456-7890.'),
      fieldIssue('email', 'PATTERN', 'Email tidak valid, misalnya nama@dinsos.go.id.'),
    ]);
    expect(await auditCount('UPDATE_USER_PROFILE')).toBe(before);
    expect((await me(p.supervisorJakSel)).json().email).toBe('petugas@dinsos.go.id');
  });

  it('uploads and serves the own photo; refuses a non-image; nobody else sees it', async () => {
    const jpeg = await sharp({ create: { width: 90, height: 90, channels: 3, background: 'green' } })
      .jpeg()
      .toBuffer();
    // The name and type lie; the content decides.
    const res = await putImage(p.operatorDesa, '/api/v1/me/photo', jpeg, 'foto.png', 'image/png');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ contentType: 'image/jpeg', width: 90, height: 90 });
    expect(await auditCount('UPLOAD_USER_PHOTO')).toBe(1);
    const served = await app.inject({ method: 'GET', url: res.json().url, headers: bearer(p.operatorDesa) });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['content-security-policy']).toBe("default-src 'none'");
    expect((await me(p.operatorDesa)).json().photo.sha256).toBe(res.json().sha256);
    // Another user has no photo: its own, not the operator's.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/photo', headers: bearer(p.supervisorOther) })).statusCode).toBe(404);

    const bad = await putImage(p.operatorDesa, '/api/v1/me/photo', Buffer.from('<?php echo 1; ?>'), 'foto.png', 'image/png');
    expect(bad.statusCode).toBe(415);
    expect(bad.json().code).toBe('IMAGE_NOT_JPEG_PNG');
    expect((await me(p.operatorDesa)).json().photo.sha256).toBe(res.json().sha256);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
});

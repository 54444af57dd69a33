import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands.ts';
import { seedDistrict } from '../../src/server/modules/demo/index.ts';
import { containsPoint, type Shape } from '../../src/server/modules/gis/boundaries.geometry.ts';
import { bearer } from '../support/http.ts';
import { app, auditCount, ctx, get, householdsOf, p, post, regionCodes, setupTestBed } from '../support/bed.ts';
import { multipartFiles } from '../support/route-probes.ts';
import type { Persona } from '../support/personas.ts';

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 300, seed: 3 });
  await seedDistrict(c, { kab: '3171', households: 20, seed: 4 });
});

async function siks(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, ctx, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A square of `size` degrees with its south-west corner at (lng, lat), as a closed counter-clockwise ring. */
const square = (lng: number, lat: number, size = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + size, lat],
      [lng + size, lat + size],
      [lng, lat + size],
      [lng, lat],
    ],
  ],
});
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));

function tempFile(name: string, bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-boundaries-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/**
 * A zipped Shapefile of one polygon layer: .shp (type 5, rings clockwise as the format wants), .dbf
 * with one text column KDEPUM, .prj of WGS84. Written by hand: the format is small and fixed.
 */
function zippedShapefile(features: { code: string; ring: [number, number][] }[]): Buffer {
  const records = features.map(({ ring }) => {
    const closed = [...ring, ring[0]!].reverse(); // clockwise exterior
    const content = Buffer.alloc(44 + 4 + closed.length * 16);
    content.writeInt32LE(5, 0);
    const xs = closed.map((p) => p[0]);
    const ys = closed.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => content.writeDoubleLE(v, 4 + i * 8));
    content.writeInt32LE(1, 36);
    content.writeInt32LE(closed.length, 40);
    content.writeInt32LE(0, 44);
    closed.forEach(([x, y], i) => {
      content.writeDoubleLE(x, 48 + i * 16);
      content.writeDoubleLE(y, 56 + i * 16);
    });
    return content;
  });
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE((100 + records.reduce((s, r) => s + 8 + r.length, 0)) / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(5, 32);
  const shp = Buffer.concat([
    header,
    ...records.flatMap((r, i) => {
      const head = Buffer.alloc(8);
      head.writeInt32BE(i + 1, 0);
      head.writeInt32BE(r.length / 2, 4);
      return [head, r];
    }),
  ]);
  const width = 20;
  const dbfHeader = Buffer.alloc(32 + 32 + 1);
  dbfHeader.writeUInt8(3, 0);
  dbfHeader.writeUInt32LE(features.length, 4);
  dbfHeader.writeUInt16LE(dbfHeader.length, 8);
  dbfHeader.writeUInt16LE(1 + width, 10);
  dbfHeader.write('KDEPUM', 32, 'latin1');
  dbfHeader.write('C', 43, 'latin1');
  dbfHeader.writeUInt8(width, 48);
  dbfHeader.writeUInt8(0x0d, 64);
  const rows = features.map((f) => Buffer.from(` ${f.code.padEnd(width)}`, 'latin1'));
  const dbf = Buffer.concat([dbfHeader, ...rows, Buffer.from([0x1a])]);
  const prj =
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  return Buffer.from(zipSync({ 'desa.shp': shp, 'desa.dbf': dbf, 'desa.prj': Buffer.from(prj) }));
}

const shapeOf = (code: string) => ctx.database.db.selectFrom('region_boundaries').selectAll().where('code', '=', code).executeTakeFirst();
const upload = (who: Persona, name: string, bytes: Buffer) =>
  app.inject({ method: 'POST', url: '/api/v1/boundaries', ...withAuth(multipartFiles({ file: { name, bytes } }), who) });
function withAuth(m: { payload: Buffer; headers: Record<string, string> }, who: Persona) {
  return { payload: m.payload, headers: { ...m.headers, ...bearer(who) } };
}

describe('demo shapes', () => {
  it('gives the demo district generated kecamatan and desa shapes, and its province one', async () => {
    const { db } = ctx.database;
    const shapes = await db
      .selectFrom('region_boundaries')
      .select(['code', 'level', 'parent_code', 'origin'])
      .where('code', 'like', '3174%')
      .execute();
    const codesOf = (level: string) =>
      shapes
        .filter((s) => s.level === level)
        .map((s) => s.code)
        .sort();
    expect(codesOf('kabkota')).toEqual(['3174']);
    expect(codesOf('kecamatan')).toEqual(await regionCodes('3174', 'kecamatan'));
    expect(codesOf('desa')).toEqual(await regionCodes('3174', 'desa'));
    expect(new Set(shapes.map((s) => s.origin))).toEqual(new Set(['DEMO']));
    expect(shapes.find((s) => s.level === 'desa')?.parent_code).toMatch(/^3174[0-9]{2}$/);
    expect((await shapeOf('31'))?.level).toBe('provinsi');
    // Both seeded districts of DKI Jakarta have shapes; the province's outline covers them.
    expect((await shapeOf('3171'))?.origin).toBe('DEMO');
  });

  it('gives every demo household a point inside its desa (the household keeps the same coordinates)', async () => {
    const { db } = ctx.database;
    const rows = await db
      .selectFrom('households as h')
      .leftJoin('household_locations as l', 'l.idbdt', 'h.idbdt')
      .leftJoin('region_boundaries as b', 'b.code', 'h.kode_wilayah')
      .select([
        'h.idbdt',
        'h.lat as hLat',
        'h.lng as hLng',
        'l.lat',
        'l.lng',
        'l.kab_kota',
        'b.geometry',
        'b.west',
        'b.south',
        'b.east',
        'b.north',
      ])
      .where('h.idbdt', 'like', '3174%')
      .execute();
    expect(rows).toHaveLength(300);
    for (const r of rows) {
      expect(r.kab_kota, r.idbdt).toBe('3174');
      expect(r.lng! >= r.west! && r.lng! <= r.east! && r.lat! >= r.south! && r.lat! <= r.north!, r.idbdt).toBe(true);
      expect(containsPoint(r.geometry as unknown as Shape, r.lng!, r.lat!), r.idbdt).toBe(true);
      expect([Number(r.hLng), Number(r.hLat)]).toEqual([r.lng, r.lat]);
    }
  });

  it('keeps the shapes of a district seeded again and places only the new households', async () => {
    const before = await shapeOf('317401');
    await seedDistrict(ctx, { kab: '3171', households: 5, seed: 9 });
    const n = await ctx.database.db
      .selectFrom('household_locations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kab_kota', '=', '3171')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(25);
    expect(await shapeOf('317401')).toEqual(before);
  });
});

describe('a moved household', () => {
  it('loses its point (it marked the house it left) in the move itself', async () => {
    const [moved, kept] = await householdsOf('317401');
    const target = (await regionCodes('317402', 'desa'))[0]!;
    const pointOf = (idbdt: string) =>
      ctx.database.db.selectFrom('household_locations').select('idbdt').where('idbdt', '=', idbdt).executeTakeFirst();
    expect(await pointOf(moved!.idbdt)).toBeDefined();
    const res = await post(p.supervisorJakSel, '/api/v1/relocations', { idbdt: moved!.idbdt, desa: target, reason: 'Pindah rumah' });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await pointOf(moved!.idbdt)).toBeUndefined();
    expect(await pointOf(kept!.idbdt)).toBeDefined();
  });
});

describe('GET /api/v1/boundaries', () => {
  it("answers the children of a region as a FeatureCollection, and one region's outline with `code`", async () => {
    const res = await get(p.supervisorJakSel, '/api/v1/boundaries?parent=3174');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(await regionCodes('3174', 'kecamatan'));
    const first = body.features[0];
    expect(first).toMatchObject({ type: 'Feature', properties: { code: first.id, level: 'kecamatan' } });
    expect(first.properties.name).toBeTruthy();
    expect(['Polygon', 'MultiPolygon']).toContain(first.geometry.type);
    const [w, s, e, n] = body.bbox;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
    expect(res.headers['cache-control']).toBe('private, no-cache');

    const outline = (await get(p.supervisorJakSel, '/api/v1/boundaries?code=3174')).json();
    expect(outline.features.map((f: { id: string }) => f.id)).toEqual(['3174']);
  });

  it('answers 304 to a current ETag', async () => {
    const first = await get(p.supervisorJakSel, '/api/v1/boundaries?parent=317401');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(p.supervisorJakSel, '/api/v1/boundaries?parent=317401', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('keeps to the scope: another district is 404, the provinces are only its own', async () => {
    expect((await get(p.supervisorJakSel, '/api/v1/boundaries?parent=3171')).statusCode).toBe(404);
    expect((await get(p.supervisorJakSel, '/api/v1/boundaries?code=3171')).statusCode).toBe(404);
    expect((await get(p.supervisorJakSel, '/api/v1/boundaries?code=3171010001')).statusCode).toBe(404);
    const provinces = (await get(p.supervisorJakSel, '/api/v1/boundaries')).json();
    expect(provinces.features.map((f: { id: string }) => f.id)).toEqual(['31']);
    const province = (await get(p.provinsi31, '/api/v1/boundaries?parent=31')).json();
    expect(province.features.map((f: { id: string }) => f.id)).toEqual(['3171', '3174']);
    expect((await get(p.provinsi31, '/api/v1/boundaries?parent=32')).statusCode).toBe(404);
  });
});

describe('loading boundaries', () => {
  const desa = '3174011001';

  it('siks boundaries load lists the unknown code and loads the rest', async () => {
    const audits = await auditCount('BOUNDARY_LOAD');
    const file = tempFile(
      'batas.geojson',
      collection(
        feature({ KDEPUM: '31.74.01.1001', NAMOBJ: 'Tebet Barat' }, square(106.84, -6.24)),
        feature({ kode: '317402' }, square(106.85, -6.25, 0.02)),
        feature({ kode_wilayah: '9999999999' }, square(106.9, -6.3)),
        feature({ nama: 'tanpa kode' }, square(106.9, -6.3)),
      ),
    );
    const r = await siks('boundaries', 'load', file);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('loaded 2 shapes from batas.geojson (1 kecamatan, 1 desa)');
    expect(r.out).toContain('unknown codes, not loaded (1): 9999999999');
    expect(r.out).toContain('features without a code property, not loaded: 1');
    const stored = await shapeOf(desa);
    expect(stored).toMatchObject({
      origin: 'LOAD',
      source: 'batas.geojson',
      level: 'desa',
      parent_code: '317401',
      west: 106.84,
      north: -6.23,
    });
    expect(await shapeOf('9999999999')).toBeUndefined();
    expect(await auditCount('BOUNDARY_LOAD')).toBe(audits + 1);
  });

  it('refuses a file with an invalid geometry whole, naming the feature code, and changes nothing', async () => {
    const before = await ctx.database.db.selectFrom('region_boundaries').selectAll().orderBy('code').execute();
    const audits = await auditCount('BOUNDARY_LOAD');
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [106.8, -6.3],
          [106.81, -6.29],
          [106.81, -6.3],
          [106.8, -6.29],
          [106.8, -6.3],
        ],
      ],
    };
    const file = tempFile(
      'rusak.geojson',
      collection(feature({ kode: desa }, square(106.7, -6.2)), feature({ kode: '3174011002' }, bowTie)),
    );
    const r = await siks('boundaries', 'load', file);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('3174011002');
    expect(r.err).toContain('intersects itself');
    for (const [name, geometry] of [
      [
        'unclosed',
        {
          type: 'Polygon',
          coordinates: [
            [
              [106.8, -6.3],
              [106.81, -6.3],
              [106.81, -6.29],
              [106.8, -6.29],
            ],
          ],
        },
      ],
      [
        'short',
        {
          type: 'Polygon',
          coordinates: [
            [
              [106.8, -6.3],
              [106.81, -6.3],
              [106.8, -6.3],
            ],
          ],
        },
      ],
      ['range', square(206.8, -6.3)],
      ['point', { type: 'Point', coordinates: [106.8, -6.3] }],
    ] as const) {
      const res = await upload(p.pusdatin, `${name}.geojson`, collection(feature({ kode: '3174011003' }, geometry)));
      expect(res.statusCode, name).toBe(400);
      expect(res.json().code).toBe('BOUNDARY_GEOMETRY_INVALID');
      expect(res.json().message, name).toContain('3174011003');
    }
    expect(await ctx.database.db.selectFrom('region_boundaries').selectAll().orderBy('code').execute()).toEqual(before);
    expect(await auditCount('BOUNDARY_LOAD')).toBe(audits);
  });

  it('replaces the earlier shape of a code on a later load (through the route)', async () => {
    const res = await upload(p.pusdatin, 'baru.json', collection(feature({ code: 3174011001 }, square(106.86, -6.26))));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'baru.json', features: 1, loaded: 1, replaced: 1, unknownCodes: [], withoutCode: 0 });
    expect(await shapeOf(desa)).toMatchObject({ origin: 'LOAD', source: 'baru.json', west: 106.86 });
    const listed = (await get(p.supervisorJakSel, '/api/v1/boundaries?code=3174011001')).json();
    expect(listed.bbox).toEqual([106.86, -6.26, 106.87, -6.25]);
  });

  it('reads a zipped Shapefile keyed by KDEPUM', async () => {
    const ring: [number, number][] = [
      [106.82, -6.27],
      [106.83, -6.27],
      [106.83, -6.26],
      [106.82, -6.26],
    ];
    const zip = zippedShapefile([
      { code: '31.74.01.1002', ring },
      { code: '31.74.99.9999', ring },
    ]);
    const res = await upload(p.pusdatin, 'desa.zip', zip);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ features: 2, loaded: 1, byLevel: { desa: 1 }, unknownCodes: ['3174999999'] });
    const stored = await shapeOf('3174011002');
    expect(stored).toMatchObject({ origin: 'LOAD', source: 'desa.zip', west: 106.82, south: -6.27, east: 106.83, north: -6.26 });
    expect((stored!.geometry as { type: string }).type).toBe('Polygon');
  });

  it('is for Pusdatin only', async () => {
    for (const who of [p.provinsi31, p.supervisorJakSel, p.pfm]) {
      const res = await upload(who, 'x.geojson', collection(feature({ code: desa }, square(106.8, -6.3))));
      expect(res.statusCode, who.username).toBe(403);
    }
  });

  it('refuses what is no boundary file', async () => {
    const res = await upload(p.pusdatin, 'x.geojson', Buffer.from('{"type":"Point"}'));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BOUNDARY_FILE_UNREADABLE');
    const zip = await upload(p.pusdatin, 'x.zip', Buffer.from('PK\u0003\u0004broken'));
    expect(zip.json().code).toBe('BOUNDARY_FILE_UNREADABLE');
    // A ZIP whose directory announces 300 MiB unpacked is refused before anything is inflated.
    const bomb = Buffer.from(zipSync({ 'desa.shp': new Uint8Array(1000) }));
    bomb.writeUInt32LE(300 * 1024 * 1024, bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    const refused = await upload(p.pusdatin, 'bom.zip', bomb);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().code).toBe('BOUNDARY_FILE_TOO_LARGE');
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { makeNik } from '../../src/shared/nik.ts';
import { type PackageHeader, packageZip } from '../../src/shared/siks/index.ts';
import { seedDemoLists, seedDistrict } from '../../src/server/modules/demo/index.ts';
import { openPeriod } from '../../src/server/modules/periods/index.ts';
import { type AppContext, CLI_ACTOR } from '../../src/server/platform/context.ts';
import { writePackage } from '../../src/server/platform/siks-node.ts';
import { handFileKey, handSeal, handZip } from '../fixtures/siks/hand-zip.ts';
import type { TestApp } from './http.ts';

/** A release of the system for a district and period, as if a supervisor had downloaded it. */
export async function makeRelease(ctx: AppContext, kab: string, period: string): Promise<{ id: string; packageKey: Uint8Array }> {
  const id = randomUUID();
  const packageKey = randomBytes(32);
  await ctx.database.db
    .insertInto('releases')
    .values({
      id,
      kab_kota: kab,
      period,
      package_key: packageKey.toString('base64'),
      counts: JSON.stringify({ households: 0, members: 0, kpm: 0, pbi: 0 }),
      finalization: null,
      created_by: null,
    })
    .execute();
  return { id, packageKey };
}

export const IMPORT_PERIOD = '2019-01';

/**
 * The registry the import tests work on: district 3174 (200 households without mistakes, package
 * scope 317401), district 3171 (5 households), period 2019-01 open; with `lists`, the demo KPM and
 * PBI lists of 3174. Returns a release of 3174 for that period.
 */
export async function seedImportBed(ctx: AppContext, opts: { lists?: boolean } = {}) {
  await seedDistrict(ctx, { kab: '3174', households: 200, seed: 21, mistakeRate: 0 });
  await seedDistrict(ctx, { kab: '3171', households: 5, seed: 22 });
  await openPeriod(ctx, CLI_ACTOR, { code: IMPORT_PERIOD, startsOn: '2019-01-01', endsOn: '2019-06-30' });
  if (opts.lists) await seedDemoLists(ctx, '3174', '2019-01-01');
  return makeRelease(ctx, '3174', IMPORT_PERIOD);
}

/** What a package is built from: the format page's header fields, its proposal lines and photos. */
export interface PackageSpec {
  release: { id: string; packageKey: Uint8Array };
  kab: string;
  period: string;
  scope: string[];
  proposals: object[];
  /** Photos (JPEG or PNG bytes) as `media/<sha256>.jpg|png` entries. */
  media?: Uint8Array[];
  id?: string;
  operator?: { username: string; name: string };
  module?: 'BDT' | 'BSP' | 'PBI' | (string & {});
}

function headerOf(opts: PackageSpec, id: string): PackageHeader {
  return {
    kind: 'package',
    formatVersion: 1,
    id,
    createdAt: new Date().toISOString(),
    app: { name: 'SIKS-NG Offline (test)', version: '1' },
    kabKota: opts.kab,
    period: opts.period,
    key: { kdf: 'hkdf-sha256', release: opts.release.id },
    module: 'BDT',
    dictionaryVersion: 1,
    operator: opts.operator ?? { username: 'op_tebet', name: 'Operator Tebet' },
    scope: opts.scope,
    counts: { proposals: opts.proposals.length },
  };
}

/**
 * A `.siks` package as the offline app writes it (built from the format page's fields); module BDT
 * unless told. A module the format does not know is sealed by hand (the codec's writer refuses it).
 */
export async function buildPackage(opts: PackageSpec): Promise<{ id: string; bytes: Uint8Array }> {
  const id = opts.id ?? randomUUID();
  const header = headerOf(opts, id);
  const module: string = opts.module ?? 'BDT';
  const content = { proposals: opts.proposals as never, media: opts.media };
  if (module === 'BDT' || module === 'BSP' || module === 'PBI') {
    header.module = module;
    return { id, bytes: await writePackage(header, content, opts.release.packageKey) };
  }
  const body = packageZip(header, content);
  return { id, bytes: handSeal({ header: { ...header, module }, body, key: handFileKey(opts.release.packageKey, id, 'package') }) };
}

/**
 * A BDT package sealed by hand whose media entries are exactly `entries` (any name and bytes, so a
 * damaged photo can be carried: a hash that does not match, an oversize entry, bytes that are no image).
 */
export function buildPackageWithEntries(opts: Omit<PackageSpec, 'media' | 'module'>, entries: { name: string; data: Uint8Array }[]) {
  const id = opts.id ?? randomUUID();
  const proposals = `${opts.proposals.map((x) => JSON.stringify(x)).join('\n')}\n`;
  const body = handZip([{ name: 'proposals.ndjson', data: proposals }, ...entries.map((e) => ({ ...e, method: 0 }))]);
  return { id, bytes: handSeal({ header: headerOf(opts, id), body, key: handFileKey(opts.release.packageKey, id, 'package') }) };
}

/** A small real JPEG (a plain colour, `width`×`height`), as a camera photo scaled by the offline app would be. */
export async function smallJpeg(colour = '#c0392b', width = 64, height = 48): Promise<Uint8Array> {
  const sharp = (await import('sharp')).default;
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: colour } })
      .jpeg({ quality: 80 })
      .toBuffer(),
  );
}

/** Uploads a package to Import Data with these (bearer) headers; answers as the route does (202 with the import id). */
export function postPackage(app: Pick<TestApp, 'inject'>, auth: Record<string, string>, bytes: Uint8Array, fileName?: string) {
  const body = fileUpload(bytes, fileName);
  return app.inject({ method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: { ...body.headers, ...auth } });
}

/** A multipart body with one file in the field `file`. */
export function fileUpload(bytes: Uint8Array, fileName = 'paket.siks', field = 'file') {
  const boundary = `----siks${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const BSP_NULLS = { replacementIdbdt: null, reason: null, id_pengurus: null, no_kks: null, no_rekening: null };
const PROGRAMME_LINE_AT = '2019-02-11T09:00:00+07:00';

/** A BSP_GANTI line: `replacement` takes the place of the KPM `idbdt` in `program` (reason 2, pindah, unless told). */
export const bspGanti = (idbdt: string, replacement: string, extra: object = {}, program: 'BPNT' | 'RASTRA' = 'BPNT') => ({
  proposalId: randomUUID(),
  type: 'BSP_GANTI',
  program,
  idbdt,
  note: '',
  createdAt: PROGRAMME_LINE_AT,
  ...BSP_NULLS,
  replacementIdbdt: replacement,
  reason: 2,
  ...extra,
});

/** A BSP_NONAKTIF line removing the KPM `idbdt` from `program` (reason 3, mampu, unless told). */
export const bspNonaktif = (idbdt: string, extra: object = {}, program: 'BPNT' | 'RASTRA' = 'BPNT') => ({
  proposalId: randomUUID(),
  type: 'BSP_NONAKTIF',
  program,
  idbdt,
  note: '',
  createdAt: PROGRAMME_LINE_AT,
  ...BSP_NULLS,
  reason: 3,
  ...extra,
});

/** A BSP_UBAH line changing the KPM's pengurus and/or KKS/account numbers (`change` holds them). */
export const bspUbah = (
  idbdt: string,
  change: { id_pengurus?: string; no_kks?: string; no_rekening?: string },
  extra: object = {},
  program: 'BPNT' | 'RASTRA' = 'BPNT',
) => ({
  proposalId: randomUUID(),
  type: 'BSP_UBAH',
  program,
  idbdt,
  note: '',
  createdAt: PROGRAMME_LINE_AT,
  ...BSP_NULLS,
  ...change,
  ...extra,
});

/** A PBI_NONAKTIF line (reason 1, meninggal, unless told). */
export const pbiNonaktif = (idartbdt: string, extra: object = {}) => ({
  proposalId: randomUUID(),
  type: 'PBI_NONAKTIF',
  idartbdt,
  reason: 1,
  note: '',
  createdAt: PROGRAMME_LINE_AT,
  ...extra,
});

/** A PBI_USUL line proposing the member as a new participant. */
export const pbiUsul = (idartbdt: string, extra: object = {}) => ({
  proposalId: randomUUID(),
  type: 'PBI_USUL',
  idartbdt,
  reason: null,
  note: '',
  createdAt: PROGRAMME_LINE_AT,
  ...extra,
});

/** A PERBAIKAN proposal for a household at its version (correcting `lantai` unless told otherwise). */
export const perbaikan = (h: { idbdt: string; version: number }, extra: object = {}) => ({
  proposalId: randomUUID(),
  type: 'PERBAIKAN',
  idbdt: h.idbdt,
  baseVersion: h.version,
  verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-11', musdesAt: '2019-02-20', note: '' },
  household: { lantai: 2 },
  members: [],
  media: [],
  createdAt: '2019-02-11T09:00:00+07:00',
  ...extra,
});

/** A complete USULAN_BARU proposal with one member (the head) in a desa. */
export function usulanBaru(desa: string) {
  const head = {
    nik: makeNik({ regionPrefix6: desa.slice(0, 6), birthDate: '1985-04-12', sex: 1, serial: 9001 }),
    no_kk: '3174010101190001',
    nuk: 1,
    nama: 'Bambang Sutejo',
    hub_krt: 1,
    hubkel: 1,
    jenis_kelamin: 1,
    tempat_lahir: 'Jakarta',
    tanggal_lahir: '1985-04-12',
    sta_kawin: 1,
    ada_akta_nikah: null,
    ada_dikk: true,
    sta_hamil: null,
    jenis_cacat: 0,
    penyakit_kronis: 0,
    partisipasi_sekolah: 2,
    pendidikan_tertinggi: 5,
    kelas_tertinggi: 3,
    ijazah_tertinggi: 3,
    sta_bekerja: true,
    lapangan_usaha: 9,
    status_pekerjaan: 4,
    sta_keberadaan_art: 1,
    nama_ibu_kandung: 'Sumarni',
  };
  return {
    proposalId: randomUUID(),
    type: 'USULAN_BARU',
    household: {
      kode_wilayah: desa,
      alamat: 'Jl. Tebet Barat Dalam No. 5',
      nama_sls: 'RT 001 RW 002',
      sta_bangunan: 2,
      sta_lahan: null,
      luas_lantai: 24,
      lantai: 2,
      dinding: 1,
      kondisi_dinding: 1,
      atap: 4,
      kondisi_atap: 1,
      jumlah_kamar: 1,
      sumber_airminum: 2,
      nomor_meter_air: null,
      cara_peroleh_airminum: 1,
      sumber_penerangan: 1,
      daya: 2,
      nomor_pln: null,
      bb_masak: 2,
      nomor_gas: null,
      fasbab: 1,
      kloset: 1,
      buang_tinja: 1,
      ada_tabung_gas: true,
      ada_lemari_es: false,
      ada_ac: false,
      ada_pemanas: false,
      ada_telepon: false,
      ada_tv: true,
      ada_emas: false,
      ada_laptop: false,
      ada_sepeda: false,
      ada_motor: true,
      ada_mobil: false,
      ada_perahu: false,
      ada_motor_tempel: false,
      ada_perahu_motor: false,
      ada_kapal: false,
      aset_tak_bergerak: false,
      luas_atb: null,
      rumah_lain: false,
      jumlah_sapi: 0,
      jumlah_kerbau: 0,
      jumlah_kuda: 0,
      jumlah_babi: 0,
      jumlah_kambing: 0,
      sta_art_usaha: false,
      sta_kks: false,
      sta_kip: false,
      sta_kis: false,
      sta_bpjs_mandiri: false,
      sta_jamsostek: false,
      sta_asuransi: false,
      sta_pkh: false,
      sta_rastra: false,
      sta_kur: false,
      lat: null,
      lng: null,
    },
    members: [{ op: 'add', tempId: 'a1', fields: head }],
    media: [],
    createdAt: '2019-02-12T10:00:00+07:00',
  };
}

/** A new-born daughter (2018-12-01) as a correction adds her to a household of a desa; `fields` name her and give her NIK. */
export function newborn(desa: string, fields: { nik: string; nama: string }) {
  return {
    ...usulanBaru(desa).members[0]!.fields,
    hub_krt: 3,
    hubkel: 3,
    jenis_kelamin: 2,
    tanggal_lahir: '2018-12-01',
    sta_kawin: 1,
    ada_akta_nikah: null,
    partisipasi_sekolah: 0,
    pendidikan_tertinggi: null,
    kelas_tertinggi: null,
    ijazah_tertinggi: 0,
    sta_bekerja: false,
    lapangan_usaha: null,
    status_pekerjaan: null,
    sta_keberadaan_art: 4,
    ...fields,
  };
}

/**
 * The first `n` households of a region prefix by IDBDT (after `offset`; only AKTIF ones with
 * `aktif`), with their version, roof and members: subjects of proposals.
 */
export async function householdsWithMembers(ctx: AppContext, prefix: string, n: number, o: { offset?: number; aktif?: boolean } = {}) {
  const hs = await ctx.database.db
    .selectFrom('households')
    .select(['idbdt', 'version', 'kode_wilayah', 'kondisi_atap'])
    .where('kode_wilayah', 'like', `${prefix}%`)
    .$if(o.aktif === true, (qb) => qb.where('status', '=', 'AKTIF'))
    .orderBy('idbdt')
    .offset(o.offset ?? 0)
    .limit(n)
    .execute();
  return Promise.all(
    hs.map(async (h) => ({
      ...h,
      members: await ctx.database.db.selectFrom('members').selectAll().where('idbdt', '=', h.idbdt).orderBy('idartbdt').execute(),
    })),
  );
}

// The SQL sieve of a baseline load (baseline.checks.ts) against the shared JavaScript validator: on
// households with one wrong value each (every field type, code lists, ranges, lengths, dates, NIK,
// requiredWhen/forbiddenWhen, R1, R6, R11), every household the validator faults must be a suspect,
// every error it finds must be in the load's report, and the derived fields must be the same.
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ctx, regionCodes, setupTestBed } from '../../../../test/support/bed.ts';
import { deriveHouseholdFields } from '../../../shared/rules/index.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { now } from '../../platform/clock.ts';
import { CLI_ACTOR } from '../../platform/context.ts';
import { deriveAndSieve } from './baseline.checks.ts';
import * as q from './baseline.queries.ts';
import { BASELINE_COLUMNS, baselineLine, sampleHouseholds, writeBaselineCsv } from './baseline.sample.ts';
import { confirmBaseline, loadBaseline, recordErrors } from './baseline.service.ts';

setupTestBed(async (c) => {
  await c.database.db
    .insertInto('periods')
    .values({ code: '2019-01', name: 'BDT Januari 2019', starts_on: '2019-01-01', ends_on: '2019-06-30' })
    .execute();
});

type Row = Record<string, unknown>;
type Mutation = (h: Row, members: Row[]) => void;
const set =
  (field: string, value: unknown): Mutation =>
  (h) => {
    h[field] = value;
  };
const setMember =
  (index: number, values: Row): Mutation =>
  (_h, members) => {
    const m = members[index] ?? members[0];
    if (m) Object.assign(m, values);
  };
const nik = (m: Row, middle: string, serial = '0001') => `${String(m.nik).slice(0, 6)}${middle}${serial}`;

const MUTATIONS: Mutation[] = [
  () => {}, // clean rows stay out of the validator's way
  set('kode_wilayah', '12345'),
  set('kode_wilayah', ''),
  set('alamat', 'x'.repeat(201)),
  set('alamat', ''),
  set('nama_sls', 'é'.repeat(90)), // 180 bytes, 90 characters: suspect, yet valid
  set('nama_sls', '😀'.repeat(51)), // 102 UTF-16 units: too long for the validator
  set('sta_bangunan', 9),
  set('sta_bangunan', 'abc'),
  set('sta_bangunan', '1.5'),
  (h) => Object.assign(h, { sta_bangunan: 1, sta_lahan: null }),
  (h) => Object.assign(h, { sta_bangunan: 2, sta_lahan: 1 }),
  set('luas_lantai', 0),
  set('luas_lantai', '10000,5'),
  set('luas_lantai', 'banyak'),
  set('jumlah_kamar', 51),
  set('jumlah_kamar', -1),
  set('jumlah_kamar', '2.5'),
  set('ada_tv', 'mungkin'),
  set('ada_tv', null),
  set('ada_tv', 'Ya'),
  (h) => Object.assign(h, { aset_tak_bergerak: false, luas_atb: 5 }),
  (h) => Object.assign(h, { aset_tak_bergerak: true, luas_atb: null }),
  (h) => Object.assign(h, { sumber_penerangan: 2, daya: 3 }),
  set('lat', 7),
  set('lng', '106,8'),
  set('persentil', 0),
  set('persentil', 101),
  set('idbdt', ''),
  setMember(0, { nik: '123' }),
  (_h, [m]) => m && Object.assign(m, { nik: nik(m, '310299') }),
  (_h, [m]) => m && Object.assign(m, { nik: nik(m, '290200') }), // 29 February 2000: a real date
  (_h, [m]) => m && Object.assign(m, { nik: nik(m, '290201') }),
  (_h, [m]) => m && Object.assign(m, { nik: nik(m, '400190') }),
  (_h, [m]) => m && Object.assign(m, { nik: nik(m, '010190', '0000') }),
  setMember(0, { no_kk: 'abc' }),
  setMember(1, { nuk: 16 }),
  setMember(1, { nuk: 0 }),
  setMember(0, { nama: 'a'.repeat(101) }),
  setMember(0, { nama: '' }),
  setMember(1, { hub_krt: 9 }),
  setMember(1, { hub_krt: 1, sta_keberadaan_art: 1 }), // two heads
  setMember(0, { sta_keberadaan_art: 2 }), // the head has moved out: no head
  setMember(1, { tanggal_lahir: '2023-02-29' }),
  setMember(1, { tanggal_lahir: '1990-13-01' }),
  setMember(1, { tanggal_lahir: '2999-01-01' }),
  setMember(1, { tanggal_lahir: '1800-01-01' }),
  setMember(1, { tanggal_lahir: '2020/01/01' }),
  setMember(1, { hub_krt: 2, sta_keberadaan_art: 1, sta_kawin: 1 }), // R6
  setMember(1, { sta_kawin: 1, ada_akta_nikah: 1 }),
  setMember(1, { sta_kawin: 2, ada_akta_nikah: null }),
  setMember(1, { jenis_kelamin: 1, sta_hamil: true }),
  setMember(1, { partisipasi_sekolah: 1, pendidikan_tertinggi: null }),
  setMember(1, { sta_bekerja: true, lapangan_usaha: null }),
  setMember(1, { sta_bekerja: false, lapangan_usaha: 3 }),
  setMember(1, { jenis_cacat: 13 }),
  setMember(1, { idartbdt: '' }),
  setMember(1, { idartbdt: '12' }),
  setMember(1, { ada_kks: 'kadang' }),
  setMember(0, { tempat_lahir: 'y'.repeat(61) }),
  (_h, members) => members.splice(0), // no members at all: R1
  (_h, members) => {
    for (const m of members) m.sta_keberadaan_art = 2; // nobody present: R1, and empty derived fields
  },
];

/** Loads two CSV texts as the district's baseline for 2019-01. */
const loadCsv = (kab: string, households: string, members: string) =>
  loadBaseline(ctx, CLI_ACTOR, {
    kab,
    period: '2019-01',
    files: [
      { name: 'households.csv', stream: Readable.from([Buffer.from(households)]) },
      { name: 'members.csv', stream: Readable.from([Buffer.from(members)]) },
    ],
  });

describe('baseline SQL sieve', () => {
  it('lets through to the validator every household it faults, and derives the same fields', async () => {
    const kab = '3171';
    const desa = (await regionCodes(kab, 'desa')).slice(0, 3).map((code) => ({ code, kecamatan: code.slice(0, 6) }));
    const generated = [...sampleHouseholds({ kab, desa, households: MUTATIONS.length * 2, seed: 13 })];
    let households = `${BASELINE_COLUMNS.households.join(',')}\r\n`;
    let members = `${BASELINE_COLUMNS.members.join(',')}\r\n`;
    generated.forEach((g, i) => {
      const h = { ...g.household } as Row;
      const ms = g.members.map((m) => ({ ...m }) as Row);
      // Each mutation twice: on a household with members, and again on the next one.
      MUTATIONS[i % MUTATIONS.length]?.(h, ms);
      households += baselineLine(BASELINE_COLUMNS.households, h);
      for (const m of ms) members += baselineLine(BASELINE_COLUMNS.members, { ...m, idbdt: g.household.idbdt });
    });
    const load = await loadCsv(kab, households, members);
    expect(load.status).toBe('INVALID');
    const { db } = ctx.database;
    const rows = (
      await db.selectFrom('baseline_households').select('row_no').where('load_id', '=', load.id).orderBy('row_no').execute()
    ).map((r) => r.row_no);
    const page = await q.stagedPage(db, kab, load.id, rows);
    const checkDate = districtDate(kab, now());
    const expected = recordErrors(kab, load.id, page, checkDate);
    expect(expected.length).toBeGreaterThan(MUTATIONS.length);

    // Every error of the validator over all households is in the report.
    const report = await db.selectFrom('baseline_errors').selectAll().where('load_id', '=', load.id).execute();
    const key = (sheet: unknown, row: unknown, column: unknown, code: unknown) => `${sheet}:${row}:${column}:${code}`;
    const reported = new Set(report.map((r) => key(r.sheet, r.row_no, r.column_name, r.code)));
    const missing = expected.filter((e) => !reported.has(key(e[2], e[3], e[4], e[5])));
    expect(missing).toEqual([]);

    // The derived fields as the validator's deriveHouseholdFields computes them.
    const derived = await db.selectFrom('baseline_derived').selectAll().where('load_id', '=', load.id).orderBy('row_no').execute();
    expect(derived.map((d) => d.row_no)).toEqual(rows);
    for (const d of derived) {
      const h = page.households.find((x) => x.row_no === d.row_no)!;
      const ms = page.members.filter((m) => h.idbdt !== null && m.idbdt === h.idbdt).map((m) => m.data as Row);
      expect({ row: d.row_no, ...deriveHouseholdFields(ms) }).toEqual({
        row: d.row_no,
        nama_krt: d.nama_krt,
        jumlah_art: d.jumlah_art,
        jumlah_keluarga: d.jumlah_keluarga,
      });
    }

    // Run again: the suspects include every household with an error, and leave the clean ones out.
    await db.deleteFrom('baseline_derived').where('load_id', '=', load.id).execute();
    const suspects = new Set(await ctx.database.transaction((tx) => deriveAndSieve(tx, kab, load.id, checkDate)));
    const faulted = new Set(
      expected.map((e) =>
        e[2] === 'households' ? e[3] : page.households.find((h) => h.idbdt === page.members.find((m) => m.row_no === e[3])?.idbdt)?.row_no,
      ),
    );
    expect([...faulted].filter((r) => !suspects.has(r as number))).toEqual([]);
    const clean = rows.filter((_r, i) => i % MUTATIONS.length === 0);
    expect(clean.filter((r) => suspects.has(r))).toEqual([]);
  });

  it('publishes into an empty registry with the indexes, keys and triggers built afterwards, the same as before', async () => {
    const { db } = ctx.database;
    const indexes = async () => [
      ...(
        await sql<{
          def: string;
        }>`select indexdef as def from pg_indexes where tablename in ('households', 'members') order by indexname`.execute(db)
      ).rows.map((r) => r.def),
      ...(
        await sql<{ def: string }>`select conname || ' ' || pg_get_constraintdef(oid) as def from pg_constraint
          where conrelid in ('households'::regclass, 'members'::regclass) order by conname`.execute(db)
      ).rows.map((r) => r.def),
      ...(
        await sql<{ def: string }>`select tgname || ' ' || tgenabled::text as def from pg_trigger
          where tgrelid in ('households'::regclass, 'members'::regclass) and not tgisinternal order by tgname`.execute(db)
      ).rows.map((r) => r.def),
    ];
    const before = await indexes();
    expect(before.filter((d) => d.startsWith('CREATE INDEX')).length).toBeGreaterThan(6);
    expect(before.some((d) => d.startsWith('members_household_fkey FOREIGN KEY'))).toBe(true);
    expect(before).toContain('members_figures_insert O');
    expect((await sql<{ n: number }>`select count(*)::int as n from members`.execute(db)).rows[0]?.n).toBe(0);
    const kab = '3172';
    const desa = (await regionCodes(kab, 'desa')).slice(0, 2).map((code) => ({ code, kecamatan: code.slice(0, 6) }));
    let households = '';
    let members = '';
    writeBaselineCsv(sampleHouseholds({ kab, desa, households: 15, seed: 4 }), {
      households: (l) => (households += l),
      members: (l) => (members += l),
    });
    const load = await loadCsv(kab, households, members);
    expect(load.status).toBe('READY');
    // Another district's load waits unpublished: its staged rows outlive this publish (no TRUNCATE).
    const otherDesa = (await regionCodes('3171', 'desa')).slice(0, 1).map((code) => ({ code, kecamatan: code.slice(0, 6) }));
    let otherHouseholds = '';
    let otherMembers = '';
    writeBaselineCsv(sampleHouseholds({ kab: '3171', desa: otherDesa, households: 3, seed: 5 }), {
      households: (l) => (otherHouseholds += l),
      members: (l) => (otherMembers += l),
    });
    const other = await loadCsv('3171', otherHouseholds, otherMembers);
    const stagedOf = async (id: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from baseline_members where load_id = ${id}`.execute(db)).rows[0]?.n;
    const otherStaged = await stagedOf(other.id);
    expect(otherStaged).toBe(otherMembers.trim().split('\r\n').length - 1);
    await confirmBaseline(ctx, CLI_ACTOR, load.id, {});
    expect(await stagedOf(load.id)).toBe(0);
    expect(await stagedOf(other.id)).toBe(otherStaged);
    expect(await indexes()).toEqual(before);
    // The district's figures are marked stale, as the statement triggers would have done.
    const stale = await sql<{ kab: string }>`select kab_kota as kab from district_figures_stale where kab_kota = ${kab}`.execute(db);
    expect(stale.rows.length).toBeGreaterThan(0);
    const published = await sql<{ n: number }>`select count(*)::int as n from members where idbdt like ${`${kab}%`}`.execute(db);
    expect(published.rows[0]?.n).toBe(members.trim().split('\r\n').length - 1);
  });
});

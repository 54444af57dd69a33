import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { app, auditCount, auditEntries, ctx, get, householdsOf, p, post, setupTestBed } from '../../../../test/support/bed.ts';
import { bearer } from '../../../../test/support/http.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { seedDistrict } from '../demo/index.ts';
import { listMembers } from '../households/index.ts';
import { pageCandidates } from './pkh.queries.ts';

setupTestBed(async (c) => {
  await seedDistrict(c, { kab: '3174', households: 40, seed: 21 });
  await seedDistrict(c, { kab: '3171', households: 10, seed: 22 });
});

const put = (who: Persona, url: string, payload: object) => app.inject({ method: 'PUT', url, payload, headers: bearer(who) });

type MemberPatch = {
  tanggal_lahir: string;
  jenis_kelamin?: 1 | 2;
  sta_hamil?: boolean | null;
  jenis_cacat?: number;
  partisipasi_sekolah?: 0 | 1 | 2;
  sta_keberadaan_art?: number;
};

let serial = 0;
/** A new AKTIF household of the region (a copy of an existing one) with exactly the members described. */
async function craftHousehold(region: string, members: MemberPatch[]): Promise<string> {
  const db = ctx.database.db;
  const template = await db.selectFrom('households').selectAll().where('kode_wilayah', 'like', `${region}%`).executeTakeFirstOrThrow();
  const person = await db.selectFrom('members').selectAll().where('idbdt', '=', template.idbdt).executeTakeFirstOrThrow();
  const idbdt = `${template.kode_wilayah}98${String(++serial).padStart(4, '0')}`;
  const { created_at: _c, updated_at: _u, ...h } = template;
  await db
    .insertInto('households')
    .values({ ...h, idbdt, status: 'AKTIF', version: 1, jumlah_art: members.length, nama_krt: 'Siti Aminah' })
    .execute();
  const { created_at: _mc, updated_at: _mu, ...m } = person;
  await db
    .insertInto('members')
    .values(
      members.map((x, i) => ({
        ...m,
        idartbdt: `${idbdt}${String(i + 1).padStart(2, '0')}`,
        idbdt,
        nuk: 1,
        hub_krt: i === 0 ? 1 : 3,
        nama: `Anggota ${i + 1}`,
        jenis_kelamin: x.jenis_kelamin ?? 1,
        sta_hamil: x.sta_hamil ?? (x.jenis_kelamin === 2 ? false : null),
        jenis_cacat: x.jenis_cacat ?? 0,
        partisipasi_sekolah: x.partisipasi_sekolah ?? 2,
        sta_keberadaan_art: x.sta_keberadaan_art ?? 1,
        tanggal_lahir: x.tanggal_lahir,
        ada_pkh: false,
        version: 1,
      })),
    )
    .execute();
  return idbdt;
}

const NONE = { ibu_hamil: 0, anak_usia_dini: 0, anak_sekolah: 0, lansia: 0, disabilitas_berat: 0 };
const ADULT: MemberPatch = { tanggal_lahir: '1990-03-10' };

describe('PKH components (set-based, present members, ages at the district date)', () => {
  it('counts each component at its boundaries', async () => {
    const asOf = '2026-06-15';
    const idbdt = await craftHousehold('317401', [
      { tanggal_lahir: '2020-06-15', partisipasi_sekolah: 1 }, // 6 today: school age, no longer under six
      { tanggal_lahir: '2020-06-16', partisipasi_sekolah: 0 }, // 5, turns 6 tomorrow: under six
      { tanggal_lahir: '2004-06-16', partisipasi_sekolah: 1 }, // 21, at school
      { tanggal_lahir: '2004-06-15', partisipasi_sekolah: 1 }, // 22 today: too old for the school component
      { tanggal_lahir: '1966-06-15' }, // 60 today: elderly
      { tanggal_lahir: '1966-06-16' }, // 59
      { tanggal_lahir: '1996-01-20', jenis_kelamin: 2, sta_hamil: true }, // pregnant
      { tanggal_lahir: '1990-01-01', jenis_cacat: 10 }, // mental retardation: severe
      { tanggal_lahir: '1991-01-01', jenis_cacat: 5 }, // deaf-mute alone: not severe
      { tanggal_lahir: '2016-01-01', partisipasi_sekolah: 2 }, // 10, no longer at school
      { tanggal_lahir: '2023-01-01', sta_keberadaan_art: 2 }, // died: not present
      { tanggal_lahir: '1950-01-01', sta_keberadaan_art: 3 }, // moved away: not present
    ]);
    const page = await pageCandidates(ctx.database.db, { kab: '3174', desa: '', asOf, page: 1, pageSize: 100, kecamatan: '317401' });
    const mine = page.items.find((i) => i.idbdt === idbdt);
    expect(mine?.components).toEqual({ ibu_hamil: 1, anak_usia_dini: 1, anak_sekolah: 2, lansia: 1, disabilitas_berat: 1 });
    // A day earlier the six-year-old was five and the sixty-year-old 59; the 22-year-old was 21.
    const before = await pageCandidates(ctx.database.db, { kab: '3174', asOf: '2026-06-14', page: 1, pageSize: 100, kecamatan: '317401' });
    expect(before.items.find((i) => i.idbdt === idbdt)?.components).toEqual({
      ibu_hamil: 1,
      anak_usia_dini: 2,
      anak_sekolah: 2,
      lansia: 0,
      disabilitas_berat: 1,
    });
  });

  it('lists only AKTIF households with a component, filtered by component, region, desil and nomination', async () => {
    const asOf = '2026-06-15';
    const none = await craftHousehold('317401', [ADULT, { tanggal_lahir: '1966-06-16' }]);
    const elderly = await craftHousehold('317401', [{ tanggal_lahir: '1950-01-01' }]);
    const gone = await craftHousehold('317401', [{ tanggal_lahir: '1950-01-01' }]);
    await ctx.database.db.updateTable('households').set({ status: 'NONAKTIF' }).where('idbdt', '=', gone).execute();
    const all = await pageCandidates(ctx.database.db, { kab: '3174', asOf, page: 1, pageSize: 100, kecamatan: '317401' });
    const ids = all.items.map((i) => i.idbdt);
    expect(ids).toContain(elderly);
    expect(ids).not.toContain(none);
    expect(ids).not.toContain(gone);
    expect(all.total).toBe(all.items.length);
    expect(all.items.every((i) => Object.values(i.components).some((n) => n > 0))).toBe(true);
    const lansia = await pageCandidates(ctx.database.db, { kab: '3174', asOf, component: 'lansia', page: 1, pageSize: 100 });
    expect(lansia.items.map((i) => i.idbdt)).toContain(elderly);
    expect(lansia.items.every((i) => i.components.lansia > 0)).toBe(true);
    const hamil = await pageCandidates(ctx.database.db, { kab: '3174', asOf, component: 'ibu_hamil', page: 1, pageSize: 100 });
    expect(hamil.items.map((i) => i.idbdt)).not.toContain(elderly);
    const desa = (
      await ctx.database.db.selectFrom('households').select('kode_wilayah').where('idbdt', '=', elderly).executeTakeFirstOrThrow()
    ).kode_wilayah;
    const inDesa = await pageCandidates(ctx.database.db, { kab: '3174', asOf, desa, page: 1, pageSize: 100 });
    expect(inDesa.items.every((i) => i.kode_wilayah === desa)).toBe(true);
    const persentil = (
      await ctx.database.db.selectFrom('households').select('persentil').where('idbdt', '=', elderly).executeTakeFirstOrThrow()
    ).persentil!;
    const desil = Math.ceil(persentil / 10);
    const inDesil = await pageCandidates(ctx.database.db, { kab: '3174', asOf, desil, page: 1, pageSize: 100 });
    expect(inDesil.items.map((i) => i.idbdt)).toContain(elderly);
    expect(inDesil.items.every((i) => Math.ceil(i.persentil! / 10) === desil)).toBe(true);
    // Paging: lowest persentil first, pages do not overlap.
    const p1 = await pageCandidates(ctx.database.db, { kab: '3174', asOf, page: 1, pageSize: 3 });
    const p2 = await pageCandidates(ctx.database.db, { kab: '3174', asOf, page: 2, pageSize: 3 });
    expect(p1.items).toHaveLength(3);
    expect(p2.items.map((i) => i.idbdt)).not.toContain(p1.items[0]!.idbdt);
    expect(p1.items[2]!.persentil! <= p2.items[0]!.persentil!).toBe(true);
  });
});

describe('GET /api/v1/pkh/candidates', () => {
  it("answers the supervisor's district at its date; masked for the province; 404 for another district", async () => {
    const idbdt = await craftHousehold('317401', [{ tanggal_lahir: '1940-05-05' }, ADULT]);
    const own = await get(p.supervisorJakSel, '/api/v1/pkh/candidates?kecamatan=317401&pageSize=100');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().asOf).toBe(districtDate('3174', new Date()));
    const item = own.json().items.find((i: { idbdt: string }) => i.idbdt === idbdt);
    expect(item).toMatchObject({ nama_krt: 'Siti Aminah', components: { ...NONE, lansia: 1 }, nomination: null });
    const prov = await get(p.provinsi31, '/api/v1/pkh/candidates?kab=3174&kecamatan=317401&pageSize=100');
    expect(prov.statusCode).toBe(200);
    expect(prov.json().items.find((i: { idbdt: string }) => i.idbdt === idbdt).nama_krt).toBe('S*** A***');
    expect((await get(p.supervisorOther, '/api/v1/pkh/candidates?kab=3174')).statusCode).toBe(404);
    expect((await get(p.operatorDesa, '/api/v1/pkh/candidates?kab=3174')).statusCode).toBe(403);
    const national = await get(p.pusdatin, '/api/v1/pkh/candidates');
    expect(national.statusCode).toBe(400);
    expect(national.json().code).toBe('PKH_DISTRICT_REQUIRED');
  });
});

describe('nominations and decisions', () => {
  it('the supervisor nominates; outside the scope is 404; twice is refused; all or none', async () => {
    const a = await craftHousehold('317401', [{ tanggal_lahir: '1940-05-05' }]);
    const b = await craftHousehold('317402', [{ tanggal_lahir: '1996-01-20', jenis_kelamin: 2, sta_hamil: true }]);
    const none = await craftHousehold('317401', [ADULT]);
    const [other] = await householdsOf('3171');
    // A household of another district: 404, like a missing one; nothing is saved.
    const outside = await post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [a, other!.idbdt] });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('NOT_FOUND');
    expect((await post(p.supervisorOther, '/api/v1/pkh/nominations', { idbdt: [a] })).statusCode).toBe(404);
    expect((await post(p.pusdatin, '/api/v1/pkh/nominations', { idbdt: [a] })).statusCode).toBe(403);
    const notEligible = await post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [a, none] });
    expect(notEligible.statusCode).toBe(409);
    expect(notEligible.json()).toMatchObject({ code: 'PKH_NOT_ELIGIBLE', details: { idbdt: [none] } });
    expect(notEligible.json().message).toContain(none);
    expect(await nominationsOf(a)).toEqual([]);

    const before = await auditCount('PKH_NOMINATE');
    const made = await post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [a] });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().items).toEqual([
      expect.objectContaining({
        idbdt: a,
        kab_kota: '3174',
        status: 'DIUSULKAN',
        nominated_by: '3174_supervisor',
        components: { ...NONE, lansia: 1 },
      }),
    ]);
    const [entry] = (await auditEntries('PKH_NOMINATE')).slice(before);
    expect(entry).toMatchObject({ actor_username: '3174_supervisor', region_code: '3174', subject: `household:${a}` });
    expect(await historyOf(made.json().items[0].id)).toEqual([{ old_status: null, new_status: 'DIUSULKAN' }]);

    // Twice: refused with the IDBDT named, and b (asked with it) is not nominated either.
    const twice = await post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [b, a] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PKH_ALREADY_NOMINATED');
    expect(twice.json().message).toContain(a);
    expect(await nominationsOf(b)).toEqual([]);
    expect(await auditCount('PKH_NOMINATE')).toBe(before + 1);

    // Two requests at once for the same household: exactly one nomination.
    const c = await craftHousehold('317401', [{ tanggal_lahir: '1941-05-05' }]);
    const both = await Promise.all([0, 1].map(() => post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [c] })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await nominationsOf(c)).toHaveLength(1);
  });

  it('only Pusdatin decides; DITERIMA sets ada_pkh and DITOLAK (with a reason) clears it; DITOLAK is final', async () => {
    const h = await craftHousehold('317401', [{ tanggal_lahir: '1940-05-05' }, ADULT]);
    const id: number = (await post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [h] })).json().items[0].id;
    const url = `/api/v1/pkh/nominations/${id}/status`;
    for (const who of [p.supervisorJakSel, p.provinsi31, p.pfm, p.operatorDesa]) {
      const res = await put(who, url, { status: 'DITERIMA' });
      expect([who.username, res.statusCode]).toEqual([who.username, 403]);
    }
    expect((await put(p.pusdatin, '/api/v1/pkh/nominations/987654321/status', { status: 'DITERIMA' })).statusCode).toBe(404);
    const noReason = await put(p.pusdatin, url, { status: 'DITOLAK', reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('PKH_REASON_REQUIRED');

    const before = await auditCount('PKH_DECIDE');
    const accepted = await put(p.pusdatin, url, { status: 'DITERIMA' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ id, status: 'DITERIMA', decided_by: 'pusdatin', decision_reason: null });
    expect(await adaPkh(h)).toEqual([true, true]);
    expect(await auditCount('PKH_DECIDE')).toBe(before + 1);
    const again = await put(p.pusdatin, url, { status: 'DITERIMA' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PKH_DECISION_NOT_ALLOWED');

    const refused = await put(p.pusdatin, url, { status: 'DITOLAK', reason: 'Tidak memenuhi syarat' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'DITOLAK', decision_reason: 'Tidak memenuhi syarat' });
    expect(await adaPkh(h)).toEqual([false, false]);
    expect(await historyOf(id)).toEqual([
      { old_status: null, new_status: 'DIUSULKAN' },
      { old_status: 'DIUSULKAN', new_status: 'DITERIMA' },
      { old_status: 'DITERIMA', new_status: 'DITOLAK' },
    ]);
    const [last] = (await auditEntries('PKH_DECIDE')).slice(-1);
    expect(last).toMatchObject({ actor_username: 'pusdatin', region_code: '3174', subject: `household:${h}` });
    expect(last!.text_id).toContain('Tidak memenuhi syarat');
    expect((await put(p.pusdatin, url, { status: 'DITERIMA' })).json().code).toBe('PKH_DECISION_NOT_ALLOWED');
    // After a refusal the household may be nominated again.
    expect((await post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [h] })).statusCode).toBe(201);
    expect(await nominationsOf(h)).toEqual(['DITOLAK', 'DIUSULKAN']);
  });

  it('the list is scoped (district, province, nation) and masked for the province', async () => {
    const h = await craftHousehold('317401', [{ tanggal_lahir: '1940-05-05' }]);
    await post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [h] });
    const own = (await get(p.supervisorJakSel, '/api/v1/pkh/nominations?pageSize=100')).json();
    expect(own.items.map((i: { idbdt: string }) => i.idbdt)).toContain(h);
    expect(own.total).toBe(await countNominations('3174'));
    const other = await get(p.supervisorOther, '/api/v1/pkh/nominations?pageSize=100');
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('3174');
    expect((await get(p.supervisorOther, '/api/v1/pkh/nominations?kab=3174')).statusCode).toBe(404);
    const prov = (await get(p.provinsi31, '/api/v1/pkh/nominations?pageSize=100')).json();
    expect(prov.items.find((i: { idbdt: string }) => i.idbdt === h).nama_krt).toBe('S*** A***');
    const national = (await get(p.pusdatin, '/api/v1/pkh/nominations?status=DIUSULKAN&pageSize=100')).json();
    expect(national.items.map((i: { idbdt: string }) => i.idbdt)).toContain(h);
    expect(national.items.every((i: { status: string }) => i.status === 'DIUSULKAN')).toBe(true);
    const candidates = (await get(p.supervisorJakSel, '/api/v1/pkh/candidates?kecamatan=317401&pageSize=100')).json();
    expect(candidates.items.find((i: { idbdt: string }) => i.idbdt === h).nomination).toMatchObject({ status: 'DIUSULKAN' });
    const open = (await get(p.supervisorJakSel, '/api/v1/pkh/candidates?kecamatan=317401&pageSize=100&unnominated=true')).json();
    expect(open.items.map((i: { idbdt: string }) => i.idbdt)).not.toContain(h);
  });

  it('the export is streamed in the asked format and logged; masked for the province', async () => {
    const h = await craftHousehold('317401', [{ tanggal_lahir: '1940-05-05' }]);
    await post(p.supervisorJakSel, '/api/v1/pkh/nominations', { idbdt: [h] });
    const before = await auditCount('PKH_EXPORT');
    const csv = await get(p.supervisorJakSel, '/api/v1/pkh/nominations/export?format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="Usulan_PKH_3174_\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toContain('IDBDT');
    expect(lines).toHaveLength((await countNominations('3174')) + 1);
    expect(lines.find((l) => l.includes(h))).toContain('Siti Aminah');
    const xlsx = await get(p.supervisorJakSel, '/api/v1/pkh/nominations/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const prov = await get(p.provinsi31, '/api/v1/pkh/nominations/export?format=csv&kab=3174');
    expect(prov.body).not.toContain('Siti Aminah');
    expect(prov.body.split('\r\n').find((l) => l.includes(h))).toContain('S*** A***');
    const entries = (await auditEntries('PKH_EXPORT')).slice(before);
    expect(entries.map((e) => [e.actor_username, e.region_code])).toEqual([
      ['3174_supervisor', '3174'],
      ['3174_supervisor', '3174'],
      ['provinsi_31', '3174'],
    ]);
    expect((await get(p.supervisorOther, '/api/v1/pkh/nominations/export?format=csv&kab=3174')).statusCode).toBe(404);
    expect(await auditCount('PKH_EXPORT')).toBe(before + 3);
  });
});

async function nominationsOf(idbdt: string): Promise<string[]> {
  const rows = await ctx.database.db.selectFrom('pkh_nominations').select('status').where('idbdt', '=', idbdt).orderBy('id').execute();
  return rows.map((r) => r.status);
}

async function historyOf(id: number) {
  return ctx.database.db
    .selectFrom('pkh_nomination_history')
    .select(['old_status', 'new_status'])
    .where('nomination_id', '=', id)
    .orderBy('id')
    .execute();
}

async function adaPkh(idbdt: string): Promise<boolean[]> {
  // As the household page reads them: derived from the nominations (programs/flags.ts).
  return (await listMembers(ctx.database.db, idbdt.slice(0, 4), idbdt)).map((r) => r.ada_pkh);
}

async function countNominations(kab: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from pkh_nominations where kab_kota = ${kab}`.execute(ctx.database.db);
  return Number(rows[0]!.n);
}

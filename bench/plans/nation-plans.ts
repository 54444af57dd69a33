// Plan hunt (issue 18): every district operation a supervisor or operator of district 3201 uses, run
// once through the application in-process (buildApp + inject: the routes call the module services),
// each between `select 'MARK <name> start'` and `'MARK <name> end'` so the server log can be cut per
// operation (bench/plans/statement-times.py, bench/plans/nation-compare.py; bench/plans/README.md). Database: DATABASE_URL.
// Usage: DATABASE_URL=postgres://… SIKS_AUDIT_KEY=… npx tsx bench/plans/nation-plans.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openContext } from '../../src/server/bootstrap.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { findOpenPeriod, openPeriod } from '../../src/server/modules/periods/index.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { makeRelease } from '../../test/support/packages.ts';
import { benchUser, importFloorProposals } from '../support.ts';

const KAB = '3201';
const PERIOD = { code: '2026-07', startsOn: '2026-07-01', endsOn: '2026-12-31' };
const { ctx, close } = await openContext(
  loadConfig({ ...process.env, SIKS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'siks-plans-')), SIKS_TEST_FAST_HASHING: '1' }),
);
const db = ctx.database.db;
if (!(await findOpenPeriod(ctx))) await openPeriod(ctx, CLI_ACTOR, PERIOD);
const app = await buildApp(ctx);
const stamp = Date.now();
const sup = await benchUser(ctx, `${KAB}_plans_sup_${stamp}`, 'SUPERVISOR', [KAB]);
const sup2 = await benchUser(ctx, `3202_plans_sup_${stamp}`, 'SUPERVISOR', ['3202']);
const pusdatin = await benchUser(ctx, `plans_pusdatin_${stamp}`, 'PUSDATIN', []);

const times: Record<string, number> = {};
async function mark<T>(name: string, fn: () => Promise<T>): Promise<T> {
  await sql`select ${sql.lit(`MARK ${name} start`)}`.execute(db);
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    times[name] = +(performance.now() - t0).toFixed(1);
    await sql`select ${sql.lit(`MARK ${name} end`)}`.execute(db);
  }
}
type Who = { token: string };
async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const res = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${who.token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  if (res.statusCode >= 300) console.error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  const type = String(res.headers['content-type'] ?? '');
  return type.includes('json') ? res.json() : { bytes: res.rawPayload.length };
}
const get = (who: Who, url: string) => call(who, 'GET', url);
const op_ = async (name: string, who: Who, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
  mark(name, () => call(who, method, url, body));

// What the operations look at: fixed picks (same on both databases: the district is seeded alike).
const pick = async <R>(q: ReturnType<typeof sql<R>>) => (await q.execute(db)).rows[0]!;
const hh = await pick(sql<{ idbdt: string; kode_wilayah: string }>`
  select h.idbdt, h.kode_wilayah from households h where h.kab_kota = ${KAB} and h.status = 'AKTIF'
   and exists (select 1 from members m where m.kab_kota = ${KAB} and m.idbdt = h.idbdt) order by h.idbdt offset 5000 limit 1`);
const desa = hh.kode_wilayah.slice(0, 10);
const member = await pick(sql<{ nama: string; nik: string }>`
  select nama, nik from members where kab_kota = ${KAB} and idbdt = ${hh.idbdt} and nik is not null order by idartbdt limit 1`);
const kec = desa.slice(0, 6);
const namePrefix = member.nama.split(' ')[0]!.slice(0, 5);
// The operator works in a kecamatan of the district (the role's scope).
const op = await benchUser(ctx, `${KAB}_plans_op_${stamp}`, 'OPERATOR', [desa.slice(0, 6)]);
const desa3202 = await pick(
  sql<{ code: string }>`select code from regions where level = 'desa' and code like '3202%' order by code limit 1`,
);

// Finalisation prints the district's profile: fill it once (setup, not an operation).
await sql`insert into district_profiles (kab_code, nama_instansi, alamat, nama_bupati, nama_kepala_dinas, nip_kepala_dinas)
  values (${KAB}, 'Dinas Sosial', 'Jl. Raya 1', 'Bupati', 'Kepala Dinas', '196501011990031001')
  on conflict (kab_code) do nothing`.execute(db);

// 1. Import of a few hundred proposals (floor changes) against a fresh release.
const release = await makeRelease(ctx, KAB, PERIOD.code);
await mark('import', () => importFloorProposals(ctx, sup.actor, { kab: KAB, period: PERIOD.code, release, count: 400 }));
const importId = (await pick(sql<{ id: string }>`select id from imports where kab_kota = ${KAB} order by uploaded_at desc limit 1`)).id;

// 2. Household list and page (operator and supervisor use the same routes).
await op_('hh-list', sup, 'GET', '/api/v1/households?page=1&pageSize=25');
await op_('hh-list-deep', sup, 'GET', '/api/v1/households?page=3000&pageSize=25');
await op_('hh-list-desa', sup, 'GET', `/api/v1/households?desa=${desa}&page=1&pageSize=25`);
await op_('hh-list-status', sup, 'GET', '/api/v1/households?status=NONAKTIF&page=1&pageSize=25');
await op_('hh-list-desil', sup, 'GET', '/api/v1/households?desil=1&page=2&pageSize=25');
await op_('hh-list-program', sup, 'GET', '/api/v1/households?program=PBI&page=2&pageSize=25');
await op_('hh-search-name', sup, 'GET', `/api/v1/households?q=${encodeURIComponent(namePrefix)}&page=1&pageSize=25`);
await op_('hh-search-nik', sup, 'GET', `/api/v1/households?q=${member.nik}&page=1&pageSize=25`);
await op_('hh-list-op', op, 'GET', '/api/v1/households?page=2&pageSize=25');
await op_('hh-search-op', op, 'GET', `/api/v1/households?q=${encodeURIComponent(namePrefix)}&page=1&pageSize=25`);
await op_('hh-page', sup, 'GET', `/api/v1/households/${hh.idbdt}`);
await op_('hh-media', sup, 'GET', `/api/v1/households/${hh.idbdt}/media`);
await op_('hh-relocations', sup, 'GET', `/api/v1/relocations?idbdt=${hh.idbdt}&direction=out`);

// 3. Proposals: lists per tab and status, a page, single decisions, bulk approval, feedback.
await op_('prop-list', sup, 'GET', '/api/v1/proposals?status=MENUNGGU&page=1&pageSize=25');
await op_('prop-list-perbaikan', sup, 'GET', '/api/v1/proposals?tab=PERBAIKAN&status=MENUNGGU&page=2&pageSize=25');
await op_('prop-list-baru', sup, 'GET', '/api/v1/proposals?tab=USULAN_BARU&page=1&pageSize=25');
await op_('prop-list-approved', sup, 'GET', '/api/v1/proposals?status=DISETUJUI&page=100&pageSize=25');
await op_('prop-list-import', sup, 'GET', `/api/v1/proposals?importId=${importId}&desa=${desa}&page=1&pageSize=25`);
const waiting = (await get(sup, '/api/v1/proposals?status=MENUNGGU&page=1&pageSize=5')) as { items: { id: string }[] };
const [p1, p2, p3, p4] = waiting.items.map((p) => p.id);
await op_('prop-page', sup, 'GET', `/api/v1/proposals/${p1}`);
await op_('prop-approve', sup, 'POST', `/api/v1/proposals/${p1}/decision`, { decision: 'APPROVE', confirmConflict: true });
await op_('prop-reject', sup, 'POST', `/api/v1/proposals/${p2}/decision`, { decision: 'REJECT', reason: 'tidak sesuai' });
await op_('prop-partial', sup, 'POST', `/api/v1/proposals/${p3}/decision`, {
  decision: 'PARTIAL',
  acceptedFields: ['household.lantai'],
  reason: 'sebagian',
  confirmConflict: true,
});
await op_('prop-return', sup, 'POST', `/api/v1/proposals/${p4}/decision`, { decision: 'RETURN', reason: 'lengkapi' });
console.log(
  'bulk approve',
  JSON.stringify(await op_('prop-bulk-approve', sup, 'POST', '/api/v1/proposals/decisions', { filter: {}, decision: 'APPROVE' })),
);
// What is left (conflicts: approving them needs a confirmation each) is rejected in bulk, so that the period can be finalised.
console.log(
  'bulk reject',
  JSON.stringify(
    await op_('prop-bulk-reject', sup, 'POST', '/api/v1/proposals/decisions', { filter: {}, decision: 'REJECT', reason: 'konflik' }),
  ),
);
await op_('feedback', sup, 'GET', `/api/v1/imports/${importId}/feedback`);
await op_('prop-export', sup, 'GET', `/api/v1/proposals/export?format=csv&status=DISETUJUI&kecamatan=${desa.slice(0, 6)}`);

// 4. Rekapitulasi.
await op_('recap-kab', sup, 'GET', `/api/v1/reports/recap/kecamatan?kab=${KAB}&period=${PERIOD.code}`);
await op_('recap-kec', sup, 'GET', `/api/v1/reports/recap/desa?kab=${KAB}&period=${PERIOD.code}&kecamatan=${kec}`);
await op_(
  'recap-export',
  sup,
  'GET',
  `/api/v1/reports/recap/export?kab=${KAB}&period=${PERIOD.code}&level=desa&kecamatan=${kec}&format=xlsx`,
);
await op_('home', sup, 'GET', '/api/v1/home');

// 5. BSP and PBI: lists, waiting list, an online proposal each, approved; exports.
await op_('kpm-list', sup, 'GET', '/api/v1/kpm?program=BPNT&status=AKTIF&page=3&pageSize=25');
await op_('kpm-list-desa', sup, 'GET', `/api/v1/kpm?program=BPNT&desa=${desa}&page=1&pageSize=25`);
await op_('pbi-list', sup, 'GET', '/api/v1/pbi?page=3&pageSize=25');
await op_('pbi-list-desa', sup, 'GET', `/api/v1/pbi?desa=${desa}&page=1&pageSize=25`);
await op_('quota-use', sup, 'GET', '/api/v1/quotas');
const wait = (await op_('kpm-waiting', sup, 'GET', '/api/v1/kpm/waiting-list?program=BPNT&page=1&pageSize=25')) as {
  items: { idbdt: string }[];
};
await op_('pbi-waiting', sup, 'GET', '/api/v1/pbi/waiting-list?page=1&pageSize=25');
const kpm = (await get(sup, `/api/v1/kpm?program=BPNT&status=AKTIF&page=${7 + (stamp % 97)}&pageSize=5`)) as { items: { idbdt: string }[] };
const bsp = (await op_('bsp-create', sup, 'POST', '/api/v1/kpm/proposals', {
  type: 'BSP_GANTI',
  program: 'BPNT',
  idbdt: kpm.items[0]!.idbdt,
  replacementIdbdt: wait.items[stamp % 20]!.idbdt,
  reason: 1,
})) as { proposal: { id: string } };
await op_('bsp-list', sup, 'GET', '/api/v1/kpm/proposals?status=MENUNGGU&page=1&pageSize=25');
await op_('bsp-page', sup, 'GET', `/api/v1/kpm/proposals/${bsp.proposal.id}`);
await op_('bsp-approve', sup, 'POST', `/api/v1/kpm/proposals/${bsp.proposal.id}/decision`, { decision: 'APPROVE' });
const pbi = (await get(sup, `/api/v1/pbi?status=AKTIF&page=${9 + (stamp % 97)}&pageSize=5`)) as { items: { idartbdt: string }[] };
const pbiProp = (await op_('pbi-create', sup, 'POST', '/api/v1/pbi/proposals', {
  type: 'PBI_NONAKTIF',
  idartbdt: pbi.items[0]!.idartbdt,
  reason: 1,
})) as { proposal: { id: string } };
await op_('pbi-plist', sup, 'GET', '/api/v1/pbi/proposals?page=1&pageSize=25');
await op_('pbi-approve', sup, 'POST', `/api/v1/pbi/proposals/${pbiProp.proposal.id}/decision`, { decision: 'APPROVE' });
await op_('kpm-export', sup, 'GET', `/api/v1/kpm/export?program=BPNT&format=csv&kecamatan=${kec}`);
await op_('pbi-export', sup, 'GET', `/api/v1/pbi/export?format=csv&kecamatan=${kec}`);

// 6. PKH: candidates, nomination, decision (national), list.
const cands = (await op_('pkh-candidates', sup, 'GET', '/api/v1/pkh/candidates?unnominated=true&page=2&pageSize=25')) as {
  items: { idbdt: string }[];
};
const nominated = (await op_('pkh-nominate', sup, 'POST', '/api/v1/pkh/nominations', {
  idbdt: cands.items.slice(0, 3).map((c) => c.idbdt),
})) as {
  items: { id: number }[];
};
await op_('pkh-list', sup, 'GET', '/api/v1/pkh/nominations?page=1&pageSize=25');
if (nominated.items?.[0])
  await op_('pkh-decide', pusdatin, 'PUT', `/api/v1/pkh/nominations/${nominated.items[0].id}/status`, { status: 'DITERIMA' });
await op_('pkh-export', sup, 'GET', `/api/v1/pkh/candidates/export?format=csv&kecamatan=${kec}`);

// 7. Relocations: a move within the district, a hand-over to 3202 accepted there, the lists.
const [mover, leaver] = (
  await sql<{
    idbdt: string;
  }>`select idbdt from households where kab_kota = ${KAB} and status = 'AKTIF' and kode_wilayah <> ${hh.kode_wilayah}
   order by idbdt desc offset ${stamp % 5000} limit 2`.execute(db)
).rows;
await op_('reloc-move', sup, 'POST', '/api/v1/relocations', { idbdt: mover!.idbdt, desa, reason: 'pindah rumah' });
const handover = (await op_('reloc-release', sup, 'POST', '/api/v1/relocations/handovers', {
  idbdt: leaver!.idbdt,
  toKab: '3202',
  reason: 'pindah kabupaten',
})) as { id: string };
await op_('reloc-list-in', sup2, 'GET', '/api/v1/relocations?direction=in&page=1&pageSize=25');
await op_('reloc-accept', sup2, 'POST', `/api/v1/relocations/${handover.id}/accept`, { desa: desa3202.code });
await op_('reloc-list-out', sup, 'GET', '/api/v1/relocations?direction=out&page=1&pageSize=25');

// 8. Map within the district.
await op_('map-figures-kab', sup, 'GET', `/api/v1/map/figures?parent=${KAB}`);
await op_('map-figures-kec', sup, 'GET', `/api/v1/map/figures?parent=${kec}`);
const loc = await pick(sql<{ lat: number; lng: number }>`
  select lat, lng from household_locations where kab_kota = ${KAB} and idbdt = ${hh.idbdt}`).catch(() => undefined);
if (loc) {
  const { lat, lng } = loc;
  const box = (d: number) => [lng - d, lat - d, lng + d, lat + d].map((x) => x.toFixed(6)).join(',');
  await op_('map-points-z12', sup, 'GET', `/api/v1/map/points?kab=${KAB}&zoom=12&bbox=${box(0.1)}`);
  await op_('map-points-z16', sup, 'GET', `/api/v1/map/points?kab=${KAB}&zoom=16&bbox=${box(0.005)}`);
}

// 9. Exports of the household list.
await op_('hh-export-xlsx-desa', sup, 'GET', `/api/v1/households/export?desa=${desa}&format=xlsx`);
await op_('hh-export-csv', sup, 'GET', `/api/v1/households/export?format=csv&kecamatan=${kec}`);

// 10. Finalisation: preview, finalise, letter, finalised data.
const preview = (await op_('fin-preview', sup, 'GET', '/api/v1/finalisations/preview')) as { toFinalise: number };
const fin = (await op_('fin-finalise', sup, 'POST', '/api/v1/finalisations', { expected: preview.toFinalise })) as { id: string };
await op_('fin-letter', sup, 'GET', `/api/v1/finalisations/${fin.id}/letter`);
await op_('fin-data', sup, 'GET', `/api/v1/finalisations/${fin.id}/data?format=csv&table=usulan`);
await op_('fin-list', sup, 'GET', '/api/v1/finalisations?page=1&pageSize=20');

// 11. The release download (the whole .siksdb of the district).
await op_('release', sup, 'POST', '/api/v1/releases', { passphrase: 'plans-passphrase-123' });

console.log(JSON.stringify({ db: process.env.DATABASE_URL?.split('/').pop(), times }));
await app.close();
await close();

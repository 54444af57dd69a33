// Scratch (helper web11): builds .siks packages against the running demo server. Deleted after use.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { readFile, passphraseKeyProvider } from './src/server/platform/siks-node.ts';
import { buildPackage } from './test/support/packages.ts';

const BASE = 'http://127.0.0.1:3400';
const TOKEN = process.env.TOKEN!;
const OUT = '/tmp/siks-web11-work';
const pass = 'sandi rilis web11 2019';

const res = await fetch(`${BASE}/api/v1/releases`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ passphrase: pass }) });
if (!res.ok) throw new Error(`release ${res.status} ${await res.text()}`);
fs.writeFileSync(`${OUT}/release.siksdb`, Buffer.from(await res.arrayBuffer()));
const r = await readFile<'release'>(`${OUT}/release.siksdb`, passphraseKeyProvider(pass) as never, { kind: 'release' });
const release = { id: r.release.releaseId, packageKey: Buffer.from(r.release.packageKey, 'base64') };
const kab = r.header.kabKota;
const period = r.header.period;
const households: Record<string, unknown>[] = [];
for await (const h of r.households()) { households.push(h); if (households.length >= 60) break; }
const members = new Map<string, Record<string, unknown>[]>();
const ids = new Set(households.map((h) => h.idbdt as string));
for await (const m of r.members()) { if (ids.has(m.idbdt as string)) { const l = members.get(m.idbdt as string) ?? []; l.push(m); members.set(m.idbdt as string, l); } }
await r.dispose();
const today = new Date().toISOString();
const scope = [...new Set(households.map((h) => String(h.kode_wilayah).slice(0, 6)))];
const perbaikan = (h: Record<string, unknown>, extra: object = {}) => ({ proposalId: randomUUID(), type: 'PERBAIKAN', idbdt: h.idbdt, baseVersion: h.version, verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-11', musdesAt: '2019-02-20', note: 'Kunjungan rumah' }, household: {}, members: [], media: [], createdAt: today, ...extra });
const proposals: object[] = [];
// 0-19: corrections of a few fields
for (let i = 0; i < 20; i++) {
  const h = households[i]!;
  const ms = members.get(h.idbdt as string) ?? [];
  const m0 = ms[0];
  proposals.push(perbaikan(h, { household: { lantai: ((h.lantai as number) % 9) + 1, ada_tv: !h.ada_tv, jumlah_kamar: 3 }, members: i % 3 === 0 && m0 ? [{ op: 'update', idartbdt: m0.idartbdt, baseVersion: m0.version, fields: { sta_bekerja: !m0.sta_bekerja, pendidikan_tertinggi: 3 } }] : [] }));
}
// 20: result 2 (tidak ditemukan); 21: result 6 ganda of 22
proposals.push(perbaikan(households[20]!, { verval: { result: 2, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-11', musdesAt: null, note: 'Rumah kosong' } }));
proposals.push(perbaikan(households[21]!, { verval: { result: 6, duplicateOf: households[22]!.idbdt, mergeInto: null, visitedAt: '2019-02-11', musdesAt: null, note: '' } }));
// 23: failing: bad code
proposals.push(perbaikan(households[23]!, { household: { lantai: 42 } }));
// 24: add a member (complete record copied from another member, new NIK)
const tmpl = { ...(members.get(households[24]!.idbdt as string) ?? [])[0]! };
for (const k of ['idartbdt', 'idbdt', 'version', 'ada_kks', 'ada_pbi', 'ada_kip', 'ada_pkh', 'created_at', 'updated_at']) delete tmpl[k];
proposals.push(perbaikan(households[24]!, { members: [{ op: 'add', tempId: 'a1', fields: { ...tmpl, nama: 'ANDI PRATAMA', hub_krt: 3, sta_kawin: 1, tanggal_lahir: '2010-05-04', nik: `${String(tmpl.nik).slice(0, 6)}040510${String(tmpl.nik).slice(12, 15)}9`, sta_keberadaan_art: 1, sta_bekerja: false } }] }));
// 25: a second proposal for household 0 (pending others)
proposals.push(perbaikan(households[0]!, { household: { jumlah_kamar: 4 } }));
// 26: a repeated proposal id (duplicate)
proposals.push({ ...(proposals[1] as object) });
const pkg = await buildPackage({ release, kab, period, scope, proposals, operator: { username: 'op_tebet', name: 'Operator Tebet' } });
fs.writeFileSync(`${OUT}/paket-tebet-1.siks`, pkg.bytes);
// second package: corrections 30-59 to bulk approve
const p2: object[] = [];
for (let i = 30; i < 60; i++) p2.push(perbaikan(households[i]!, { household: { jumlah_kamar: ((households[i]!.jumlah_kamar as number) ?? 1) + 1 } }));
const pkg2 = await buildPackage({ release, kab, period, scope, proposals: p2, operator: { username: 'op_setiabudi', name: 'Operator Setiabudi' } });
fs.writeFileSync(`${OUT}/paket-setiabudi.siks`, pkg2.bytes);
fs.writeFileSync(`${OUT}/info.json`, JSON.stringify({ release: { id: release.id, packageKey: r.release.packageKey }, kab, period, households: households.slice(0, 25).map((h) => h.idbdt) }, null, 1));
console.log('ok', kab, period, proposals.length, p2.length);

import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands.ts';
import { approveMouDirectly } from '../../src/server/modules/demo/demo.fixtures.ts';
import { sampleHouseholds, writeBaselineCsv } from '../../src/server/modules/baseline/baseline.sample.ts';
import { purgeAbandonedUploads, requeueRunningJobs } from '../../src/server/modules/packages/packages.queries.ts';
import { runPendingImports } from '../../src/server/modules/packages/index.ts';
import { upsertQuota } from '../../src/server/modules/programs/programs.queries.ts';
import { CLI_ACTOR } from '../../src/server/platform/context.ts';
import { DISTRICT_TABLES, DISTRIBUTION_COLUMN } from '../../src/server/platform/distribution.ts';
import { testContext, type TestContext } from '../support/db.ts';
import { saveLetterProfile } from '../support/finalisations.ts';
import { bearer, testApp, type TestApp } from '../support/http.ts';
import * as pkg from '../support/packages.ts';
import { baselineFiles, multipartFiles } from '../support/route-probes.ts';
import { createPersonas, type Persona, type PersonaName } from '../support/personas.ts';

// Issue 18, item 2: every district query filters by kab_kota. Under Citus a statement on a
// district-owned table that does not name its district fans out to every shard; on one PostgreSQL it
// misses the (kab_kota, …) primary key's prefix. This file records every statement the server sends
// while a district's everyday work runs through the HTTP app, and checks each statement that reads or
// writes a district-owned table (DISTRICT_TABLES) constrains kab_kota on that table.

/**
 * Statements that may read district-owned tables across districts, each with why. A pattern is matched
 * against the statement as checked (lower case, without double quotes, string literals emptied).
 */
const NATIONAL_STATEMENTS: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^update imports set status = '', attempts = attempts \+ 1, .* where id = \( select id from imports i where upload_complete /,
    reason: 'the import worker claims the next queued package of any district (districts take turns)',
  },
  {
    pattern: /^select kab_kota, to_kab, idbdt from relocations where to_kab = \$1 and id = \$2/,
    reason: 'the destination of a hand-over finds the origin’s row (kept under the origin’s kab_kota) by its id',
  },
  {
    pattern: /^select .* from audit_log as a where \(a\.region_code like \$1 or \(a\.details \? '' and /,
    reason: 'a district’s log shows the entries other districts’ chains hold about it (a hand-over names it as peerRegion)',
  },
  {
    pattern: /\bfrom district_figures f where f\.kode_wilayah like \$2 /,
    reason: 'province and national views add up the maintained figures (and proposals) of every district under their prefix',
  },
  {
    pattern: /^select kab_kota as kab, max\(seq\)::text as seq from district_figures_stale group by kab_kota/,
    reason: 'a national view first finds the districts marked stale, then recomputes each one by its kab_kota',
  },
  {
    pattern: /^with f as \( select distinct on \(kab_kota\) kab_kota, id, number, created_at, /,
    reason: 'Pusdatin’s finalisation monitoring lists every district’s last finalisation and open proposals',
  },
  {
    pattern: /^select m\.nik, m\.idbdt from unnest\(/,
    reason: 'R5: a NIK belongs to one AKTIF household in the nation, so its holders are looked up in every district',
  },
  {
    pattern: /^insert into baseline_errors .* join households h on h\.idbdt = .* and h\.kode_wilayah not like \$3$/,
    reason: 'a baseline’s IDBDT and IDARTBDT must not be registered in another district (TAKEN): looked up in every district',
  },
  {
    pattern:
      /^select .* from (mou_submissions where id = \$1|pkh_nominations as n where n\.id = \$1 and true for update|baseline_loads where id = \$1( for update)?|households as h where true and h\.idbdt = \$1)$/,
    reason: 'a national role opens one row by the id its route names (MoU, PKH nomination, baseline load, IDBDT): no district is given',
  },
  {
    pattern:
      /^select .* from households as h where true and (h\.idbdt = \$1|\(h\.kab_kota, h\.idbdt\) in \(select mm\.kab_kota, mm\.idbdt from members mm where true and mm\.\w+ = \$1\)|h\.(status|persentil) .*) order by h\.idbdt /,
    reason:
      'a national integration token (DCI) searches one NIK, No KK or IDBDT, or a desil or status, in every district: its criteria name no district (a hand-over keeps the IDBDT)',
  },
  {
    pattern: /^select 1 from \w+ x join households h on h\.idbdt = (x\.idbdt|left\(x\.idartbdt, 16\)) where h\.kab_kota = \$1 limit 1$/,
    reason:
      'a baseline replacing a district first looks for rows naming its households in every district: a household handed over keeps its proposals, lists and hand-over under the origin’s kab_kota',
  },
  {
    pattern: /^select exists \(select 1 from \w+\)( or exists \(select 1 from \w+\))* as full$/,
    reason: 'the bulk-load fast path (platform/bulk-load.ts) drops and rebuilds indexes only when the whole tables are empty',
  },
  {
    pattern: /^select \(select kab_kota \|\| load_id::text from baseline_\w+ order by kab_kota, load_id limit 1\) as lo, /,
    reason: 'a published baseline truncates the staging tables only when they hold no other district’s load (their first and last keys)',
  },
  {
    pattern: /^update imports set status = \$1, heartbeat_at = \$2, progress = \$3 where status = \$4$/,
    reason: 'a start on the embedded database queues again every RUNNING import of any district: the one process that ran them is gone',
  },
  {
    pattern: /^delete from imports where upload_complete = \$1 and coalesce\(heartbeat_at, uploaded_at\) < now\(\) - make_interval/,
    reason: 'the import worker deletes the uploads abandoned in every district (one sweep every ten minutes)',
  },
  {
    pattern:
      /^(select \* from audit_checkpoints order by id|with recursive k\(v\) as \( \(select kab_kota from audit_log order by kab_kota limit 1\) )/,
    reason:
      '`siks audit verify` checks every district’s chain: it lists the chains and all checkpoints (matched against the anchor file), then walks each chain by its kab_kota',
  },
];

type Violation = { table: string; statement: string };

const KEYWORDS = new Set([
  'where',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'on',
  'using',
  'set',
  'group',
  'order',
  'limit',
  'offset',
  'for',
  'returning',
  'union',
  'except',
  'intersect',
  'values',
  'select',
  'default',
  'natural',
  'lateral',
  'window',
  'having',
  'from',
  'to',
  'with',
]);

/** The statement as the checks read it: lower case, no double quotes, string literals emptied, spaces folded. */
function normalise(statement: string): string {
  return statement
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const COL = DISTRIBUTION_COLUMN;
// A comparison on `<name>.kab_kota` (either side), or the name's kab_kota first in a row comparison.
const qualifiedCondition = (name: string) =>
  new RegExp(
    `\\b${name}\\.${COL}\\b\\s*(=|<>|!=|\\bin\\b|\\blike\\b|\\bbetween\\b|>=|<=|\\bis not distinct\\b)|(=|<>|!=|\\bin)\\s*\\(?\\s*${name}\\.${COL}\\b|\\(\\s*${name}\\.${COL}\\s*,[^()]*\\)\\s*(=|\\bin\\b)`,
  );
// Unqualified conditions: `kab_kota = …`, `kab_kota in …`, `(kab_kota, …) in …`, `using (…kab_kota…)`.
const UNQUALIFIED_CONDITION = new RegExp(
  `(?<![.\\w])${COL}\\s*(=|<>|!=|\\bin\\b|\\blike\\b|\\bbetween\\b|>=|<=)|\\(\\s*${COL}\\s*,[^()]*\\)\\s*(=|\\bin\\b)|\\busing\\s*\\([^)]*\\b${COL}\\b`,
  'g',
);
const REFERENCE = /\b(from|join|update|into|copy)\s+(?:only\s+)?([a-z_][a-z0-9_]*)\b(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?/g;
const DISTRICT = new Set<string>(DISTRICT_TABLES);

/** The district-owned tables a statement reads or writes without constraining their kab_kota. */
function unconstrainedTables(statement: string): string[] {
  const s = normalise(statement);
  const refs: { kind: string; table: string; name: string; at: number }[] = [];
  for (const m of s.matchAll(REFERENCE)) {
    const [, kind, table, alias] = m as unknown as [string, string, string, string | undefined];
    if (!DISTRICT.has(table)) continue;
    // A set-returning function (`from unnest(`) is no table.
    if (s[m.index! + m[0].length] === '(' && !alias) continue;
    refs.push({ kind, table, name: alias && !KEYWORDS.has(alias) ? alias : table, at: m.index! });
  }
  const open: typeof refs = [];
  for (const r of refs) {
    if (r.kind === 'into' || r.kind === 'copy') {
      // An insert or COPY FROM names its columns: kab_kota must be one of them.
      const cols = s.slice(r.at).match(/^\w+\s+(?:only\s+)?\w+(?:\s+as\s+\w+)?\s*\(([^)]*)\)/);
      if (cols && cols[1]!.split(',').some((c) => c.trim() === COL)) continue;
      open.push(r);
      continue;
    }
    if (qualifiedCondition(r.name).test(s)) continue;
    open.push(r);
  }
  // What is left must each be matched by an unqualified condition (a single-table statement or sub-select).
  const unqualified = (s.match(UNQUALIFIED_CONDITION) ?? []).length;
  const reads = open.filter((r) => r.kind !== 'into' && r.kind !== 'copy');
  const writes = open.filter((r) => r.kind === 'into' || r.kind === 'copy');
  return [...writes, ...(reads.length <= unqualified ? [] : reads)].map((r) => r.table);
}

let ctx: TestContext;
let app: TestApp;
let p: Record<PersonaName, Persona>;
let release: { id: string; packageKey: Uint8Array };
let recording = false;
const statements: string[] = [];
/** The entries of NATIONAL_STATEMENTS some statement of the work matched (an entry nothing needs goes). */
const allowedSeen = new Set<(typeof NATIONAL_STATEMENTS)[number]>();

beforeAll(async () => {
  ctx = await testContext({
    onStatement: (sql) => {
      if (recording) statements.push(sql);
    },
  });
  p = await createPersonas(ctx);
  release = await pkg.seedImportBed(ctx, { lists: true });
  await approveMouDirectly(ctx, CLI_ACTOR, '3174', {
    mou: Buffer.from(await pkg.smallJpeg()),
    permohonan: Buffer.from(await pkg.smallJpeg()),
  });
  await saveLetterProfile(ctx, '3174');
  for (const program of ['BPNT', 'PBI'] as const) await upsertQuota(ctx.database.db, '3174', program, pkg.IMPORT_PERIOD, 100000, null);
  app = await testApp(ctx);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

/** The statements of `work` that touch a district-owned table without naming its district (allowlist aside). */
async function violationsOf(work: () => Promise<void>): Promise<Violation[]> {
  statements.length = 0;
  recording = true;
  try {
    await work();
  } finally {
    recording = false;
  }
  const out: Violation[] = [];
  for (const statement of statements) {
    const tables = unconstrainedTables(statement);
    if (tables.length === 0) continue;
    const allowed = NATIONAL_STATEMENTS.find((a) => a.pattern.test(normalise(statement)));
    if (allowed) {
      allowedSeen.add(allowed);
      continue;
    }
    for (const table of new Set(tables)) out.push({ table, statement: statement.replace(/\s+/g, ' ').trim().slice(0, 200) });
  }
  return out;
}

/** Runs `work` and fails naming each statement (first 200 characters) and table that does not filter by kab_kota. */
async function expectDistrictScoped(work: () => Promise<void>): Promise<void> {
  const found = await violationsOf(work);
  expect(
    found.map((v) => `${v.table}: ${v.statement}`),
    'statements on district-owned tables without a kab_kota condition',
  ).toEqual([]);
  expect(statements.length).toBeGreaterThan(0);
}

const get = async (who: Persona, url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: bearer(who) });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res;
};
const post = async (who: Persona, url: string, payload: object, status = 200) => {
  const res = await app.inject({ method: 'POST', url, payload, headers: bearer(who) });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(status);
  return res.json();
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const firstDesa = async (prefix: string) =>
  (
    await ctx.database.db
      .selectFrom('regions')
      .select('code')
      .where('code', 'like', `${prefix}%`)
      .where('level', '=', 'desa')
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;

describe('the statement checks', () => {
  it('read kab_kota conditions on the right table', () => {
    expect(unconstrainedTables('select "idbdt" from "households" where "kab_kota" = $1 and "idbdt" = $2')).toEqual([]);
    expect(unconstrainedTables('select "idbdt" from "households" where "idbdt" = $1')).toEqual(['households']);
    expect(
      unconstrainedTables(
        'select * from "proposals" as "p" inner join "households" as "h" on "h"."idbdt" = "p"."idbdt" where "p"."kab_kota" = $1',
      ),
    ).toEqual(['households']);
    expect(
      unconstrainedTables(
        'select * from proposals p join households h on h.kab_kota = p.kab_kota and h.idbdt = p.idbdt where p.kab_kota = $1',
      ),
    ).toEqual([]);
    expect(unconstrainedTables('select "kab_kota" from "households" where "idbdt" = $1')).toEqual(['households']);
    expect(unconstrainedTables('insert into "members" ("kab_kota", "idbdt") values ($1, $2)')).toEqual([]);
    expect(unconstrainedTables('insert into "members" ("idbdt") values ($1)')).toEqual(['members']);
    expect(unconstrainedTables('COPY import_staging (kab_kota, import_id, line) FROM STDIN')).toEqual([]);
    expect(unconstrainedTables('update "proposals" set "status" = $1 where "id" = $2')).toEqual(['proposals']);
    expect(unconstrainedTables('delete from "media" where "kab_kota" = $1 and "sha256" = any($2)')).toEqual([]);
    expect(unconstrainedTables('select * from "regions" where "code" = $1')).toEqual([]);
  });
});

describe('a district’s work names its district in every statement on a district-owned table', () => {
  const sup = () => p.supervisorJakSel;
  /** Uploads a package of kecamatan 317401 as the supervisor, runs the job, reads the import's page and feedback; its id. */
  const importAndRead = async (spec: Pick<pkg.PackageSpec, 'proposals' | 'media' | 'module'>) => {
    const file = await pkg.buildPackage({ release, kab: '3174', period: pkg.IMPORT_PERIOD, scope: ['317401'], ...spec });
    const res = await pkg.postPackage(app, bearer(sup()), file.bytes);
    expect(res.statusCode, res.body).toBe(202);
    await runPendingImports(ctx);
    const id: string = res.json().id;
    expect((await get(sup(), `/api/v1/imports/${id}`)).json().status).toBe('DONE');
    await get(sup(), `/api/v1/imports/${id}/feedback`);
    return id;
  };
  let importId = '';
  let waiting: string[] = [];

  it('release download', async () => {
    await expectDistrictScoped(async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/releases',
        payload: { passphrase: 'kata sandi rilis Jakarta Selatan' },
        headers: bearer(sup()),
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      await get(sup(), '/api/v1/releases');
    });
  });

  it('import of a .siks package with a photo, its page, list and feedback', async () => {
    const hs = await pkg.householdsWithMembers(ctx, '317401', 12, { aktif: true });
    const photo = await pkg.smallJpeg('#27ae60');
    const proposals = [
      ...hs.map((h, i) => pkg.perbaikan(h, { household: { lantai: 9, jumlah_kamar: 5 + (i % 3) } })),
      { ...pkg.usulanBaru(hs[0]!.kode_wilayah), media: [{ sha256: sha256(photo), tag: 'foto_rumah' }] },
    ];
    waiting = proposals.map((x) => x.proposalId);
    await expectDistrictScoped(async () => {
      importId = await importAndRead({ proposals, media: [photo] });
      // The staged lines go in by COPY, which the recorder sees too.
      expect(statements.some((x) => /^COPY import_staging \(kab_kota, /.test(x))).toBe(true);
      await get(sup(), '/api/v1/imports');
    });
  });

  it('proposal list, page, single decisions (approve, reject, partial) and bulk decisions', async () => {
    await expectDistrictScoped(async () => {
      const list = (await get(sup(), `/api/v1/proposals?importId=${importId}&pageSize=5`)).json();
      expect(list.items.length).toBe(5);
      await get(sup(), `/api/v1/proposals?importId=${importId}&pageSize=5&cursor=${encodeURIComponent(list.nextCursor ?? '')}`);
      await get(sup(), `/api/v1/proposals/${waiting[0]}`);
      await post(sup(), `/api/v1/proposals/${waiting[0]}/decision`, { decision: 'APPROVE' });
      await post(sup(), `/api/v1/proposals/${waiting[1]}/decision`, { decision: 'REJECT', reason: 'Tidak sesuai hasil kunjungan' });
      await post(sup(), `/api/v1/proposals/${waiting[2]}/decision`, {
        decision: 'PARTIAL',
        acceptedFields: ['household.lantai'],
        reason: 'Jumlah kamar tidak sesuai foto',
      });
      const filter = { importId, type: 'PERBAIKAN' };
      await post(sup(), '/api/v1/proposals/decisions', { filter, decision: 'APPROVE', dryRun: true });
      const bulk = await post(sup(), '/api/v1/proposals/decisions', { filter, decision: 'APPROVE' });
      expect(bulk.decided).toBeGreaterThan(0);
      await post(sup(), '/api/v1/proposals/decisions', { filter: { importId }, decision: 'REJECT', reason: 'Data tidak lengkap' });
      await get(sup(), '/api/v1/proposals/export?format=csv');
    });
  });

  it('household list, search, page and photos; home', async () => {
    const [h] = await pkg.householdsWithMembers(ctx, '317401', 1, { aktif: true });
    await expectDistrictScoped(async () => {
      const list = (await get(sup(), '/api/v1/households?pageSize=10')).json();
      expect(list.items.length).toBe(10);
      await get(sup(), `/api/v1/households?pageSize=10&q=${encodeURIComponent(h!.members[0]!.nama)}`);
      await get(sup(), `/api/v1/households?pageSize=10&q=${h!.idbdt}`);
      await get(sup(), `/api/v1/households/${h!.idbdt}`);
      await get(sup(), `/api/v1/households/${h!.idbdt}/media`);
      await get(sup(), '/api/v1/home');
    });
  });

  it('rekap desa and kecamatan', async () => {
    await expectDistrictScoped(async () => {
      await get(sup(), '/api/v1/reports/recap/desa?kab=3174');
      await get(sup(), '/api/v1/reports/recap/kecamatan?kab=3174');
    });
  });

  it('BSP and PBI proposals: online proposals, list, page, single and bulk decisions', async () => {
    await expectDistrictScoped(async () => {
      const kpm = (await get(sup(), '/api/v1/kpm?program=BPNT&status=AKTIF&pageSize=3')).json().items as { idbdt: string }[];
      const top = (await get(sup(), '/api/v1/kpm/waiting-list?program=BPNT&pageSize=1')).json().items[0];
      const ganti = await post(
        sup(),
        '/api/v1/kpm/proposals',
        { type: 'BSP_GANTI', program: 'BPNT', idbdt: kpm[0]!.idbdt, replacementIdbdt: top.idbdt, reason: 2 },
        201,
      );
      const off = await post(
        sup(),
        '/api/v1/kpm/proposals',
        { type: 'BSP_NONAKTIF', program: 'BPNT', idbdt: kpm[1]!.idbdt, reason: 2 },
        201,
      );
      await get(sup(), '/api/v1/kpm/proposals');
      await get(sup(), `/api/v1/kpm/proposals/${ganti.proposal.id}`);
      await post(sup(), `/api/v1/kpm/proposals/${ganti.proposal.id}/decision`, { decision: 'APPROVE' });
      await post(sup(), `/api/v1/kpm/proposals/${off.proposal.id}/decision`, { decision: 'REJECT', reason: 'Masih layak' });
      const members = (await get(sup(), '/api/v1/pbi/waiting-list?pageSize=3')).json().items as { idartbdt: string }[];
      for (const m of members) await post(sup(), '/api/v1/pbi/proposals', { type: 'PBI_USUL', idartbdt: m.idartbdt }, 201);
      await get(sup(), '/api/v1/pbi/proposals?status=MENUNGGU');
      const body = { filter: { type: 'PBI_USUL' }, decision: 'APPROVE' };
      await post(sup(), '/api/v1/pbi/proposals/decisions', { ...body, dryRun: true });
      const done = await post(sup(), '/api/v1/pbi/proposals/decisions', body);
      expect(done.decided).toBe(3);
      await get(sup(), '/api/v1/pbi?pageSize=5');
      await get(sup(), '/api/v1/quotas');
    });
  });

  it('finalisation of BDT, BSP and PBI, with the letter and the data file', async () => {
    await expectDistrictScoped(async () => {
      for (const module of ['BDT', 'BSP', 'PBI']) {
        const pv = (await get(sup(), `/api/v1/finalisations/preview?module=${module}`)).json();
        expect(pv.canFinalise, JSON.stringify(pv)).toBe(true);
        const made = await post(sup(), '/api/v1/finalisations', { module, expected: pv.toFinalise }, 201);
        await get(sup(), `/api/v1/finalisations/${made.id}/letter`);
        await get(sup(), `/api/v1/finalisations/${made.id}/data?format=csv`);
      }
      await get(sup(), '/api/v1/finalisations');
    });
  });

  it('a BSP package, exports, the log, photos, map points, the MoU page and PKH nominations', async () => {
    const kpm = (await get(sup(), '/api/v1/kpm?program=BPNT&status=AKTIF&kecamatan=317401&pageSize=2')).json().items as { idbdt: string }[];
    expect(kpm.length).toBe(2);
    const photo = (
      await ctx.database.db.selectFrom('proposal_media').select('sha256').where('kab_kota', '=', '3174').executeTakeFirstOrThrow()
    ).sha256;
    await expectDistrictScoped(async () => {
      await importAndRead({ proposals: kpm.map((k) => pkg.bspNonaktif(k.idbdt)), module: 'BSP' });
      await get(sup(), '/api/v1/imports/export?format=csv');
      await get(sup(), '/api/v1/households/export?kab=3174&format=csv');
      await get(sup(), '/api/v1/kpm/export?kab=3174&format=csv');
      await get(sup(), '/api/v1/pbi/export?kab=3174&format=csv');
      await get(sup(), '/api/v1/reports/recap/export?kab=3174&level=desa&format=csv');
      await get(sup(), '/api/v1/audit?pageSize=20');
      await get(sup(), `/api/v1/media/${photo}`);
      await get(sup(), '/api/v1/map/points?kab=3174&bbox=106.7,-6.4,107,-6.1&zoom=11');
      await get(sup(), '/api/v1/mou');
      const candidates = (await get(sup(), '/api/v1/pkh/candidates?kab=3174&pageSize=2')).json().items as { idbdt: string }[];
      await post(sup(), '/api/v1/pkh/nominations', { idbdt: candidates.map((c) => c.idbdt) }, 201);
      await get(sup(), '/api/v1/pkh/nominations?kab=3174');
    });
  });

  it('a move within the district and hand-overs to another district (accepted, declined, cancelled)', async () => {
    const [a, b, c, d] = (await pkg.householdsWithMembers(ctx, '317402', 4, { aktif: true })).map((h) => h.idbdt);
    const [desa3174, desa3171] = await Promise.all(['317403', '3171'].map(firstDesa));
    const handOver = (idbdt: string | undefined) =>
      post(sup(), '/api/v1/relocations/handovers', { idbdt, toKab: '3171', reason: 'Pindah ke Jakarta Pusat' }, 201);
    await expectDistrictScoped(async () => {
      await post(sup(), '/api/v1/relocations', { idbdt: a, desa: desa3174, reason: 'Pindah rumah' }, 201);
      const accepted = await handOver(b);
      await get(p.supervisorOther, '/api/v1/relocations?kab=3171&direction=in');
      await post(p.supervisorOther, `/api/v1/relocations/${accepted.id}/accept`, { desa: desa3171 });
      await post(p.supervisorOther, `/api/v1/relocations/${(await handOver(c)).id}/decline`, { reason: 'Tidak ditemukan' });
      await post(sup(), `/api/v1/relocations/${(await handOver(d)).id}/cancel`, {});
      await get(sup(), '/api/v1/relocations?kab=3174&direction=out');
      await get(sup(), '/api/v1/relocations/export?kab=3174&format=csv');
    });
  });

  it('national work: MoU review, a PKH decision, a baseline load of 3171, a household page, province and national views', async () => {
    const mou = (await get(sup(), '/api/v1/mou')).json();
    const nomination = (await get(sup(), '/api/v1/pkh/nominations?kab=3174')).json().items[0] as { id: number };
    const [h] = await pkg.householdsWithMembers(ctx, '317401', 1, { aktif: true });
    await expectDistrictScoped(async () => {
      await get(p.pfm, '/api/v1/mou/queue');
      if (mou.submissionId) await get(p.pfm, `/api/v1/mou/${mou.submissionId}`);
      const decided = await app.inject({
        method: 'PUT',
        url: `/api/v1/pkh/nominations/${nomination.id}/status`,
        payload: { status: 'DITOLAK', reason: 'Tidak memenuhi syarat' },
        headers: bearer(p.pusdatin),
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const files = baselineFiles();
      const load = await app.inject({
        method: 'POST',
        url: '/api/v1/baseline?kab=3171&period=2019-01',
        payload: files.payload,
        headers: { ...files.headers, ...bearer(p.pusdatin) },
      });
      expect(load.statusCode, load.body).toBe(200);
      await get(p.pusdatin, `/api/v1/baseline/${load.json().id}`);
      await get(p.pusdatin, '/api/v1/baseline?kab=3171');
      expect(
        (await app.inject({ method: 'DELETE', url: `/api/v1/baseline/${load.json().id}`, headers: bearer(p.pusdatin) })).statusCode,
      ).toBeLessThan(300);
      await get(p.pusdatin, '/api/v1/reports/recap/kecamatan?kab=3174');
      await get(p.provinsi31, '/api/v1/reports/recap/provinsi?provinsi=31');
      await get(p.provinsi31, '/api/v1/map/figures?parent=31');
      await get(p.pusdatin, '/api/v1/home');
      await get(p.pusdatin, '/api/v1/reports/finalisations');
      await get(p.pfm, '/api/v1/quotas/districts?provinsi=31');
      await get(p.pusdatin, '/api/v1/households?kab=3174&pageSize=5');
      await get(p.pusdatin, `/api/v1/households/${h!.idbdt}`);
    });
  });

  it('DCI searches of a district’s and of the nation’s integration token (households and members, by identifier and expression)', async () => {
    const siks = async (...argv: string[]) => {
      const out: string[] = [];
      expect(await runCommand(argv, ctx, { out: (t) => out.push(t), err: () => {} })).toBe(0);
      return out.join('\n').trim();
    };
    const tokenOf = async (username: string, ...scope: string[]) => {
      await siks('users', 'create', username, '--role', 'INTEGRASI', ...scope, '--name', 'BPJS Kesehatan');
      return { authorization: `Bearer ${await siks('tokens', 'create', username, '--name', 'bpjs')}` };
    };
    const jaksel = await tokenOf('dci_3174', '--region', '3174');
    const nasional = await tokenOf('dci_nasional');
    const [h] = await pkg.householdsWithMembers(ctx, '317401', 1, { aktif: true });
    const m = h!.members[0]!;
    const pagination = { page_size: 5, page_number: 1 };
    const criteria = (reg_type: string) => [
      { reg_type, query_type: 'idtype-value', query: { type: 'NIK', value: m.nik }, pagination },
      { reg_type, query_type: 'idtype-value', query: { type: 'IDBDT', value: h!.idbdt }, pagination },
      {
        reg_type,
        query_type: 'expression',
        query: { and: [{ attribute: 'kode_wilayah', operator: 'startsWith', value: '317401' }] },
        pagination,
      },
      { reg_type, query_type: 'expression', query: { and: [{ attribute: 'status', operator: 'eq', value: 'AKTIF' }] }, pagination },
    ];
    const search = async (headers: Record<string, string>, reg_type: string) => {
      const at = '2026-12-05T09:00:00+07:00';
      const list = criteria(reg_type);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/dci/registry/sync/search',
        headers,
        payload: {
          signature: '',
          header: {
            version: '1.0.0',
            message_id: 'm',
            message_ts: at,
            action: 'search',
            sender_id: 'bpjs',
            receiver_id: 'siks-ng',
            total_count: list.length,
          },
          message: {
            transaction_id: 't',
            search_request: list.map((search_criteria, i) => ({ reference_id: `r${i}`, timestamp: at, search_criteria })),
          },
        },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const answers = res.json().message.search_response as { status: string; pagination: { total_count: number } }[];
      expect(answers.map((a) => a.status)).toEqual(['succ', 'succ', 'succ', 'succ']);
      expect(answers.every((a) => a.pagination.total_count > 0)).toBe(true);
    };
    await expectDistrictScoped(async () => {
      for (const regType of ['HOUSEHOLD', 'INDIVIDUAL']) {
        await search(jaksel, regType);
        await search(nasional, regType);
      }
    });
  });

  it('quotas: the template, a sheet import and one district’s quota set by Ditjen PFM; the district’s quota page', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kuota');
    for (const row of [
      ['Kode Kab/Kota', 'Nama Kab/Kota', 'BPNT', 'RASTRA', 'PBI'],
      ['3174', 'Jakarta Selatan', 100001, 50, 100001],
      ['3171', 'Jakarta Pusat', 100000, null, null],
    ])
      ws.addRow(row);
    const form = multipartFiles({ file: { name: 'kuota.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) } });
    await expectDistrictScoped(async () => {
      await get(p.pfm, `/api/v1/quotas/template.xlsx?provinsi=31&period=${pkg.IMPORT_PERIOD}`);
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/quotas/import?period=${pkg.IMPORT_PERIOD}`,
        payload: form.payload,
        headers: { ...form.headers, ...bearer(p.pfm) },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json().rows).toBe(2);
      const put = await app.inject({
        method: 'PUT',
        url: '/api/v1/districts/3174/quotas/RASTRA',
        payload: { quota: 60, period: pkg.IMPORT_PERIOD },
        headers: bearer(p.pfm),
      });
      expect(put.statusCode, put.body.slice(0, 300)).toBe(200);
      await get(p.pfm, '/api/v1/quotas/districts?provinsi=31');
      await get(sup(), '/api/v1/quotas');
    });
  });

  it('documents for a district (publish, list, download) and the district profile with its logo', async () => {
    const jpeg = Buffer.from(await pkg.smallJpeg('#2980b9'));
    const boundary = '----districtqueries';
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const document = Buffer.concat([
      Buffer.from(field('title', 'Surat Edaran 3174') + field('visibility', 'DISTRICTS') + field('districts', '3174')),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="surat.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const logo = multipartFiles({ file: { name: 'logo.jpg', bytes: jpeg, type: 'image/jpeg' } });
    const put = async (url: string, payload: object | Buffer, headers: Record<string, string> = {}) => {
      const res = await app.inject({ method: 'PUT', url, payload, headers: { ...headers, ...bearer(sup()) } });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    };
    await expectDistrictScoped(async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/documents',
        payload: document,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...bearer(p.pusdatin) },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
      await get(sup(), '/api/v1/documents');
      await get(sup(), `/api/v1/documents/${res.json().id}/content`);
      await put('/api/v1/district-profiles/3174', {
        namaInstansi: 'Dinas Sosial',
        alamat: 'Jl. Prapanca 1',
        nomorTelepon: '021-7654321',
        namaKepalaDinas: 'Kepala Dinas',
        nipKepalaDinas: '196501011990031001',
        namaBupati: 'Wali Kota',
      });
      await put('/api/v1/district-profiles/3174/pengesahan', { samaDenganKepalaDinas: true });
      await put('/api/v1/district-profiles/3174/logo', logo.payload, logo.headers);
      await get(sup(), '/api/v1/district-profiles/3174');
      await get(sup(), '/api/v1/district-profiles/3174/logo');
    });
  });

  it('a baseline of real rows for 3173: load, page, error report, confirm; a second load replacing it', async () => {
    const code = await firstDesa('3173');
    const desa = [{ code, kecamatan: code.slice(0, 6) }];
    const upload = async (seed: number) => {
      let households = '';
      let members = '';
      writeBaselineCsv(sampleHouseholds({ kab: '3173', desa, households: 6, seed }), {
        households: (l) => (households += l),
        members: (l) => (members += l),
      });
      const files = multipartFiles({
        households: { name: 'households.csv', bytes: Buffer.from(households), type: 'text/csv' },
        members: { name: 'members.csv', bytes: Buffer.from(members), type: 'text/csv' },
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/baseline?kab=3173&period=2019-01',
        payload: files.payload,
        headers: { ...files.headers, ...bearer(p.pusdatin) },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json().status, res.body.slice(0, 300)).toBe('READY');
      return res.json().id as string;
    };
    await expectDistrictScoped(async () => {
      const first = await upload(11);
      await get(p.pusdatin, `/api/v1/baseline/${first}`);
      await get(p.pusdatin, `/api/v1/baseline/${first}/errors.csv`);
      expect((await post(p.pusdatin, `/api/v1/baseline/${first}/confirm`, {})).status).toBe('PUBLISHED');
      const second = await upload(12);
      expect((await post(p.pusdatin, `/api/v1/baseline/${second}/confirm`, { replace: true, confirmKab: '3173' })).status).toBe(
        'PUBLISHED',
      );
      await get(p.pusdatin, '/api/v1/households?kab=3173&pageSize=5');
    });
  });

  it('background jobs after a crash: a RUNNING import queued again, an abandoned upload purged', async () => {
    const db = ctx.database.db;
    await db.updateTable('imports').set({ status: 'RUNNING' }).where('kab_kota', '=', '3174').where('id', '=', importId).execute();
    const file = await pkg.buildPackage({ release, kab: '3174', period: pkg.IMPORT_PERIOD, scope: ['317401'], proposals: [] });
    const abandoned = (await pkg.postPackage(app, bearer(sup()), file.bytes)).json().id as string;
    await db
      .updateTable('imports')
      .set({ upload_complete: false, heartbeat_at: null })
      .where('kab_kota', '=', '3174')
      .where('id', '=', abandoned)
      .execute();
    await expectDistrictScoped(async () => {
      expect(await requeueRunningJobs(db)).toBe(1);
      expect(await purgeAbandonedUploads(db, -60)).toBe(1);
    });
    const left = await db
      .selectFrom('imports')
      .select(['id', 'status'])
      .where('kab_kota', '=', '3174')
      .where('id', 'in', [importId, abandoned])
      .execute();
    expect(left).toEqual([{ id: importId, status: 'QUEUED' }]);
  });

  it('CLI: audit verify of every district’s chain', async () => {
    const out: string[] = [];
    await expectDistrictScoped(async () => {
      expect(await runCommand(['audit', 'verify'], ctx, { out: (t) => out.push(t), err: (t) => out.push(t) })).toBe(0);
    });
    expect(out.at(-1)).toMatch(/^log intact: /);
  });

  it('needs every allowed cross-district statement it lists (an entry no work needs is removed)', () => {
    expect(NATIONAL_STATEMENTS.filter((a) => !allowedSeen.has(a)).map((a) => a.reason)).toEqual([]);
  });
});

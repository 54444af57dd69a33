// A server for bench/household-list.ts: the database of SIKS_DATA_DIR (or DATABASE_URL) with one
// district (3174) of N households (argv[2]; seeded only when the district is empty, so a PGlite
// directory can be reused between runs), a supervisor API token, and EXPLAIN ANALYZE of the list
// and count queries written to stderr. Prints one JSON line { port, token, pid, plans } when it listens.
import { sql } from 'kysely';
import { openContext } from '../src/server/bootstrap.ts';
import { buildApp } from '../src/server/http/app.ts';
import { createApiToken, createUser } from '../src/server/modules/access/index.ts';
import { seedDistrict } from '../src/server/modules/demo/index.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { CLI_ACTOR } from '../src/server/platform/context.ts';

const households = Number(process.argv[2] ?? 200_000);
const opened = await openContext(loadConfig());
const { ctx } = opened;
const { db } = ctx.database;
const present = await sql<{ n: number }>`select count(*)::int as n from households where kode_wilayah like '3174%'`.execute(db);
if (present.rows[0]?.n === 0) {
  const t0 = Date.now();
  await seedDistrict(ctx, { kab: '3174', households, seed: 1 });
  process.stderr.write(`seeded ${households} households in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
const user = await db.selectFrom('users').select('id').where('username', '=', '3174_benchlist').executeTakeFirst();
if (!user) {
  await createUser(ctx, CLI_ACTOR, {
    username: '3174_benchlist',
    name: 'bench',
    role: 'SUPERVISOR',
    regions: ['3174'],
    password: 'bench-password-123',
    mustChangePassword: false,
  });
}
const { token } = await createApiToken(ctx, CLI_ACTOR, '3174_benchlist', `bench ${Date.now()}`);

// The statements the list runs for one unfiltered page of a district supervisor, as the queries
// module wrote them before issue 9 (page + count), plus the page cut before the joins and the bounded count that
// replaced them (issue 9 finding 10).
const scope = sql`h.kode_wilayah like any(${['3174%']}::text[])`;
const statements: Record<string, ReturnType<typeof sql>> = {
  page1: sql`select h.idbdt, h.kode_wilayah, d.name as nama_desa, k.name as nama_kecamatan, h.nama_krt, h.alamat, h.jumlah_art,
      h.persentil, h.status, h.version from households as h inner join regions as d on d.code = h.kode_wilayah
      inner join regions as k on k.code = d.parent_code where ${scope} order by h.kode_wilayah, h.idbdt limit 25 offset 0`,
  page400: sql`select h.idbdt, h.kode_wilayah, d.name as nama_desa, k.name as nama_kecamatan, h.nama_krt, h.alamat, h.jumlah_art,
      h.persentil, h.status, h.version from households as h inner join regions as d on d.code = h.kode_wilayah
      inner join regions as k on k.code = d.parent_code where ${scope} order by h.kode_wilayah, h.idbdt limit 25 offset 9975`,
  // The page query since issue 9: the page is cut from households alone, then joined.
  page1Cut: sql`select p.idbdt, p.kode_wilayah, d.name as nama_desa, k.name as nama_kecamatan, p.nama_krt, p.alamat, p.jumlah_art,
      p.persentil, p.status, p.version from (select h.idbdt, h.kode_wilayah, h.nama_krt, h.alamat, h.jumlah_art, h.persentil,
      h.status, h.version from households as h where ${scope} order by h.kode_wilayah, h.idbdt limit 25 offset 0) as p
      inner join regions as d on d.code = p.kode_wilayah inner join regions as k on k.code = d.parent_code order by p.kode_wilayah, p.idbdt`,
  page400Cut: sql`select p.idbdt, p.kode_wilayah, d.name as nama_desa, k.name as nama_kecamatan, p.nama_krt, p.alamat, p.jumlah_art,
      p.persentil, p.status, p.version from (select h.idbdt, h.kode_wilayah, h.nama_krt, h.alamat, h.jumlah_art, h.persentil,
      h.status, h.version from households as h where ${scope} order by h.kode_wilayah, h.idbdt limit 25 offset 9975) as p
      inner join regions as d on d.code = p.kode_wilayah inner join regions as k on k.code = d.parent_code order by p.kode_wilayah, p.idbdt`,
  countAll: sql`select count(*)::int as n from households as h where ${scope}`,
  countBounded: sql`select count(*)::int as n from (select 1 from households as h where ${scope} limit 2001) as c`,
  countAktif: sql`select count(*)::int as n from households as h where ${scope} and h.status = 'AKTIF'`,
};
const plans: Record<string, string> = {};
for (const [name, statement] of Object.entries(statements)) {
  await sql`${statement}`.execute(db); // warm the cache, as a running server would be
  const r = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${statement}`.execute(db);
  plans[name] = r.rows.map((row) => row['QUERY PLAN']).join('\n');
  process.stderr.write(`--- ${name}\n${plans[name]}\n`);
}

const app = await buildApp(ctx, { webDist: '/nonexistent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ port, token, pid: process.pid, plans })}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await opened.close();
  process.exit(0);
});

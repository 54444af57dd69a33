import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands.ts';
import { rewriteFrom } from '../support/audit.ts';
import { testContext, type TestContext } from '../support/db.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(async () => ctx?.close());

async function siksOn(c: TestContext, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, c, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const siks = (...argv: string[]) => siksOn(ctx, ...argv);

describe('the siks command line', () => {
  it('regions stats --json prints the four counts', async () => {
    expect(await siks('regions', 'stats', '--json')).toMatchObject({
      code: 0,
      out: '{"provinsi":38,"kabkota":514,"kecamatan":7285,"desa":83762}',
    });
  });

  it('audit verify passes on an intact log and names the entry whose text was changed by one byte', async () => {
    await siks('users', 'create', '3174_supervisor', '--role', 'SUPERVISOR', '--region', '3174', '--password', 'Jakarta-Selatan-1');
    await siks('demo', 'seed', '--kab', '3174', '--households', '20');
    await siks('tokens', 'create', '3174_supervisor');
    const ok = await siks('audit', 'verify');
    expect(ok.code).toBe(0);
    // One line per chain, the national one first (the CLI's token), then the verdict over all of them.
    expect(ok.out.split('\n')).toEqual([
      'chain 00: 1 entries, no checkpoint, OK',
      'chain 3174: 2 entries, no checkpoint, OK',
      'log intact: 3 entries verified',
    ]);
    const victim = await ctx.database.db
      .selectFrom('audit_log')
      .select(['id', 'text_id'])
      .where('action', '=', 'DEMO_SEED')
      .executeTakeFirstOrThrow();
    const altered = victim.text_id.replace('demo', 'dema');
    await sql`update audit_log set text_id = ${altered} where id = ${victim.id}`.execute(ctx.database.db);
    const bad = await siks('audit', 'verify');
    expect(bad.code).toBe(6);
    expect(bad.err).toContain(`log broken at entry ${victim.id}: the entry was altered (1 entries verified before it) (chain 3174)`);
    expect(bad.out.split('\n')).toEqual([
      'chain 00: 1 entries, no checkpoint, OK',
      `chain 3174: 1 entries verified, no checkpoint, BROKEN at entry ${victim.id}`,
    ]);
    await sql`update audit_log set text_id = ${victim.text_id} where id = ${victim.id}`.execute(ctx.database.db);
    // Removing an entry is caught at the one after it in its chain.
    const district = await ctx.database.db.selectFrom('audit_log').select('id').where('kab_kota', '=', '3174').orderBy('id').execute();
    await sql`delete from audit_log where id = ${district[0]!.id}`.execute(ctx.database.db);
    const removed = await siks('audit', 'verify');
    expect(removed.err).toContain(`log broken at entry ${district[1]!.id}: an entry before it was removed or inserted`);
    expect(removed.out).toContain('chain 00: 1 entries, no checkpoint, OK');
  });

  it('finding 4: audit verify names the deleted newest entries and an entry rewritten with recomputed hashes', async () => {
    // A log of its own: the test above leaves this file's chain broken on purpose.
    const own = await testContext();
    const siks = (...argv: string[]) => siksOn(own, ...argv);
    try {
      await siks('users', 'create', '3174_supervisor', '--role', 'SUPERVISOR', '--region', '3174', '--password', 'Jakarta-Selatan-1');
      await siks('tokens', 'create', '3174_supervisor', '--name', 'satu');
      await siks('tokens', 'create', '3174_supervisor', '--name', 'dua');
      await siks('tokens', 'create', '3174_supervisor', '--name', 'tiga');
      // A checkpoint of each chain: the national one (the CLI's three tokens) and the district's (its user).
      const cp = await siks('audit', 'checkpoint');
      expect(cp.out.split('\n')).toEqual([
        expect.stringMatching(/^checkpoint at 3 entries \(entry \d+\), HMAC [0-9a-f]{16} \(chain 00\)$/),
        expect.stringMatching(/^checkpoint at 1 entries \(entry \d+\), HMAC [0-9a-f]{16} \(chain 3174\)$/),
      ]);
      expect((await siks('audit', 'checkpoint')).out).toBe('every chain is anchored at its head: no checkpoint');
      const ok = await siks('audit', 'verify');
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.err).toMatch(/checkpoints: 2 in the database, 2 in /);
      expect(ok.out).toMatch(
        /^chain 00: 3 entries, last checkpoint at 3 entries \(\S+\), OK\nchain 3174: 1 entries, last checkpoint at 1 entries/,
      );
      const national = () => own.database.db.selectFrom('audit_log').selectAll().where('kab_kota', '=', '00').orderBy('id');
      const ids = (await national().execute()).map((r) => r.id);
      const count = ids.length;

      // Truncation: the two newest entries of the national chain deleted.
      const removed = await national().where('id', '>', ids.at(-3)!).execute();
      await sql`delete from audit_log where kab_kota = '00' and id > ${ids.at(-3)!}`.execute(own.database.db);
      const truncated = await siks('audit', 'verify');
      expect(truncated.code).toBe(6);
      expect(truncated.err).toContain(`log truncated: 2 entries missing after entry ${ids.at(-3)} (checkpoint at ${count} entries`);
      expect(truncated.out).toContain(`chain 00: 1 entries verified, last checkpoint at 3 entries`);
      expect(truncated.out).toMatch(/chain 3174: 1 entries, last checkpoint at 1 entries \(\S+\), OK/);
      await own.database.db
        .insertInto('audit_log')
        .values(removed.map((r) => ({ ...r, details: JSON.stringify(r.details) })))
        .execute();
      expect((await siks('audit', 'verify')).code).toBe(0);

      // Rewriting: an entry edited and every later hash recomputed; the chain alone looks intact.
      const victim = ids.at(-2)!;
      await rewriteFrom(own.database.db, victim, 'Membuat token API (diubah)');
      const rewritten = await siks('audit', 'verify');
      expect(rewritten.code).toBe(6);
      expect(rewritten.err).toContain(`log rewritten: entry ${ids.at(-1)} changed since checkpoint at ${count} entries`);
      expect(rewritten.err).toContain(`the edited entry is one of ${ids[0]}–${ids.at(-1)}`);
    } finally {
      await own.close();
    }
  });

  it('demo approve-mou gives a district an approved MoU once; an unknown district is refused', async () => {
    const mou = () => ctx.database.db.selectFrom('mou_submissions').select('status').where('kab_kota', '=', '3273').execute();
    expect(await mou()).toEqual([]);
    expect(await siks('demo', 'approve-mou', '--kab', '3273')).toMatchObject({ code: 0, out: 'MoU of 3273 approved' });
    expect(await mou()).toEqual([{ status: 'APPROVED' }]);
    expect(await siks('demo', 'approve-mou', '--kab', '3273')).toMatchObject({ code: 0, out: 'MoU of 3273 was already approved' });
    expect(await mou()).toHaveLength(1);
    const unknown = await siks('demo', 'approve-mou', '--kab', '3299');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('UNKNOWN_REGION');
  });

  it('demo lists gives a seeded district its quotas and KPM/PBI lists once; an unknown district is refused', async () => {
    await siks('demo', 'seed', '--kab', '3276', '--households', '40', '--seed', '4');
    const made = await siks('demo', 'lists', '--kab', '3276');
    expect(made).toMatchObject({ code: 0, out: 'lists of 3276: BPNT 9 KPM (quota 10), PBI 36 participants (quota 40)' });
    const kpm = await ctx.database.db.selectFrom('kpm_memberships').select('status').where('kab_kota', '=', '3276').execute();
    expect(kpm).toHaveLength(9);
    expect(await siks('demo', 'lists', '--kab', '3276')).toMatchObject({ code: 0, out: 'lists of 3276 already exist' });
    const unknown = await siks('demo', 'lists', '--kab', '3299');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('UNKNOWN_REGION');
  });

  it('a wrong command prints the usage and exits 2', async () => {
    const r = await siks('nonsense');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: siks <command>');
  });
});

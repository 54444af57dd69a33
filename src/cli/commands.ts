import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ROLES, signsInWithPassword, type Role } from '../shared/roles.ts';
import { type AnchoredVerifyResult, type ChainVerifyResult, verifyAuditLog, writeAuditCheckpoints } from '../server/platform/audit.ts';
import { auditAnchorOf } from '../server/platform/audit-anchor.ts';
import { CLI_ACTOR, type AppContext } from '../server/platform/context.ts';
import { AppError, errorCatalogue } from '../server/platform/errors.ts';
import { migrate } from '../server/platform/migrate.ts';
import { createApiToken, createUser, setPassword, setUserRole, setUserStatus, unlockUser } from '../server/modules/access/index.ts';
import { countRegionsByLevel } from '../server/modules/regions/index.ts';
import {
  approveDemoMou,
  NATION_DISTRICTS,
  NATION_PROVINCES,
  seedDemoLists,
  seedDistrict,
  seedNation,
} from '../server/modules/demo/index.ts';
import { districtDate } from '../shared/time-zones.ts';
import { now } from '../server/platform/clock.ts';
import { BASELINE_USAGE, runBaselineCommand } from './baseline.ts';
import { BOUNDARIES_USAGE, runBoundariesCommand } from './boundaries.ts';
import { BACKUP_USAGE, runBackup } from './backup.ts';

/** Where a command writes: stdout and stderr lines (the control socket captures them). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `Usage: siks <command>

  regions stats [--json]                 counts of provinsi, kabkota, kecamatan, desa
  demo seed --kab 3174 --households N [--seed S] [--mistakes 0.02]
                                         generate a demo district (deterministic per seed)
  demo seed --nation N [--districts 40] [--provinces 5] [--with KAB:N] [--seed S] [--mistakes 0.02]
                                         a demo nation: N households over districts of several
                                         provinces (each like the demo district, with its quotas,
                                         lists and MoU); --with puts one district of that size in it
  demo approve-mou --kab 3171            upload and approve demo scans as the district's MoU
                                         (its supervisor can then download the release)
  demo lists --kab 3171                  demo BPNT/PBI quotas and KPM/PBI lists of a seeded district
                                         (once; the lists fill about 90 % of the quotas)
  users create USER --role ROLE [--region CODE]... [--name NAME] [--password PW]
                                         create a user (ROLE: ${ROLES.join(', ')})
  users set-password USER [--password PW] set a password (without --password: a printed one-time
                                         password that must be changed at the next login)
  users disable|enable|unlock USER       disable (ends its sessions and API tokens), re-enable,
                                         lift its login locks
  users set-role USER --role ROLE [--region CODE]...
                                         give another role or scope (ends its sessions and tokens)
  tokens create USER [--name NAME]       create an API token (printed once)
  audit verify                           check every hash chain of the log (one per district, 00 for
                                         national actions) against its checkpoints (database and
                                         SIKS_AUDIT_ANCHOR_FILE): one line per chain; names altered,
                                         deleted and rewritten entries
  audit checkpoint                       write a checkpoint of every chain that grew since its last
                                         (also every 1,000 entries of a chain and at every finalisation)
  db migrate                             apply pending migrations
${BACKUP_USAGE}
${BASELINE_USAGE}
${BOUNDARIES_USAGE}

Environment: SIKS_DATA_DIR (default ./data) or DATABASE_URL=postgres://…`;

function int(v: string | undefined, name: string, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new AppError('VALIDATION', undefined, {
      id: `--${name} harus bilangan bulat`,
      en: `--${name} must be a whole number`,
    });
  return n;
}

/** Runs one CLI command against an open context; returns the exit code. */
// The options of a command and its one positional (a username), which may be missing.
function withName<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  const { values, positionals } = parseArgs<{ args: string[]; allowPositionals: true; options: O }>({
    args,
    allowPositionals: true,
    options,
  });
  return { values, name: positionals[0] };
}

function usage(io: Io): number {
  io.err(USAGE);
  return 2;
}

export async function runCommand(argv: string[], ctx: AppContext, io: Io): Promise<number> {
  const [group, verb, ...rest] = argv;
  const key = `${group ?? ''} ${verb ?? ''}`.trim();
  try {
    if (group === 'backup') return await runBackup(argv.slice(1), ctx, io);
    if (group === 'restore') {
      // Reached only inside a running server (through its control socket): it holds the database.
      io.err('siks restore replaces the whole database: stop the server first, then run it again.');
      return 5;
    }
    switch (key) {
      case 'regions stats': {
        const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
        const c = await countRegionsByLevel(ctx.database.db);
        const stats = { provinsi: c.provinsi, kabkota: c.kabkota, kecamatan: c.kecamatan, desa: c.desa };
        io.out(
          values.json
            ? JSON.stringify(stats)
            : Object.entries(stats)
                .map(([k, v]) => `${k.padEnd(10)} ${v}`)
                .join('\n'),
        );
        return 0;
      }
      case 'demo seed': {
        const { values } = parseArgs({
          args: rest,
          options: {
            kab: { type: 'string' },
            households: { type: 'string' },
            seed: { type: 'string' },
            mistakes: { type: 'string' },
            nation: { type: 'string' },
            districts: { type: 'string' },
            provinces: { type: 'string' },
            with: { type: 'string' },
          },
        });
        if (values.nation !== undefined) return await demoSeedNation(ctx, io, values);
        if (!values.kab || !/^[0-9]{4}$/.test(values.kab)) throw new AppError('UNKNOWN_REGION');
        const r = await seedDistrict(ctx, {
          kab: values.kab,
          households: int(values.households, 'households', 20_000),
          seed: int(values.seed, 'seed', 1),
          mistakeRate: mistakesOption(values.mistakes),
        });
        io.out(`seeded ${r.households} households and ${r.members} members in ${values.kab} (${(r.ms / 1000).toFixed(1)} s)`);
        return 0;
      }
      case 'demo approve-mou': {
        const { values } = parseArgs({ args: rest, options: { kab: { type: 'string' } } });
        if (!values.kab || !/^[0-9]{4}$/.test(values.kab)) throw new AppError('UNKNOWN_REGION');
        const approved = await approveDemoMou(ctx, values.kab);
        io.out(approved ? `MoU of ${values.kab} approved` : `MoU of ${values.kab} was already approved`);
        return 0;
      }
      case 'demo lists': {
        const { values } = parseArgs({ args: rest, options: { kab: { type: 'string' } } });
        if (!values.kab || !/^[0-9]{4}$/.test(values.kab)) throw new AppError('UNKNOWN_REGION');
        const r = await seedDemoLists(ctx, values.kab, districtDate(values.kab, now()));
        io.out(
          r
            ? `lists of ${values.kab}: BPNT ${r.kpm} KPM (quota ${r.quotas.BPNT}), PBI ${r.pbi} participants (quota ${r.quotas.PBI})`
            : `lists of ${values.kab} already exist`,
        );
        return 0;
      }
      case 'users create': {
        const { values, name: username } = withName(rest, {
          role: { type: 'string' },
          region: { type: 'string', multiple: true },
          name: { type: 'string' },
          password: { type: 'string' },
        });
        const role = values.role?.toUpperCase() as Role | undefined;
        if (!username || !role || !ROLES.includes(role)) return usage(io);
        const { password } = await createUser(ctx, CLI_ACTOR, {
          username,
          name: values.name ?? username,
          role,
          regions: values.region ?? [],
          password: values.password,
        });
        // An integration never logs in with a password: what it needs next is its token.
        if (!signsInWithPassword(role)) io.out(`created ${username} (API tokens only: siks tokens create ${username} --name NAME)`);
        else io.out(values.password ? `created ${username}` : `created ${username} with password: ${password}`);
        return 0;
      }
      case 'users set-password': {
        const { values, name } = withName(rest, { password: { type: 'string' } });
        if (!name) return usage(io);
        const pw = await setPassword(ctx, CLI_ACTOR, name, values.password);
        io.out(values.password ? 'password changed' : `one-time password (must be changed at the next login): ${pw}`);
        return 0;
      }
      case 'users set-role': {
        const { values, name: username } = withName(rest, { role: { type: 'string' }, region: { type: 'string', multiple: true } });
        const role = values.role?.toUpperCase() as Role | undefined;
        if (!username || !role || !ROLES.includes(role)) return usage(io);
        await setUserRole(ctx, CLI_ACTOR, username, { role, regions: values.region ?? [] });
        io.out(`${username}: ${role} ${(values.region ?? []).join(' ')}`.trimEnd());
        return 0;
      }
      case 'users disable':
      case 'users enable':
      case 'users unlock': {
        const username = rest[0];
        if (!username) return usage(io);
        if (verb === 'unlock') await unlockUser(ctx, CLI_ACTOR, username);
        else await setUserStatus(ctx, CLI_ACTOR, username, verb === 'disable' ? 'DISABLED' : 'ACTIVE');
        io.out(`${username}: ${verb === 'unlock' ? 'unlocked' : verb === 'disable' ? 'disabled' : 'enabled'}`);
        return 0;
      }
      case 'tokens create': {
        const { values, name } = withName(rest, { name: { type: 'string' } });
        if (!name) return usage(io);
        io.out((await createApiToken(ctx, CLI_ACTOR, name, values.name ?? 'cli')).token);
        return 0;
      }
      case 'audit verify': {
        const anchor = auditAnchorOf(ctx.database.db);
        if (!anchor) throw new Error('no audit anchor is attached to this database');
        const r = await verifyAuditLog(ctx.database.db, anchor);
        for (const line of anchorReport(r)) io.err(line);
        for (const c of r.chains) io.out(chainLine(c));
        for (const c of r.chains) if (!c.ok) io.err(`${chainProblem(c)} (chain ${c.chain})`);
        if (r.ok) {
          io.out(`log intact: ${r.checked} entries verified`);
          return 0;
        }
        if (r.chains.every((c) => c.ok)) io.err(`log checkpoints do not hold (${r.checked} entries verified)`);
        return 6;
      }
      case 'audit checkpoint': {
        const written = await ctx.database.transaction((tx) => writeAuditCheckpoints(tx, { reason: 'MANUAL' }));
        for (const c of written)
          io.out(`checkpoint at ${c.count} entries (entry ${c.lastId}), HMAC ${c.hmac.slice(0, 16)} (chain ${c.chain})`);
        if (written.length === 0) {
          const empty = (await ctx.database.db.selectFrom('audit_chain_heads').select('kab_kota').limit(1).execute()).length === 0;
          io.out(empty ? 'the log is empty: no checkpoint' : 'every chain is anchored at its head: no checkpoint');
        }
        return 0;
      }
      case 'baseline load':
      case 'baseline confirm':
      case 'baseline errors':
        return await runBaselineCommand(verb!, rest, ctx, io);
      case 'boundaries load':
        return await runBoundariesCommand(verb!, rest, ctx, io);
      case 'db migrate': {
        const applied = await migrate(ctx.database);
        io.out(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
        return 0;
      }
      default:
        return usage(io);
    }
  } catch (err) {
    if (err instanceof AppError) {
      io.err(`${err.messageIn('en')} (${err.code})${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
      return errorCatalogue[err.code].exit;
    }
    throw err;
  }
}

/** One chain as verify found it: key, entries, latest checkpoint, OK or where it breaks. */
function chainLine(c: ChainVerifyResult): string {
  const cp = c.lastCheckpoint ? `last checkpoint at ${c.lastCheckpoint.count} entries (${c.lastCheckpoint.at})` : 'no checkpoint';
  const verdict = c.firstBad
    ? `BROKEN at entry ${c.firstBad.id}`
    : c.rewritten
      ? `BROKEN at entry ${c.rewritten.toId}`
      : c.truncated
        ? `BROKEN after ${c.truncated.afterId === null ? 'its start' : `entry ${c.truncated.afterId}`}`
        : 'OK';
  return `chain ${c.chain}: ${c.checked} entries${c.ok ? '' : ' verified'}, ${cp}, ${verdict}`;
}

/** How a broken chain breaks, in the words verify used when the log was one chain. */
function chainProblem(c: ChainVerifyResult): string {
  if (c.firstBad)
    return `log broken at entry ${c.firstBad.id}: ${c.firstBad.problem === 'altered' ? 'the entry was altered' : 'an entry before it was removed or inserted'} (${c.checked} entries verified before it)`;
  if (c.rewritten) {
    const { fromId, toId, checkpoint: k } = c.rewritten;
    return `log rewritten: entry ${toId} changed since checkpoint at ${k.count} entries (${k.at}): its hash is no longer the anchored one${fromId === toId ? '' : `; the edited entry is one of ${fromId}–${toId}`}`;
  }
  const { missing, afterId, checkpoint: k } = c.truncated!;
  return `log truncated: ${missing} entries missing after ${afterId === null ? 'the start of the log' : `entry ${afterId}`} (checkpoint at ${k.count} entries, ${k.at}, ended at entry ${k.lastId})`;
}

/** What verify found about the checkpoints themselves, one line each. */
function mistakesOption(v: string | undefined): number | undefined {
  const rate = v === undefined ? undefined : Number(v);
  if (rate !== undefined && !(rate >= 0 && rate <= 1))
    throw new AppError('VALIDATION', undefined, { id: '--mistakes antara 0 dan 1', en: '--mistakes must be between 0 and 1' });
  return rate;
}

// `demo seed --nation N`: one line per district as it is done (a 2-million nation takes minutes).
async function demoSeedNation(ctx: AppContext, io: Io, values: Record<string, string | boolean | undefined>): Promise<number> {
  const str = (k: string) => (typeof values[k] === 'string' ? values[k] : undefined);
  const withOpt = str('with');
  const fixed = withOpt === undefined ? undefined : /^([0-9]{4}):([0-9]+)$/.exec(withOpt);
  if (fixed === null)
    throw new AppError('VALIDATION', undefined, {
      id: '--with berbentuk KAB:JUMLAH, mis. 3201:200000',
      en: '--with takes KAB:COUNT, e.g. 3201:200000',
    });
  const r = await seedNation(
    ctx,
    {
      households: int(str('nation'), 'nation'),
      districts: int(str('districts'), 'districts', NATION_DISTRICTS),
      provinces: int(str('provinces'), 'provinces', NATION_PROVINCES),
      seed: int(str('seed'), 'seed', 1),
      mistakeRate: mistakesOption(str('mistakes')),
      with: fixed ? { kab: fixed[1]!, households: Number(fixed[2]) } : undefined,
    },
    (d, i, of) =>
      io.out(
        `${String(i + 1).padStart(String(of).length)}/${of} ${d.kab} ${d.skipped ? 'already seeded, skipped' : `${d.households} households`}`,
      ),
  );
  const provinces = new Set(r.districts.map((d) => d.province)).size;
  io.out(
    `seeded ${r.households} households and ${r.members} members in ${r.districts.length} districts of ${provinces} provinces (${(r.ms / 1000).toFixed(1)} s)`,
  );
  return 0;
}

function anchorReport(r: AnchoredVerifyResult): string[] {
  const lines = [
    `checkpoints: ${r.checkpoints.database} in the database, ${r.checkpoints.file === null ? `no anchor file at ${r.anchorFile}` : `${r.checkpoints.file} in ${r.anchorFile}`}`,
  ];
  for (const f of r.forged)
    lines.push(
      `checkpoint at ${f.checkpoint.count} entries (${f.checkpoint.at}) in the ${f.source === 'file' ? 'anchor file' : 'database'} has a wrong HMAC: forged, or signed with another SIKS_AUDIT_KEY`,
    );
  for (const c of r.missingFromDatabase)
    lines.push(`checkpoint at ${c.count} entries (${c.at}) is in the anchor file but not in the database: it was removed`);
  if (r.badLines.length > 0) lines.push(`anchor file lines that are not checkpoints: ${r.badLines.join(', ')}`);
  return lines;
}

/** Whether a command needs the database at all (help does not). */
export function needsDatabase(argv: string[]): boolean {
  return argv.length > 0 && !['help', '--help', '-h'].includes(argv[0]!);
}

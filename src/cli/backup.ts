import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openContext } from '../server/bootstrap.ts';
import { recordAudit, storedCheckpoints, writeAuditCheckpoints } from '../server/platform/audit.ts';
import { appendAnchor, auditAnchorOf } from '../server/platform/audit-anchor.ts';
import { asideSuffix, loadBackup, readBackupHeader, verifyBackup, writeBackup } from '../server/platform/backup.ts';
import type { Config } from '../server/platform/config.ts';
import { DataDirBusyError } from '../server/platform/data-lock.ts';
import { CLI_ACTOR, type AppContext } from '../server/platform/context.ts';
import { AppError, errorCatalogue } from '../server/platform/errors.ts';
import type { Io } from './commands.ts';

export const BACKUP_USAGE = `  backup FILE                            write a backup of the whole database to FILE (0600): pg_dump on
                                         PostgreSQL, the data directory on the embedded database; a
                                         checkpoint of the log is written first
  restore FILE [--force]                 restore a backup into an empty database (--force: replace the
                                         data; PGlite's old directory is kept beside it), then migrate.
                                         Stop the server first`;

/** Makes the FILE of `backup`/`restore` absolute: the command may run inside the server. */
export function resolveBackupFile(argv: string[], cwd: string): string[] {
  if ((argv[0] !== 'backup' && argv[0] !== 'restore') || !argv[1] || argv[1].startsWith('--')) return argv;
  return [argv[0], path.resolve(cwd, argv[1]), ...argv.slice(2)];
}

const fileRequired = () =>
  new AppError('VALIDATION', undefined, { id: 'Nama berkas cadangan wajib diisi', en: 'The backup file is required' });

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** `siks backup FILE`: a checkpoint and a log entry, then the engine's dump in a checked file. */
export async function runBackup(args: string[], ctx: AppContext, io: Io): Promise<number> {
  const file = args[0];
  if (!file || file.startsWith('--')) throw fileRequired();
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: CLI_ACTOR,
      action: 'DB_BACKUP',
      text: { id: `Cadangan basis data dibuat: ${path.basename(file)}`, en: `Database backup written: ${path.basename(file)}` },
      details: { file },
    });
    // The copied log then ends at a signed checkpoint in every chain, which a restore re-anchors.
    await writeAuditCheckpoints(tx, { reason: 'MANUAL' });
  });
  const h = await writeBackup(ctx.database, ctx.config, file);
  io.out(
    `backup written to ${file}: ${h.engine === 'pglite' ? 'embedded database (PGlite)' : 'PostgreSQL'}, ${h.households} households, schema ${h.schema}, ${mib(h.bytes)}, SHA-256 ${h.sha256}`,
  );
  return 0;
}

/** The AppError of a backup command as its message and exit code. */
function failed(err: unknown, io: Io): number {
  if (err instanceof DataDirBusyError) {
    io.err(`siks restore replaces the whole database: stop the server (process ${err.owner.pid}) first, then run it again.`);
    return 5;
  }
  if (!(err instanceof AppError)) throw err;
  io.err(`${err.messageIn('en')} (${err.code})`);
  return errorCatalogue[err.code].exit;
}

/**
 * `siks restore FILE [--force]`, run outside any server: checks the file, loads it, re-anchors the
 * log (the old anchor file is moved aside, the restored checkpoints written to a new one), migrates
 * and records the restore in the log.
 */
export async function runRestore(args: string[], config: Config, io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file) throw fileRequired();
    const h = readBackupHeader(file);
    await verifyBackup(file, h);
    const aside = await loadBackup(config, file, h, values.force === true);
    if (fs.existsSync(config.auditAnchorFile)) {
      // Its checkpoints describe the replaced log: kept as evidence, no longer the anchor.
      const moved = `${config.auditAnchorFile}.${asideSuffix()}`;
      fs.renameSync(config.auditAnchorFile, moved);
      aside.push(moved);
    }
    const opened = await openContext(config);
    try {
      const { ctx } = opened;
      const anchor = auditAnchorOf(ctx.database.db);
      if (anchor) for (const c of await storedCheckpoints(ctx.database.db)) appendAnchor(anchor.file, c);
      const migrated = await ctx.database.db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
      await ctx.database.transaction(async (tx) => {
        await recordAudit(tx, {
          actor: CLI_ACTOR,
          action: 'DB_RESTORE',
          text: {
            id: `Basis data dipulihkan dari cadangan ${path.basename(file)} (dibuat ${h.createdAt})`,
            en: `Database restored from backup ${path.basename(file)} (made ${h.createdAt})`,
          },
          details: { file, sha256: h.sha256, createdAt: h.createdAt, schema: h.schema, movedAside: aside },
        });
        await writeAuditCheckpoints(tx, { reason: 'MANUAL' });
      });
      io.out(
        `restored ${file} (made ${h.createdAt}, ${h.households} households, schema ${h.schema}); schema now ${migrated.at(-1)?.name ?? ''}`,
      );
      for (const a of aside) io.out(`moved aside: ${a}`);
      return 0;
    } finally {
      await opened.close();
    }
  } catch (err) {
    return failed(err, io);
  }
}

import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { openDatabase, pgliteDirOf } from './platform/db.ts';
import { acquireDataLock, type DataLock } from './platform/data-lock.ts';
import { attachAuditAnchor, resolveAuditAnchor } from './platform/audit-anchor.ts';
import { migrate } from './platform/migrate.ts';
import { cleanWorkDir } from './platform/work-dir.ts';
import { loadRegionsIfEmpty } from './modules/regions/index.ts';

export interface Opened {
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * Opens the configured database ready for use: takes the data-directory lock (PGlite), removes
 * work files of dead processes, applies pending migrations and loads the regions once. `socket` is recorded in the lock for the CLI.
 */
export async function openContext(config: Config, opts: { socket?: string } = {}): Promise<Opened> {
  // Before anything else: without its key (required with DATABASE_URL) no process may write the log.
  const anchor = resolveAuditAnchor(config);
  let lock: DataLock | undefined;
  if (!config.databaseUrl) lock = acquireDataLock(config.dataDir, opts.socket ? { socket: opts.socket } : {});
  try {
    // Work files a killed process left behind (decrypted packages): with the embedded database this
    // process is the only user of the directory; on PostgreSQL only dead processes' files go.
    cleanWorkDir(config, { exclusive: !config.databaseUrl });
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: pgliteDirOf(config.dataDir),
      pgliteSharedBuffers: config.pgliteSharedBuffers,
    });
    attachAuditAnchor(database, anchor);
    await migrate(database);
    await database.transaction((tx) => loadRegionsIfEmpty(database, tx));
    return {
      ctx: { config, database },
      async close() {
        await database.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

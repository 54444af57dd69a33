import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { openDatabase, pgliteDirOf } from './platform/db.ts';
import { acquireDataLock, type DataLock } from './platform/data-lock.ts';
import { migrate } from './platform/migrate.ts';
import { loadRegionsIfEmpty } from './modules/regions/index.ts';

export interface Opened {
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * Opens the configured database ready for use: takes the data-directory lock (PGlite), applies
 * pending migrations and loads the regions once. `socket` is recorded in the lock for the CLI.
 */
export async function openContext(config: Config, opts: { socket?: string } = {}): Promise<Opened> {
  let lock: DataLock | undefined;
  if (!config.databaseUrl) lock = acquireDataLock(config.dataDir, opts.socket ? { socket: opts.socket } : {});
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: pgliteDirOf(config.dataDir) });
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

import type { Config } from './config.ts';
import type { Database } from './db.ts';
import type { AuditActor } from './audit.ts';

/** What every service needs: the database and the configuration. */
export interface AppContext {
  config: Config;
  database: Database;
}

/** The actor recorded for actions taken from the command line by the machine's administrator. */
export const CLI_ACTOR: AuditActor = { id: null, username: 'cli' };

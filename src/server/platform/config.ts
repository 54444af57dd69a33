import path from 'node:path';

/** Runtime configuration, read once from the environment (documented in README.md). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** true only under the test configuration: cheaper password hashing. */
  fastHashing: boolean;
  /** Set when the server sits behind TLS (cookies become Secure, HSTS is sent). */
  behindTls: boolean;
}

/** Reads the configuration from `env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.SIKS_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionIdleMinutes: Number(env.SIKS_SESSION_IDLE_MINUTES ?? 30),
    fastHashing: env.SIKS_TEST_FAST_HASHING === '1',
    behindTls: env.SIKS_BEHIND_TLS === '1',
  };
}

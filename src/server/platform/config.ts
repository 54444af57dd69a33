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
  /** Failed logins of one account within `windowMinutes` that lock it for `minutes`. */
  loginLock: { threshold: number; windowMinutes: number; minutes: number };
  /** Failed logins from one address within the lock window after which it is refused. */
  addressMaxFailures: number;
  /** Proof-of-work captcha on login (altcha, PBKDF2/SHA-256). */
  captcha: { cost: number; counterMin: number; counterMax: number; expiresMinutes: number };
}

function num(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${v}`);
  return n;
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
    sessionIdleMinutes: num(env, 'SIKS_SESSION_IDLE_MINUTES', 30),
    fastHashing: env.SIKS_TEST_FAST_HASHING === '1',
    behindTls: env.SIKS_BEHIND_TLS === '1',
    loginLock: {
      threshold: num(env, 'SIKS_LOCK_THRESHOLD', 5),
      windowMinutes: num(env, 'SIKS_LOCK_WINDOW_MINUTES', 15),
      minutes: num(env, 'SIKS_LOCK_MINUTES', 15),
    },
    addressMaxFailures: num(env, 'SIKS_ADDRESS_MAX_FAILURES', 30),
    // Production difficulty: about 7 million PBKDF2 rounds on average, 1–2 s in headless Chromium
    // on 2 cores (cost 5000 with counters up to 10000 measured 8–9 s, too slow for a district
    // officer). Only the test configuration (SIKS_TEST_EASY_CAPTCHA=1) lowers it.
    captcha:
      env.SIKS_TEST_EASY_CAPTCHA === '1'
        ? { cost: 1, counterMin: 1, counterMax: 50, expiresMinutes: 10 }
        : { cost: 2000, counterMin: 2000, counterMax: 5000, expiresMinutes: 10 },
  };
}

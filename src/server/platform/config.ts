import path from 'node:path';

/** Runtime configuration, read once from the environment (documented in README.md). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /**
   * Private directory (0700) for work files such as decrypted packages: under the data directory unless
   * SIKS_WORK_DIR names another; each process works in its own subdirectory, leftovers are removed at start.
   */
  workDir: string;
  databaseUrl: string | undefined;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** true only under the test configuration: cheaper password hashing. */
  fastHashing: boolean;
  /** Set when the server sits behind TLS (cookies become Secure, HSTS is sent). */
  behindTls: boolean;
  /**
   * Proxy addresses (IPs or CIDRs) whose X-Forwarded-For is believed; empty: the client address is the
   * socket's, whatever the headers say. Independent of `behindTls`.
   */
  trustedProxies: string[];
  /**
   * Login locks: `threshold` failures of one User ID from one address within `windowMinutes` lock that
   * (User ID, address) pair for `minutes`; failures from `addresses` different addresses lock the User ID
   * everywhere. Unknown User IDs lock the same way, so the answer does not tell which exist.
   */
  loginLock: { threshold: number; addresses: number; windowMinutes: number; minutes: number };
  /** Failed logins from one address within the lock window after which it is refused. */
  addressMaxFailures: number;
  /** Searches by NIK, No KK or name one user may make per minute (every role). */
  personalSearchPerMinute: number;
  /**
   * SIKS_AUDIT_KEY: the HMAC key of the log's checkpoints, kept outside the database and the same in every
   * process. Unset: generated into `<dataDir>/audit.key` on the embedded database; required with DATABASE_URL.
   */
  auditKey: string | undefined;
  /** SIKS_AUDIT_ANCHOR_FILE: the append-only file outside the database that every checkpoint is added to. */
  auditAnchorFile: string;
  /**
   * SIKS_LOG: level of the JSON request log (fatal, error, warn, info, debug; `1` = info, `0` = off).
   * Unset: info with DATABASE_URL (a deployment), off on the embedded database (a desk or demo).
   */
  logLevel: string | undefined;
  /** SIKS_METRICS_PORT: also serve GET /metrics without login on 127.0.0.1 at this port. */
  metricsPort: number | undefined;
  /**
   * SIKS_WORKERS: server processes sharing the port (node:cluster), default 1. More than one only on
   * PostgreSQL: PGlite allows one process per data directory.
   */
  workers: number;
  /** SIKS_PGLITE_SHARED_BUFFERS: PGlite's shared_buffers (resident for the server's life), default 32MB. */
  pgliteSharedBuffers: string;
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

// An IPv4 or IPv6 address, optionally with a /prefix: what fastify's trustProxy list accepts.
const PROXY_ENTRY = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:\/\d{1,3})?$/;

function proxies(v: string | undefined): string[] {
  const list = (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of list) if (!PROXY_ENTRY.test(p)) throw new Error(`SIKS_TRUSTED_PROXIES must list IP addresses or CIDRs, got ${p}`);
  return list;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

function logLevel(env: NodeJS.ProcessEnv): string | undefined {
  const v = env.SIKS_LOG;
  if (v === undefined || v === '') return env.DATABASE_URL ? 'info' : undefined;
  if (v === '0') return undefined;
  if (v === '1') return 'info';
  if (!LOG_LEVELS.includes(v)) throw new Error(`SIKS_LOG must be 0, 1 or one of ${LOG_LEVELS.join(', ')}, got ${v}`);
  return v;
}

function workers(v: string | undefined): number {
  if (v === undefined || v === '') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`SIKS_WORKERS must be a whole number from 1 to 64, got ${v}`);
  return n;
}

function sharedBuffers(v: string | undefined): string {
  if (v === undefined || v === '') return '32MB';
  if (!/^\d+(kB|MB|GB)$/.test(v)) throw new Error(`SIKS_PGLITE_SHARED_BUFFERS must be a size such as 32MB or 128MB, got ${v}`);
  return v;
}

/** Reads the configuration from `env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.SIKS_DATA_DIR ?? './data'),
    workDir: path.resolve(env.SIKS_WORK_DIR || path.join(env.SIKS_DATA_DIR ?? './data', 'work')),
    databaseUrl: env.DATABASE_URL || undefined,
    auditKey: env.SIKS_AUDIT_KEY || undefined,
    auditAnchorFile: path.resolve(env.SIKS_AUDIT_ANCHOR_FILE || path.join(env.SIKS_DATA_DIR ?? './data', 'audit-anchor.log')),
    sessionIdleMinutes: num(env, 'SIKS_SESSION_IDLE_MINUTES', 30),
    fastHashing: env.SIKS_TEST_FAST_HASHING === '1',
    behindTls: env.SIKS_BEHIND_TLS === '1',
    trustedProxies: proxies(env.SIKS_TRUSTED_PROXIES),
    loginLock: {
      threshold: num(env, 'SIKS_LOCK_THRESHOLD', 5),
      addresses: num(env, 'SIKS_LOCK_ADDRESSES', 10),
      windowMinutes: num(env, 'SIKS_LOCK_WINDOW_MINUTES', 15),
      minutes: num(env, 'SIKS_LOCK_MINUTES', 15),
    },
    addressMaxFailures: num(env, 'SIKS_ADDRESS_MAX_FAILURES', 30),
    personalSearchPerMinute: num(env, 'SIKS_PERSONAL_SEARCH_PER_MINUTE', 60),
    logLevel: logLevel(env),
    metricsPort: env.SIKS_METRICS_PORT ? num(env, 'SIKS_METRICS_PORT', 0) : undefined,
    workers: workers(env.SIKS_WORKERS),
    pgliteSharedBuffers: sharedBuffers(env.SIKS_PGLITE_SHARED_BUFFERS),
    // Production difficulty: about 7 million PBKDF2 rounds on average, 1–2 s in headless Chromium
    // on 2 cores (cost 5000 with counters up to 10000 measured 8–9 s, too slow for a district
    // officer). Only the test configuration (SIKS_TEST_EASY_CAPTCHA=1) lowers it.
    captcha:
      env.SIKS_TEST_EASY_CAPTCHA === '1'
        ? { cost: 1, counterMin: 1, counterMax: 50, expiresMinutes: 10 }
        : { cost: 2000, counterMin: 2000, counterMax: 5000, expiresMinutes: 10 },
  };
}

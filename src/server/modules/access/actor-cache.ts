// A short-lived cache of who a session cookie or an API token stands for. Without it every API
// request read the token, its user and the user's regions before doing its own work (issue 17
// item 4: three statements, about a third of the statements of a list page).
//
// Bounds, so that security stays as it was:
// - an entry lives ACTOR_CACHE_MS at most, and never past its session's idle deadline;
// - every write to users, their regions, sessions or tokens in this process (access.queries.ts,
//   through forgetActors) empties the cache of its database at once and again after its commit, so
//   a logout, a disable, a role or password change takes effect on the next request here;
// - in other processes (SIKS_WORKERS, the command line beside a PostgreSQL server) the same change
//   takes effect within ACTOR_CACHE_MS, when their entries run out.
import type { Database, Db } from '../../platform/db.ts';
import { afterCommit, databaseOf } from '../../platform/db.ts';
import type { Actor } from '../../platform/scope.ts';

/** How long an authenticated actor is reused without reading the database (milliseconds). */
export const ACTOR_CACHE_MS = 2_000;
// A bound on memory: more live credentials than this within two seconds empties the cache.
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor;
  until: number;
}
interface Cache {
  entries: Map<string, Entry>;
  /** Bumped by every forget: a read that started before it must not store what it read. */
  generation: number;
}

// Per Database: test contexts (and the CLI's) never see each other's entries.
const caches = new WeakMap<Database, Cache>();

function cacheOf(database: Database): Cache {
  let c = caches.get(database);
  if (!c) caches.set(database, (c = { entries: new Map(), generation: 0 }));
  return c;
}

/** The cached actor of a credential key, if still fresh. */
export function cachedActor(database: Database, key: string, at = Date.now()): Actor | undefined {
  const c = cacheOf(database);
  const e = c.entries.get(key);
  if (!e) return undefined;
  if (e.until > at) return e.actor;
  c.entries.delete(key);
  return undefined;
}

/** The cache's generation before a read: pass it to keepActor. */
export function actorCacheGeneration(database: Database): number {
  return cacheOf(database).generation;
}

/**
 * Keeps an actor read at `generation` until `until` (epoch ms; at most ACTOR_CACHE_MS from now),
 * unless a change was forgotten since the read began. The actor is frozen: requests share it.
 */
export function keepActor(database: Database, key: string, actor: Actor, generation: number, until: number, at = Date.now()): void {
  const c = cacheOf(database);
  if (c.generation !== generation) return;
  if (c.entries.size >= MAX_ENTRIES) c.entries.clear();
  Object.freeze(actor.regions);
  c.entries.set(key, { actor: Object.freeze(actor), until: Math.min(until, at + ACTOR_CACHE_MS) });
}

/** Forgets every cached actor of a database (and what reads under way would keep). */
export function forgetDatabaseActors(database: Database): void {
  const c = cacheOf(database);
  c.entries.clear();
  c.generation++;
}

/**
 * Forgets every cached actor of the database of `handle` now and, when `handle` is a transaction,
 * once more after it commits (a request that read the old rows meanwhile must not keep them).
 */
export function forgetActors(handle: Db): void {
  const database = databaseOf(handle);
  if (!database) return;
  forgetDatabaseActors(database);
  afterCommit(handle, () => forgetDatabaseActors(database));
}

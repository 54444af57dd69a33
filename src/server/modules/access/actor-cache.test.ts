import { describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db.ts';
import type { Actor } from '../../platform/scope.ts';
import { ACTOR_CACHE_MS, actorCacheGeneration, cachedActor, forgetDatabaseActors, keepActor } from './actor-cache.ts';

const actor = (): Actor => ({
  userId: 7,
  username: '3174_supervisor',
  name: 'Supervisor',
  role: 'SUPERVISOR',
  regions: ['3174'],
  language: 'id',
  mustChangePassword: false,
});
// Only its identity matters to the cache (entries are kept per Database object).
const fakeDatabase = () => ({}) as Database;

describe('the actor cache', () => {
  it('reuses an actor for ACTOR_CACHE_MS at most, and never past the deadline it was given', () => {
    const db = fakeDatabase();
    const t = 1_000_000;
    keepActor(db, 't:a', actor(), actorCacheGeneration(db), Number.POSITIVE_INFINITY, t);
    expect(cachedActor(db, 't:a', t + ACTOR_CACHE_MS - 1)?.username).toBe('3174_supervisor');
    expect(cachedActor(db, 't:a', t + ACTOR_CACHE_MS)).toBeUndefined();
    // A session whose idle deadline comes first is not used past it.
    keepActor(db, 's:b', actor(), actorCacheGeneration(db), t + 500, t);
    expect(cachedActor(db, 's:b', t + 499)).toBeDefined();
    expect(cachedActor(db, 's:b', t + 500)).toBeUndefined();
  });

  it('a forget drops every entry, and a read that began before it keeps nothing', () => {
    const db = fakeDatabase();
    const other = fakeDatabase();
    keepActor(db, 't:a', actor(), actorCacheGeneration(db), Number.POSITIVE_INFINITY);
    keepActor(other, 't:a', actor(), actorCacheGeneration(other), Number.POSITIVE_INFINITY);
    const before = actorCacheGeneration(db);
    forgetDatabaseActors(db); // e.g. a logout committed while another request was reading the old rows
    expect(cachedActor(db, 't:a')).toBeUndefined();
    keepActor(db, 't:c', actor(), before, Number.POSITIVE_INFINITY);
    expect(cachedActor(db, 't:c')).toBeUndefined();
    // Another database's entries are its own.
    expect(cachedActor(other, 't:a')).toBeDefined();
  });

  it('shares a frozen actor: a request cannot change what the next one sees', () => {
    const db = fakeDatabase();
    keepActor(db, 't:a', actor(), actorCacheGeneration(db), Number.POSITIVE_INFINITY);
    const shared = cachedActor(db, 't:a') as Actor;
    expect(() => {
      (shared.regions as string[]).push('3171');
    }).toThrow(TypeError);
    expect(cachedActor(db, 't:a')?.regions).toEqual(['3174']);
  });
});

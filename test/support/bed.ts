// The world most database test files start from: a database of their own, the personas and the
// HTTP app. `ctx`, `app` and `p` are live bindings: they hold the calling file's values once the
// beforeAll that setupTestBed registers has run (each test file loads its own copy of this module).

import { afterAll, beforeAll } from 'vitest';
import { testContext, type TestContext } from './db.ts';
import { bearer, testApp, type TestApp } from './http.ts';
import { createPersonas, type Persona, type PersonaName } from './personas.ts';

export let ctx: TestContext;
export let app: TestApp;
export let p: Record<PersonaName, Persona>;

/**
 * Opens the file's database, personas and app before its tests and closes them after.
 * `seed` runs once the personas exist and before the app starts.
 */
export function setupTestBed(seed?: (ctx: TestContext) => Promise<unknown>): void {
  beforeAll(async () => {
    ctx = await testContext();
    p = await createPersonas(ctx);
    await seed?.(ctx);
    app = await testApp(ctx);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });
}

/** The households of a region prefix, by code then IDBDT: the usual subjects of proposals in tests. */
export function householdsOf(prefix: string): Promise<{ idbdt: string; kode_wilayah: string }[]> {
  return ctx.database.db
    .selectFrom('households')
    .select(['idbdt', 'kode_wilayah'])
    .where('kode_wilayah', 'like', `${prefix}%`)
    .orderBy('kode_wilayah')
    .orderBy('idbdt')
    .execute();
}

/** The audit entries of an action, oldest first. */
export function auditEntries(action: string) {
  return ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}

/** How many audit entries an action has. */
export async function auditCount(action: string): Promise<number> {
  return (await auditEntries(action)).length;
}

/** The codes of the regions of one level under a prefix, in order. */
export async function regionCodes(prefix: string, level: 'kabkota' | 'kecamatan' | 'desa'): Promise<string[]> {
  const rows = await ctx.database.db
    .selectFrom('regions')
    .select('code')
    .where('code', 'like', `${prefix}%`)
    .where('level', '=', level)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/** A GET as a persona (its API token), with any extra headers. */
export function get(who: Persona, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { ...headers, ...bearer(who) } });
}

/** A POST of a JSON body as a persona. */
export function post(who: Persona, url: string, payload?: object) {
  return app.inject({ method: 'POST', url, payload, headers: bearer(who) });
}

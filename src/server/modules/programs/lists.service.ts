// Programme lists (issue 10, F10/F11): the KPM of BPNT/RASTRA and the PBI participants of a
// district, read with server paging inside the actor's scope, and quota use (C4: used = AKTIF).
// Proposals, approvals within quota and finalisation build on these reads.
import type { z } from 'zod';
import type { KpmListQuerySchema, PbiListQuerySchema } from '../../../shared/api/programs.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { initials, lastFour, maskRecord } from '../../platform/masking.ts';
import { allows, assertCan } from '../../platform/policy.ts';
import { type Actor, districtOf, householdsInScope, regionInScope } from '../../platform/scope.ts';
import * as lq from './lists.queries.ts';
import * as q from './programs.queries.ts';

export type KpmListQuery = z.output<typeof KpmListQuerySchema>;
export type PbiListQuery = z.output<typeof PbiListQuerySchema>;

// The district a list request is about: the one named (404 outside the scope, like a missing
// one), else the caller's own district, else the whole scope (province and national roles).
function listKab(actor: Actor, kab: string | undefined): string | undefined {
  assertCan(actor, 'program:read', kab);
  return kab ?? districtOf(actor);
}

/** A list query checked against the actor (program:read, 404 for a district outside its scope) and scoped to it. */
export function filterOf<Q extends { kab?: string }>(
  actor: Actor,
  query: Q,
): Q & { kab: string | undefined; scope: lq.ListWhere['scope']; scopeCoversKab: boolean } {
  const kab = listKab(actor, query.kab);
  return { ...query, kab, scope: householdsInScope(actor, 'h'), scopeCoversKab: kab !== undefined && regionInScope(actor, kab) };
}

/** A KPM row as a role without personal:unmasked sees it (the list's and the export's one rule). */
export function maskKpm(i: lq.KpmRow): lq.KpmRow {
  return { ...maskRecord(i, i.nama_desa), nama_pengurus: initials(i.nama_pengurus), no_kks: lastFour(i.no_kks) };
}

/** A PBI row as a role without personal:unmasked sees it. */
export function maskPbi(i: lq.PbiRow): lq.PbiRow {
  return maskRecord(i, i.nama_desa);
}

// A page as the actor may see it: masked for roles without personal:unmasked.
function pageFor<R>(actor: Actor, query: { page: number; pageSize: number }, found: { items: R[]; total: number }, mask: (r: R) => R) {
  const items = allows(actor, 'personal:unmasked') ? found.items : found.items.map(mask);
  return { items, total: found.total, page: query.page, pageSize: query.pageSize };
}

/** One page of the KPM list (BPNT/RASTRA) in the actor's scope; personal data masked for roles without personal:unmasked. */
export async function listKpm(ctx: AppContext, actor: Actor, query: KpmListQuery) {
  return pageFor(actor, query, await lq.pageKpm(ctx.database.db, filterOf(actor, query)), maskKpm);
}

/** One page of the PBI participants in the actor's scope; personal data masked for roles without personal:unmasked. */
export async function listPbi(ctx: AppContext, actor: Actor, query: PbiListQuery) {
  return pageFor(actor, query, await lq.pagePbi(ctx.database.db, filterOf(actor, query)), maskPbi);
}

/** Quota and use (AKTIF members of the list) per programme of a district; 404 outside the scope or for an unknown district. */
export async function getQuotaUse(ctx: AppContext, actor: Actor, query: { kab?: string }) {
  const kab = listKab(actor, query.kab);
  if (!kab) throw notFound();
  const db = ctx.database.db;
  const district = await q.findDistrict(db, kab);
  if (!district) throw notFound();
  return { kab, name: district.name, items: await quotaUseOf(db, kab, await q.currentQuotaPeriod(db)) };
}

/** Per programme of a district: the quota of `period` (null when none) and its use, the AKTIF members of the list now. */
export async function quotaUseOf(
  db: Db,
  kab: string,
  period: string,
): Promise<{ program: q.Program; quota: number | null; used: number }[]> {
  const quotas: Record<q.Program, number | null> = { BPNT: null, RASTRA: null, PBI: null };
  for (const r of await q.listQuotas(db, kab, period)) quotas[r.program] = r.quota;
  const used = await lq.countActive(db, kab);
  return q.PROGRAMS.map((program) => ({ program, quota: quotas[program], used: used[program] }));
}

/**
 * A household's programme memberships for its page (F13): KPM per programme, PBI per member, PKH
 * nominations; names and numbers masked (`masked`) as the lists mask them.
 */
export async function householdProgrammes(db: Db, kab: string, idbdt: string, masked: boolean) {
  // The lists stay with the district that kept them: a household handed over keeps its origin's
  // ended memberships, under the district its IDBDT names.
  const m = await lq.householdMemberships(db, [...new Set([kab, idbdt.slice(0, 4)])], idbdt);
  if (!masked) return m;
  // The one masking rule (numbers of cards and accounts by their no_ names); the pengurus is named by initials.
  return {
    kpm: m.kpm.map((k) => ({ ...maskRecord(k, null), nama_pengurus: initials(k.nama_pengurus) })),
    pbi: m.pbi.map((b) => maskRecord(b, null)),
    pkh: m.pkh,
  };
}

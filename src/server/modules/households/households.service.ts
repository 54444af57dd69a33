import { seesMaskedPersonalData } from '../../../shared/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { initials, lastFour, maskFieldValue, maskRecord } from '../../platform/masking.ts';
import { assertCan } from '../../platform/policy.ts';
import { inScope, type Actor } from '../access/index.ts';
import { findRegion } from '../regions/index.ts';
import { countPersonalSearch } from './households.limit.ts';
import * as q from './households.queries.ts';

export interface ListHouseholdsInput {
  kecamatan?: string;
  desa?: string;
  q?: string;
  status?: 'AKTIF' | 'NONAKTIF';
  desil?: number;
  page: number;
  pageSize: number;
}

/** A NIK or No KK masked as every masked role sees it: `************0001` (platform/masking.ts). */
export function maskNumber(v: string | null): string | null {
  return lastFour(v);
}

/** A name masked as every masked role sees it: initials only (platform/masking.ts). */
export function maskName(v: string | null): string | null {
  return initials(v);
}

function requireRead(actor: Actor) {
  assertCan(actor, 'registry:read');
}

/** Lists households in the actor's scope, server-paged (View Data Kesos, F13). */
export async function listHouseholds(ctx: AppContext, actor: Actor, input: ListHouseholdsInput) {
  requireRead(actor);
  const { db } = ctx.database;
  const filter: q.HouseholdFilter = { scope: inScope(actor, 'h.kode_wilayah'), ...input };
  const text = input.q?.trim();
  if (text) await guardSearch(ctx, actor, filter.scope, text);
  const [items, counted] = await Promise.all([q.listHouseholds(db, filter, input.page, input.pageSize), q.countForList(db, filter)]);
  const masked = seesMaskedPersonalData(actor.role);
  return {
    items: masked ? items.map((i) => maskRecord(i, i.nama_desa)) : items,
    total: counted.total,
    totalApproximate: counted.approximate,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** One household in scope with its members and history; "not found" outside the scope. */
export async function getHousehold(ctx: AppContext, actor: Actor, idbdt: string) {
  requireRead(actor);
  const { db } = ctx.database;
  const household = await q.findHousehold(db, inScope(actor, 'h.kode_wilayah'), idbdt);
  if (!household) throw notFound();
  const [members, history] = await Promise.all([q.listMembers(db, idbdt), q.listHistory(db, idbdt, 500)]);
  if (!seesMaskedPersonalData(actor.role)) return { household, members, history };
  const desa = (await findRegion(db, household.kode_wilayah))?.name ?? null;
  return {
    household: maskRecord(household, desa),
    members: members.map((m) => maskRecord(m, desa)),
    history: history.map((h) => ({
      ...h,
      old_value: maskFieldValue(h.field, h.old_value, desa) as string | null,
      new_value: maskFieldValue(h.field, h.new_value, desa) as string | null,
    })),
  };
}

/**
 * Lets a search through when it is by IDBDT (a household of the scope: neither masked nor
 * limited). A search by NIK, No KK or name is refused to a masked role (it would confirm a
 * guessed NIK or unmask a name letter by letter) and counted against the per-user limit for
 * everyone else.
 */
async function guardSearch(ctx: AppContext, actor: Actor, scope: q.HouseholdFilter['scope'], text: string): Promise<void> {
  if (/^[0-9]{16}$/.test(text) && (await q.findHousehold(ctx.database.db, scope, text))) return;
  if (seesMaskedPersonalData(actor.role)) throw new AppError('PERSONAL_SEARCH_FORBIDDEN');
  await countPersonalSearch(ctx, actor);
}

/** Number of AKTIF households in the actor's scope (Beranda's "total BDT"). */
export async function countActiveHouseholds(ctx: AppContext, actor: Actor): Promise<number> {
  requireRead(actor);
  return q.countHouseholds(ctx.database.db, { scope: inScope(actor, 'h.kode_wilayah'), status: 'AKTIF' });
}

import { seesMaskedPersonalData } from '../../../shared/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import { inScope, type Actor } from '../access/index.ts';
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

/** Masks all but the first 4 and last 4 characters of a NIK or No KK: `3174********0001`. */
export function maskNumber(v: string | null): string | null {
  return v && v.length > 8 ? v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4) : v;
}

/** Masks a name to initials and asterisks: `Siti Aminah` → `S*** A*****`. */
export function maskName(v: string | null): string | null {
  return v === null ? null : v.replace(/\p{L}+/gu, (w) => w[0] + '*'.repeat(w.length - 1));
}

function requireRead(actor: Actor) {
  assertCan(actor, 'registry:read');
}

/** Lists households in the actor's scope, server-paged (View Data Kesos, F13). */
export async function listHouseholds(ctx: AppContext, actor: Actor, input: ListHouseholdsInput) {
  requireRead(actor);
  const { db } = ctx.database;
  const filter: q.HouseholdFilter = { scope: inScope(actor, 'h.kode_wilayah'), ...input };
  const [items, total] = await Promise.all([q.listHouseholds(db, filter, input.page, input.pageSize), q.countHouseholds(db, filter)]);
  const masked = seesMaskedPersonalData(actor.role);
  return {
    items: masked ? items.map((i) => ({ ...i, nama_krt: maskName(i.nama_krt) })) : items,
    total,
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
  return {
    household: { ...household, nama_krt: maskName(household.nama_krt) },
    members: members.map((m) => ({
      ...m,
      nik: maskNumber(m.nik)!,
      no_kk: maskNumber(m.no_kk)!,
      nama: maskName(m.nama)!,
      nama_ibu_kandung: maskName(m.nama_ibu_kandung),
    })),
    history: history.map((h) =>
      ['nik', 'no_kk', 'nama', 'nama_ibu_kandung', 'nama_krt'].includes(h.field) ? { ...h, old_value: '***', new_value: '***' } : h,
    ),
  };
}

/** Number of AKTIF households in the actor's scope (Beranda's "total BDT"). */
export async function countActiveHouseholds(ctx: AppContext, actor: Actor): Promise<number> {
  requireRead(actor);
  return q.countHouseholds(ctx.database.db, { scope: inScope(actor, 'h.kode_wilayah'), status: 'AKTIF' });
}

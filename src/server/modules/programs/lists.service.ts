// Programme lists (issue 10, F10/F11): the KPM of BPNT/RASTRA and the PBI participants of a
// district, read with server paging inside the actor's scope, and quota use (C4: used = AKTIF).
// Proposals, approvals within quota and finalisation build on these reads.
import type { z } from 'zod';
import type { KpmListQuerySchema, PbiListQuerySchema } from '../../../shared/api/programs.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { initials, lastFour, maskRecord } from '../../platform/masking.ts';
import { allows, assertCan } from '../../platform/policy.ts';
import { type Actor, districtOf, inScope } from '../../platform/scope.ts';
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

function filterOf(actor: Actor, query: KpmListQuery | PbiListQuery): lq.ListFilter {
  return { ...query, kab: listKab(actor, query.kab), scope: (column) => inScope(actor, column) };
}

/** One page of the KPM list (BPNT/RASTRA) in the actor's scope; personal data masked for roles without personal:unmasked. */
export async function listKpm(ctx: AppContext, actor: Actor, query: KpmListQuery) {
  const { items, total } = await lq.pageKpm(ctx.database.db, { ...filterOf(actor, query), program: query.program });
  const masked = !allows(actor, 'personal:unmasked');
  return {
    items: masked
      ? items.map((i) => ({ ...maskRecord(i, i.nama_desa), nama_pengurus: initials(i.nama_pengurus), no_kks: lastFour(i.no_kks) }))
      : items,
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One page of the PBI participants in the actor's scope; personal data masked for roles without personal:unmasked. */
export async function listPbi(ctx: AppContext, actor: Actor, query: PbiListQuery) {
  const { items, total } = await lq.pagePbi(ctx.database.db, filterOf(actor, query));
  const masked = !allows(actor, 'personal:unmasked');
  return {
    items: masked ? items.map((i) => maskRecord(i, i.nama_desa)) : items,
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Quota and use (AKTIF members of the list) per programme of a district; 404 outside the scope or for an unknown district. */
export async function getQuotaUse(ctx: AppContext, actor: Actor, query: { kab?: string }) {
  const kab = listKab(actor, query.kab);
  if (!kab) throw notFound();
  const db = ctx.database.db;
  const district = await q.findDistrict(db, kab);
  if (!district) throw notFound();
  const quotas: Record<q.Program, number | null> = { BPNT: null, RASTRA: null, PBI: null };
  for (const r of await q.listQuotas(db, kab, await q.currentQuotaPeriod(db))) quotas[r.program] = r.quota;
  const used = await lq.countActive(db, kab);
  return {
    kab,
    name: district.name,
    items: q.PROGRAMS.map((program) => ({ program, quota: quotas[program], used: used[program] })),
  };
}

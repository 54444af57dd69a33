// The members' read-only programme flags (dictionary: ada_kks, ada_pbi, ada_pkh "follow the
// programme lists … never set by a BDT proposal") re-derived from the lists, set-based:
//   ada_kks — the member's household is an AKTIF KPM of BPNT or RASTRA;
//   ada_pbi — the member is an AKTIF PBI participant;
//   ada_pkh — the member's household has a PKH nomination with status DITERIMA.
// Only members whose flags change are written, and neither their version nor updated_at moves:
// a derived flag is not a change an operator made to the household, so it must never make an
// operator's package conflict with the registry (the conflict check compares versions).
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

/** The lists a change touched: a BSP decision can only move ada_kks, a PBI decision only ada_pbi. */
export type FlagLists = 'kpm' | 'pbi' | 'all';

/**
 * Re-derives ada_kks, ada_pbi and ada_pkh of the members of district `kab`'s households
 * (`idbdts`, or every household of the district with 'all') from the programme lists; call it in
 * the transaction that changed a list. Members whose flags do not change are not written.
 * `lists` names the lists that changed: the other flags are neither read nor written.
 */
export async function refreshProgrammeFlags(
  tx: Db,
  kab: string,
  idbdts: readonly string[] | 'all',
  lists: FlagLists = 'all',
): Promise<void> {
  if (idbdts !== 'all' && idbdts.length === 0) return;
  // In key order: the households, and then their members, are visited in the order they lie in.
  const which = idbdts === 'all' ? sql<SqlBool>`true` : sql<SqlBool>`h.idbdt = any(${[...idbdts].sort()}::bpchar[])`;
  const district = sql<SqlBool>`h.kode_wilayah like ${`${kab}%`} and ${which}`;
  const pbi = sql<boolean>`exists (select 1 from pbi_participants b where b.kab_kota = ${kab} and b.idartbdt = t.idartbdt and b.status = 'AKTIF')`;
  if (lists === 'pbi') {
    // One probe per member of the households named (a PBI decision touches few of them).
    await sql`
      update members t set ada_pbi = ${pbi}
      from households h where t.idbdt = h.idbdt and ${district} and t.ada_pbi is distinct from ${pbi}`.execute(tx);
    return;
  }
  if (lists === 'kpm') {
    // A KPM decision reads neither PBI nor PKH (the per-member probe of pbi_participants was a
    // tenth of the refresh); per household one probe of its AKTIF memberships, worked out once
    // (materialized: not again per member) and in key order.
    await sql`
      with d as materialized (
        select h.idbdt, exists (select 1 from kpm_memberships k where k.idbdt = h.idbdt and k.kab_kota = ${kab} and k.status = 'AKTIF') as kks
        from households h where ${district})
      update members t set ada_kks = d.kks from d where t.idbdt = d.idbdt and t.ada_kks is distinct from d.kks`.execute(tx);
    return;
  }
  // Per household its kks and pkh from the district's AKTIF KPM and DITERIMA PKH households (hash
  // joins, not a probe per member); only members whose flags change are written, in place on their
  // page (migrations/0022: no index holds them).
  await sql`
    update members t set ada_kks = d.kks, ada_pbi = ${pbi}, ada_pkh = d.pkh
    from (
      select h.idbdt, k.idbdt is not null as kks, n.idbdt is not null as pkh
      from households h
      left join (select distinct idbdt from kpm_memberships where kab_kota = ${kab} and status = 'AKTIF') k on k.idbdt = h.idbdt
      left join (select distinct idbdt from pkh_nominations where kab_kota = ${kab} and status = 'DITERIMA') n on n.idbdt = h.idbdt
      where ${district}
    ) d
    where t.idbdt = d.idbdt and (t.ada_kks, t.ada_pbi, t.ada_pkh) is distinct from (d.kks, ${pbi}, d.pkh)`.execute(tx);
}

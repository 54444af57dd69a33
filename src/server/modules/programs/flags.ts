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

/**
 * Re-derives ada_kks, ada_pbi and ada_pkh of the members of district `kab`'s households
 * (`idbdts`, or every household of the district with 'all') from the programme lists; call it in
 * the transaction that changed a list. Members whose flags do not change are not written.
 */
export async function refreshProgrammeFlags(tx: Db, kab: string, idbdts: readonly string[] | 'all'): Promise<void> {
  if (idbdts !== 'all' && idbdts.length === 0) return;
  const which = idbdts === 'all' ? sql<SqlBool>`true` : sql<SqlBool>`h.idbdt = any(${[...idbdts]}::bpchar[])`;
  // Set-based: per household its kks and pkh from the district's AKTIF KPM and DITERIMA PKH
  // households (hash joins, not a probe per member), per member its PBI participation; only members
  // whose flags change are written, in place on their page (migrations/0022: no index holds them).
  const pbi = sql<boolean>`exists (select 1 from pbi_participants b where b.kab_kota = ${kab} and b.idartbdt = t.idartbdt and b.status = 'AKTIF')`;
  await sql`
    update members t set ada_kks = d.kks, ada_pbi = ${pbi}, ada_pkh = d.pkh
    from (
      select h.idbdt, k.idbdt is not null as kks, n.idbdt is not null as pkh
      from households h
      left join (select distinct idbdt from kpm_memberships where kab_kota = ${kab} and status = 'AKTIF') k on k.idbdt = h.idbdt
      left join (select distinct idbdt from pkh_nominations where kab_kota = ${kab} and status = 'DITERIMA') n on n.idbdt = h.idbdt
      where h.kode_wilayah like ${`${kab}%`} and ${which}
    ) d
    where t.idbdt = d.idbdt and (t.ada_kks, t.ada_pbi, t.ada_pkh) is distinct from (d.kks, ${pbi}, d.pkh)`.execute(tx);
}

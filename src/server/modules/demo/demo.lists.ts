// Demo programme lists (issue 10): quotas scaled to the district's size (BPNT about 25 % of its
// AKTIF households, PBI about 25 % of their members) and lists filled to about 90 % of quota from
// the lowest persentil upwards, so that the waiting list is never empty and most households and
// members are in no list. Set-based (INSERT … SELECT) and deterministic: the same registry gives
// the same lists, card and account numbers.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import { type AppContext, CLI_ACTOR } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { currentQuotaPeriod, upsertQuota } from '../programs/index.ts';
import { findRegion } from '../regions/index.ts';

/** Share of the AKTIF households (BPNT) and of their members (PBI) the demo quotas are. */
export const DEMO_QUOTA_SHARE = 0.25;
/** Share of the quota the demo lists fill. */
export const DEMO_FILL_SHARE = 0.9;

export interface DemoListsResult {
  quotas: { BPNT: number; PBI: number };
  kpm: number;
  pbi: number;
}

/**
 * Sets a district's BPNT and PBI quotas from its size and fills the KPM (BPNT) and PBI lists, once:
 * returns null when the district already has a list. `since` (YYYY-MM-DD) is the start of every
 * membership. One audit entry.
 */
export async function seedDemoLists(ctx: AppContext, kab: string, since: string): Promise<DemoListsResult | null> {
  const district = await findRegion(ctx.database.db, kab);
  if (district?.level !== 'kabkota') throw new AppError('UNKNOWN_REGION', { region: kab });
  const prefix = `${kab}%`;
  return ctx.database.transaction(async (tx) => {
    const existing = await sql<{ n: number }>`
      select (exists (select 1 from kpm_memberships where kab_kota = ${kab})
           or exists (select 1 from pbi_participants where kab_kota = ${kab}))::int as n`.execute(tx);
    if (existing.rows[0]!.n === 1) return null;
    const size = await sql<{ households: string; members: string }>`
      select count(distinct h.idbdt) as households, count(m.idartbdt) as members
      from households h left join members m on m.idbdt = h.idbdt
      where h.kode_wilayah like ${prefix} and h.status = 'AKTIF'`.execute(tx);
    const quotas = {
      BPNT: Math.round(Number(size.rows[0]!.households) * DEMO_QUOTA_SHARE),
      PBI: Math.round(Number(size.rows[0]!.members) * DEMO_QUOTA_SHARE),
    };
    const period = await currentQuotaPeriod(tx);
    for (const [program, quota] of Object.entries(quotas) as ['BPNT' | 'PBI', number][])
      await upsertQuota(tx, kab, program, period, quota, null);
    // KPM: the poorest AKTIF households; the head (hub_krt 1) is the pengurus; KKS and account
    // numbers are made from the idbdt serial, unique within the district.
    await sql`
      insert into kpm_memberships (kab_kota, program, idbdt, id_pengurus, no_kks, no_rekening, status, since)
      select ${kab}, 'BPNT', h.idbdt,
             (select min(m.idartbdt) from members m where m.idbdt = h.idbdt and m.hub_krt = 1),
             '6013' || right(h.idbdt, 12), '0' || right(h.idbdt, 12), 'AKTIF', ${since}::date
      from households h
      where h.kode_wilayah like ${prefix} and h.status = 'AKTIF'
      order by h.persentil asc nulls last, h.idbdt
      limit ${Math.floor(quotas.BPNT * DEMO_FILL_SHARE)}`.execute(tx);
    // PBI: members of the poorest AKTIF households; every tenth card is not issued yet.
    await sql`
      insert into pbi_participants (kab_kota, idartbdt, no_kartu, status, since)
      select ${kab}, idartbdt, case when n % 10 = 0 then null else '0001' || lpad(n::text, 9, '0') end, 'AKTIF', ${since}::date
      from (
        select m.idartbdt, row_number() over (order by h.persentil asc nulls last, m.idartbdt) as n
        from members m join households h on h.idbdt = m.idbdt
        where h.kode_wilayah like ${prefix} and h.status = 'AKTIF'
      ) ranked
      where n <= ${Math.floor(quotas.PBI * DEMO_FILL_SHARE)}`.execute(tx);
    await sql`
      insert into kpm_history (kab_kota, program, idbdt, field, old_value, new_value, version, source)
      select kab_kota, program, idbdt, 'status', null, 'AKTIF', 1, 'demo' from kpm_memberships where kab_kota = ${kab}`.execute(tx);
    await sql`
      insert into pbi_history (kab_kota, idartbdt, field, old_value, new_value, version, source)
      select kab_kota, idartbdt, 'status', null, 'AKTIF', 1, 'demo' from pbi_participants where kab_kota = ${kab}`.execute(tx);
    // The lists were just bulk-loaded: give the planner their statistics (as seedDistrict does for
    // the registry) before the first list pages are planned over them.
    await sql`analyze kpm_memberships`.execute(tx);
    await sql`analyze pbi_participants`.execute(tx);
    const counts = await sql<{ kpm: string; pbi: string }>`
      select (select count(*) from kpm_memberships where kab_kota = ${kab}) as kpm,
             (select count(*) from pbi_participants where kab_kota = ${kab}) as pbi`.execute(tx);
    const result = { quotas, kpm: Number(counts.rows[0]!.kpm), pbi: Number(counts.rows[0]!.pbi) };
    const fmt = (n: number, lang: 'id-ID' | 'en-US') => n.toLocaleString(lang);
    await recordAudit(tx, {
      actor: CLI_ACTOR,
      action: 'DEMO_LISTS',
      text: {
        id: `Membuat daftar demo ${district.name}: kuota BPNT ${fmt(quotas.BPNT, 'id-ID')} (${fmt(result.kpm, 'id-ID')} KPM), kuota PBI ${fmt(quotas.PBI, 'id-ID')} (${fmt(result.pbi, 'id-ID')} peserta)`,
        en: `Created demo lists of ${district.name}: BPNT quota ${fmt(quotas.BPNT, 'en-US')} (${fmt(result.kpm, 'en-US')} KPM), PBI quota ${fmt(quotas.PBI, 'en-US')} (${fmt(result.pbi, 'en-US')} participants)`,
      },
      subject: kab,
      regionCode: kab,
      details: { kab, ...result },
    });
    return result;
  });
}

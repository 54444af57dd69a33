import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { MEDIA_TAGS } from '../../../shared/api/proposal-line.ts';
import { type Actor, districtInScope, householdsInScope, inScope } from '../../platform/scope.ts';

// The references to photos: proposal_media (what a published proposal carries) and
// household_media (what an approval kept with the household).

export type MediaTag = (typeof MEDIA_TAGS)[number];

const TAGS = sql.raw(`('foto_rumah', 'foto_ktp', 'foto_kk', 'foto_lainnya')`);

// The photo references of a proposal's body (siks-format.md 3.2 `media`), as SQL rows of one proposal `p`.
const BODY_MEDIA = sql`cross join lateral jsonb_array_elements(
    case when jsonb_typeof(p.body->'media') = 'array' then p.body->'media' else '[]'::jsonb end) m
  where jsonb_typeof(m) = 'object' and m->>'tag' in ${TAGS} and m->>'sha256' ~ '^[0-9a-f]{64}$'`;

/** The distinct photos the proposals of an import carry (valid tags only): what its publication keeps. */
export async function mediaOfImportBodies(tx: Db, kab: string, importId: string): Promise<string[]> {
  const r = await sql<{
    sha256: string;
  }>`select distinct m->>'sha256' as sha256 from proposals p ${BODY_MEDIA} and p.kab_kota = ${kab} and p.import_id = ${importId}`.execute(
    tx,
  );
  return r.rows.map((x) => x.sha256);
}

/** Links the published proposals of an import to the photos they carry (the photos are stored already). */
export async function linkImportMedia(tx: Db, kab: string, importId: string): Promise<void> {
  await sql`insert into proposal_media (kab_kota, proposal_id, sha256, tag)
            select distinct p.kab_kota, p.id, m->>'sha256', m->>'tag' from proposals p ${BODY_MEDIA} and p.kab_kota = ${kab} and p.import_id = ${importId}
            on conflict do nothing`.execute(tx);
}

/**
 * Keeps the photos of approved (fully or partly) proposals with their household: the idbdt of a
 * PERBAIKAN, or the one assigned to an usulan baru. A photo the household already has stays as it was.
 */
export async function keepApprovedMedia(tx: Db, kab: string, proposalIds: readonly string[]): Promise<void> {
  if (proposalIds.length === 0) return;
  await sql`insert into household_media (kab_kota, idbdt, sha256, tag, proposal_id)
            select p.kab_kota, h.idbdt, pm.sha256, pm.tag, p.id
            from proposal_media pm
            join proposals p on p.id = pm.proposal_id and p.kab_kota = pm.kab_kota
            join households h on h.kab_kota = p.kab_kota and h.idbdt = coalesce(p.idbdt, p.assigned->>'idbdt')
            where pm.kab_kota = ${kab} and p.id = any(${proposalIds as string[]}::uuid[]) and p.status in ('DISETUJUI', 'SEBAGIAN')
            on conflict do nothing`.execute(tx);
}

/** The photos of the proposals of an import, by proposal id (the feedback file names them). */
export async function mediaOfImport(db: Db, kab: string, importId: string): Promise<Map<string, { sha256: string; tag: MediaTag }[]>> {
  const rows = await db
    .selectFrom('proposal_media as pm')
    .innerJoin('proposals as p', (j) => j.onRef('p.kab_kota', '=', 'pm.kab_kota').onRef('p.id', '=', 'pm.proposal_id'))
    .select(['pm.proposal_id', 'pm.sha256', 'pm.tag'])
    .where('pm.kab_kota', '=', kab)
    .where('p.import_id', '=', importId)
    .orderBy('pm.proposal_id')
    .orderBy('pm.sha256')
    .execute();
  const out = new Map<string, { sha256: string; tag: MediaTag }[]>();
  for (const r of rows) (out.get(r.proposal_id) ?? out.set(r.proposal_id, []).get(r.proposal_id)!).push({ sha256: r.sha256, tag: r.tag });
  return out;
}

/**
 * The references to a photo that the actor's scope holds: households that kept it and, when
 * `proposals` is true, proposals that carry it. Each with its tag and its district.
 */
export async function referencesInScope(
  db: Db,
  actor: Actor,
  sha256: string,
  proposals: boolean,
): Promise<{ tag: MediaTag; kab: string }[]> {
  const kept = db
    .selectFrom('household_media as hm')
    .innerJoin('households as h', (j) => j.onRef('h.kab_kota', '=', 'hm.kab_kota').onRef('h.idbdt', '=', 'hm.idbdt'))
    .select(['hm.tag as tag', 'hm.kab_kota as kab'])
    .where(householdsInScope(actor, 'h'))
    .where('hm.sha256', '=', sha256);
  if (!proposals) return kept.execute();
  return kept
    .union(
      db
        .selectFrom('proposal_media as pm')
        .innerJoin('proposals as p', (j) => j.onRef('p.kab_kota', '=', 'pm.kab_kota').onRef('p.id', '=', 'pm.proposal_id'))
        .select(['pm.tag as tag', 'pm.kab_kota as kab'])
        .where(districtInScope(actor, 'pm.kab_kota'))
        .where('pm.sha256', '=', sha256)
        .where(inScope(actor, 'p.kode_wilayah')),
    )
    .execute();
}

/** The photos kept with a household of district `kab`, newest first. */
export async function listHouseholdMedia(db: Db, kab: string, idbdt: string) {
  return db
    .selectFrom('household_media')
    .select(['sha256', 'tag', 'proposal_id', 'added_at'])
    .where('kab_kota', '=', kab)
    .where('idbdt', '=', idbdt)
    .orderBy('added_at', 'desc')
    .orderBy('proposal_id')
    .orderBy('sha256')
    .execute();
}

/** A household's region, when the actor's scope holds it. */
export async function householdInScope(
  db: Db,
  actor: Actor,
  idbdt: string,
): Promise<{ kab_kota: string; kode_wilayah: string } | undefined> {
  return db
    .selectFrom('households')
    .select(['kab_kota', 'kode_wilayah'])
    .where(householdsInScope(actor, 'households'))
    .where('idbdt', '=', idbdt)
    .executeTakeFirst();
}

import { mediaUrl } from '../../../shared/api/media.ts';
import { MEDIA_TAGS } from '../../../shared/api/proposal-line.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { allows, assertCan } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import type { PackageReader } from '../../platform/siks-node.ts';
import * as q from './media.queries.ts';
import { mediaStore, type StoredMedia } from './media.store.ts';

// Photos from the field (issue 15): stored with the publication of their import, linked to the
// household on approval, served only to users whose scope holds a proposal or household that
// refers to them.

export type { MediaTag } from './media.queries.ts';

/** Photos of identity papers: serving one is a download of personal data, logged. */
const PERSONAL_TAGS: ReadonlySet<string> = new Set(['foto_ktp', 'foto_kk']);
/** What a role with masked personal data (no personal:unmasked) may see: the house, nothing of the people. */
const MASKED_TAGS: ReadonlySet<string> = new Set(['foto_rumah']);

const visibleTo = (actor: Actor) => (tag: string) => allows(actor, 'personal:unmasked') || MASKED_TAGS.has(tag);

/**
 * Keeps the photos carried by the proposals an import has just published and links them to their
 * proposals; runs in the publishing transaction, so a refused or failed import keeps none. A photo
 * already stored (another package) is not stored again.
 */
export async function storeImportMedia(tx: Db, kab: string, importId: string, reader: PackageReader): Promise<number> {
  const store = mediaStore();
  const types = new Map(reader.mediaList.map((m) => [m.sha256, m.type]));
  let stored = 0;
  for (const sha256 of await q.mediaOfImportBodies(tx, kab, importId)) {
    if (await store.has(tx, kab, sha256)) continue;
    const bytes = await reader.readMedia(sha256);
    // The codec has checked that every reference has its entry; a line without one is not published.
    if (!bytes) continue;
    await store.put(tx, kab, { sha256, contentType: types.get(sha256) === 'png' ? 'image/png' : 'image/jpeg', bytes });
    stored++;
  }
  await q.linkImportMedia(tx, kab, importId);
  return stored;
}

/** The photos of a proposal's body as its view answers them (valid tags only, each once). */
export function proposalMediaRefs(body: unknown): { sha256: string; tag: q.MediaTag; url: string }[] {
  const media = (body as { media?: unknown } | null)?.media;
  if (!Array.isArray(media)) return [];
  const seen = new Set<string>();
  const out: { sha256: string; tag: q.MediaTag; url: string }[] = [];
  for (const m of media as { sha256?: unknown; tag?: unknown }[]) {
    const { sha256, tag } = m ?? {};
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256) || !(MEDIA_TAGS as readonly unknown[]).includes(tag)) continue;
    if (seen.has(`${sha256}:${tag}`)) continue;
    seen.add(`${sha256}:${tag}`);
    out.push({ sha256, tag: tag as q.MediaTag, url: mediaUrl(sha256) });
  }
  return out;
}

/** Keeps the photos of the approved proposals with their households (in the decision's transaction). */
export const keepApprovedMedia = q.keepApprovedMedia;

/** The photos of an import's proposals by proposal id (for its feedback file). */
export const mediaOfImport = q.mediaOfImport;

/**
 * One photo's bytes (getMedia): only when the actor's scope holds a household that kept it or
 * (with proposal:read) a proposal that carries it; 404 otherwise, as for an unknown hash. A photo
 * of a KTP or KK is personal data: its download is logged in the transaction that reads it.
 */
export async function getMedia(ctx: AppContext, actor: Actor, sha256: string): Promise<StoredMedia> {
  assertCan(actor, 'registry:read');
  const { db } = ctx.database;
  const refs = (await q.referencesInScope(db, actor, sha256, allows(actor, 'proposal:read'))).filter((r) => visibleTo(actor)(r.tag));
  if (refs.length === 0) throw notFound();
  const personal = refs.find((r) => PERSONAL_TAGS.has(r.tag));
  if (!personal) {
    // Any district of the caller's scope that refers to the photo keeps a copy of it.
    const m = await mediaStore().get(db, refs[0]!.kab, sha256);
    if (!m) throw notFound();
    return m;
  }
  return ctx.database.transaction(async (tx) => {
    const m = await mediaStore().get(tx, personal.kab, sha256);
    if (!m) throw notFound();
    const what = personal.tag === 'foto_ktp' ? 'KTP' : 'KK';
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'DOWNLOAD_MEDIA',
      text: { id: `Melihat foto ${what} ${sha256.slice(0, 12)}…`, en: `Viewed the ${what} photo ${sha256.slice(0, 12)}…` },
      subject: `media:${sha256}`,
      regionCode: personal.kab,
      details: { sha256, tag: personal.tag, size: m.size },
    });
    return m;
  });
}

/** The photos kept with a household, newest first (listHouseholdMedia); 404 outside the scope. */
export async function listHouseholdMedia(ctx: AppContext, actor: Actor, idbdt: string) {
  assertCan(actor, 'registry:read');
  const { db } = ctx.database;
  const household = await q.householdInScope(db, actor, idbdt);
  if (!household) throw notFound();
  const rows = await q.listHouseholdMedia(db, household.kab_kota, idbdt);
  return {
    items: rows
      .filter((r) => visibleTo(actor)(r.tag))
      .map((r) => ({ sha256: r.sha256, tag: r.tag, url: mediaUrl(r.sha256), proposalId: r.proposal_id, addedAt: r.added_at })),
  };
}

// Installing a newer release over the installed one (O1, O8, issue 13) without losing the
// operator's work: the installation keeps its scope, operator, proposals, exports and feedback;
// the records, search index and programme lists become the newer release's; the older package key
// is kept (`keys`) so that feedback on packages exported under it still opens; drafts not yet
// exported are moved onto the newer data (rebase.ts). Everything is prepared in memory first and
// written in ONE IndexedDB transaction: a crash or a fault midway leaves the older installation
// whole and usable.

import type { ReleaseContent } from '../../shared/siks/index.ts';
import { META, STORES, getAll, getMeta, transact } from './db.ts';
import { ImportError, type ImportPhase, programmesOf, releaseMetaOf, scopeRecords } from './importer.ts';
import type { ReleaseMeta, StoredProposal } from './model.ts';
import type { BaseRecord } from './proposals.ts';
import { type RebaseReport, rebaseDrafts, releaseRefusal } from './rebase.ts';
import { aktifList, regionsOf } from './release.ts';
import { type IndexSnapshot, SearchIndex, buildIndex } from './search.ts';
import { loadBase } from './store.ts';

/** The package key of a release installed before the current one (store `keys`). */
export interface KeptKey {
  releaseId: string;
  kabKota: string;
  createdAt: string;
  /** release.json's packageKey (base64). */
  packageKey: string;
  /** When the newer release replaced it. */
  replacedAt: string;
}

/** Every kept package key (releases installed before the current one). */
export function keptKeys(db: IDBDatabase): Promise<KeptKey[]> {
  return getAll<KeptKey>(db, STORES.keys);
}

/**
 * Replaces the installed release by a newer one of the same district (an older, equal or foreign
 * one is refused) and moves the drafts onto it. Returns the new release metadata and what the
 * move left for the operator.
 */
export async function updateRelease(
  db: IDBDatabase,
  content: ReleaseContent,
  onProgress: (phase: ImportPhase, fraction: number) => void = () => {},
): Promise<{ meta: ReleaseMeta; report: RebaseReport }> {
  const installed = await getMeta<ReleaseMeta>(db, META.release);
  const snap = await getMeta<IndexSnapshot>(db, META.index);
  if (!installed || !snap) {
    throw new ImportError('NOT_INSTALLED', {
      id: 'Belum ada rilis yang terpasang di perangkat ini.',
      en: 'No release is installed on this device.',
    });
  }
  const r = content.release;
  const refusal = releaseRefusal(installed, r);
  if (refusal) throw refusal;

  onProgress('households', 0);
  const { households, members, byHousehold, chunks } = scopeRecords(content, installed.scope);
  const proposals = await getAll<StoredProposal>(db, STORES.proposals);
  // The older release's records of the drafts' households: what the operator worked on.
  const oldIndex = new SearchIndex(snap);
  const older = new Map<string, BaseRecord>();
  for (const p of proposals) {
    if (p.status !== 'draft' || p.json.type !== 'PERBAIKAN' || older.has(p.subject)) continue;
    const base = await loadBase(db, oldIndex, p.subject);
    if (base) older.set(p.subject, base);
  }
  const householdById = new Map(households.map((h) => [String(h.idbdt), h]));
  const newerOf = (idbdt: string): BaseRecord | undefined => {
    const household = householdById.get(idbdt);
    return household ? { household, members: byHousehold.get(idbdt) ?? [] } : undefined;
  };
  const { updated, report } = rebaseDrafts(proposals, (id) => older.get(id), newerOf, r.releaseId);
  onProgress('index', 0);
  const index = buildIndex(households, members);
  const programmes = programmesOf(content, byHousehold, members);
  // Same scope and operator; everything else is the newer release's.
  const meta = releaseMetaOf(content, installed.scope, installed.operator, { households: households.length, members: members.length });
  const kept: KeptKey = {
    releaseId: installed.releaseId,
    kabKota: installed.kabKota,
    createdAt: installed.createdAt,
    packageKey: installed.packageKey,
    replacedAt: meta.installedAt,
  };
  const stores = [STORES.meta, STORES.records, STORES.kpm, STORES.pbi, STORES.keys, STORES.proposals];
  await transact(db, stores, 'readwrite', (tx) => {
    for (const s of [STORES.records, STORES.kpm, STORES.pbi]) tx.objectStore(s).clear();
    const records = tx.objectStore(STORES.records);
    for (const c of chunks) records.put(c);
    for (const k of programmes.kpm) tx.objectStore(STORES.kpm).put(k);
    for (const p of programmes.pbi) tx.objectStore(STORES.pbi).put(p);
    tx.objectStore(STORES.keys).put(kept);
    for (const p of updated) tx.objectStore(STORES.proposals).put(p);
    const m = tx.objectStore(STORES.meta);
    m.put(index, META.index);
    m.put(aktifList(content.households), META.aktif);
    m.put(regionsOf(content.regions), META.regions);
    m.put(programmes.lists, META.programmes);
    m.put(meta, META.release);
  });
  onProgress('index', 1);
  return { meta, report };
}

// The page's access to the installation in IndexedDB: load on start, read a household, save
// proposals, record exports and feedback. Everything small (proposals, history) is held in memory.

import { META, RECORDS_PER_CHUNK, STORES, clearAll, get, getAll, getAllByIndex, getMeta, putMany, putMeta, transact } from './db.ts';
import {
  type AnyProposalJson,
  type BdtProposal,
  type ExportRecord,
  type FeedbackRecord,
  type Region,
  type ReleaseMeta,
  type StoredProposal,
  isBdtProposal,
} from './model.ts';
import type { KpmRow, PbiRow, ProgrammeJson, ProgrammeLists } from './programmes.ts';
import { CORRECTABLE } from './feedback.ts';
import { rfc3339 } from './ids.ts';
import { type BaseRecord, type Rec, sameContent } from './proposals.ts';
import { carryRebase } from './rebase.ts';
import { type IndexSnapshot, type OverlayEntry, SearchIndex } from './search.ts';

export interface Installation {
  meta: ReleaseMeta;
  regions: Region[];
  index: SearchIndex;
  /** The district's AKTIF idbdt (see release.ts aktifList). */
  aktif: string;
  proposals: StoredProposal[];
  exports: ExportRecord[];
  feedback: FeedbackRecord[];
  /** Quotas and the scope's AKTIF KPM/PBI; null for an installation set up before O6 (no programme lists). */
  programmes: ProgrammeLists | null;
  /** Milliseconds the last load took (shown in Pengaturan, measured by the benchmark). */
  loadMs: number;
}

/** Loads the installation, or null when there is none. A set-up that never finished is wiped. */
export async function loadInstallation(db: IDBDatabase): Promise<Installation | null> {
  const started = performance.now();
  const meta = await getMeta<ReleaseMeta>(db, META.release);
  if (!meta) {
    const any = await transact(
      db,
      [STORES.records],
      'readonly',
      (tx) =>
        new Promise<number>((resolve, reject) => {
          const r = tx.objectStore(STORES.records).count();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        }),
    );
    if (any > 0) await clearAll(db);
    return null;
  }
  const [regions, snap, aktif, programmes, proposals, exports, feedback] = await Promise.all([
    getMeta<Region[]>(db, META.regions),
    getMeta<IndexSnapshot>(db, META.index),
    getMeta<string>(db, META.aktif),
    getMeta<ProgrammeLists>(db, META.programmes),
    getAll<StoredProposal>(db, STORES.proposals),
    getAll<ExportRecord>(db, STORES.exports),
    getAll<FeedbackRecord>(db, STORES.feedback),
  ]);
  if (!snap) throw new Error('search index missing');
  const index = new SearchIndex(snap);
  proposals.sort((a, b) => a.seq - b.seq);
  index.setOverlay(overlayOf(proposals));
  exports.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  feedback.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  return {
    meta,
    regions: regions ?? [],
    index,
    aktif: aktif ?? '',
    proposals,
    exports,
    feedback,
    programmes: programmes ?? null,
    loadMs: Math.round(performance.now() - started),
  };
}

/** A household of the release with its members (undefined when it is not in the scope). */
export async function loadBase(db: IDBDatabase, index: SearchIndex, idbdt: string): Promise<BaseRecord | undefined> {
  const ord = index.ordinal(idbdt);
  if (ord < 0) return undefined;
  const chunk = await get<{ k: number; rows: { household: Rec; members: Rec[] }[] }>(
    db,
    STORES.records,
    Math.floor(ord / RECORDS_PER_CHUNK),
  );
  const row = chunk?.rows.find((r) => r.household.idbdt === idbdt);
  return row ? { household: row.household, members: row.members } : undefined;
}

/** The KPM rows (every programme, AKTIF and NONAKTIF) and PBI rows of a household's members. */
export async function loadMemberships(db: IDBDatabase, idbdt: string): Promise<{ kpm: KpmRow[]; pbi: PbiRow[] }> {
  const [kpm, pbi] = await Promise.all([
    getAllByIndex<KpmRow>(db, STORES.kpm, 'idbdt', idbdt),
    getAllByIndex<PbiRow>(db, STORES.pbi, 'idbdt', idbdt),
  ]);
  return { kpm, pbi };
}

function latestOf(proposals: readonly StoredProposal[], subject: string): StoredProposal | undefined {
  let best: StoredProposal | undefined;
  for (const p of proposals) if (p.subject === subject && (!best || p.seq > best.seq)) best = p;
  return best;
}

/** The latest BDT proposal about a subject (draft or exported), or undefined. */
export function latestFor(proposals: readonly StoredProposal[], subject: string): BdtProposal | undefined {
  const p = latestOf(proposals, subject);
  return p && isBdtProposal(p) ? p : undefined;
}

/** The latest BSP/PBI proposal about a programme subject (programmes.ts programmeSubject), or undefined. */
export function latestProgrammeFor(proposals: readonly StoredProposal[], subject: string): StoredProposal<ProgrammeJson> | undefined {
  const p = latestOf(proposals, subject);
  return p && !isBdtProposal(p) ? (p as StoredProposal<ProgrammeJson>) : undefined;
}

export function nextSeq(proposals: readonly StoredProposal[]): number {
  return proposals.reduce((m, p) => Math.max(m, p.seq), 0) + 1;
}

/**
 * A draft as stored: an open draft keeps its place (seq, what it replaces); otherwise the draft is
 * a new proposal after the latest one about its subject.
 */
export function draftOf<J extends AnyProposalJson>(
  all: readonly StoredProposal[],
  latest: StoredProposal | undefined,
  fields: Pick<StoredProposal<J>, 'proposalId' | 'subject' | 'type' | 'json' | 'label' | 'kodeWilayah'>,
): StoredProposal<J> {
  const draft = latest?.status === 'draft' ? latest : undefined;
  // A draft moved onto a newer release keeps its conflicts until the operator resolves them.
  const rebase = carryRebase(draft, fields.json);
  return {
    ...fields,
    status: 'draft',
    seq: draft?.seq ?? nextSeq(all),
    updatedAt: rfc3339(),
    reexport: false,
    exports: [],
    replaces: draft ? draft.replaces : (latest?.proposalId ?? null),
    feedback: null,
    ...(rebase ? { rebase } : {}),
  };
}

/** Whether saving would only repeat the exported latest proposal (after a correctable decision the same content may go again). */
export function repeatsLatest(latest: StoredProposal | undefined, json: AnyProposalJson): boolean {
  return (
    latest !== undefined &&
    latest.status !== 'draft' &&
    !(latest.feedback && CORRECTABLE.has(latest.feedback.decision)) &&
    sameContent(latest.json, json)
  );
}

/** Names and NIKs that PERBAIKAN proposals introduce, so that search finds them. */
export function overlayOf(proposals: readonly StoredProposal[]): OverlayEntry[] {
  const latest = new Map<string, StoredProposal>();
  for (const p of proposals) if (p.json.type === 'PERBAIKAN' && (latest.get(p.subject)?.seq ?? -1) < p.seq) latest.set(p.subject, p);
  const out: OverlayEntry[] = [];
  for (const p of latest.values()) {
    if (p.json.type !== 'PERBAIKAN') continue;
    const names: string[] = [];
    const niks: string[] = [];
    for (const op of p.json.members) {
      if (typeof op.fields.nama === 'string') names.push(op.fields.nama);
      for (const k of ['nik', 'no_kk']) if (typeof op.fields[k] === 'string') niks.push(op.fields[k] as string);
    }
    out.push({ idbdt: p.subject, names, niks, head: p.label || null });
  }
  return out;
}

export function saveProposals(db: IDBDatabase, proposals: readonly StoredProposal[]): Promise<void> {
  return putMany(db, STORES.proposals, proposals);
}

export function deleteProposal(db: IDBDatabase, proposalId: string): Promise<void> {
  return transact(db, [STORES.proposals], 'readwrite', (tx) => {
    tx.objectStore(STORES.proposals).delete(proposalId);
  });
}

/** Stores a package written and its proposals marked as exported, together. */
export function recordExport(db: IDBDatabase, record: ExportRecord, proposals: readonly StoredProposal[]): Promise<void> {
  return transact(db, [STORES.exports, STORES.proposals], 'readwrite', (tx) => {
    tx.objectStore(STORES.exports).put(record);
    const ps = tx.objectStore(STORES.proposals);
    for (const p of proposals) ps.put(p);
  });
}

export function recordFeedback(db: IDBDatabase, record: FeedbackRecord, proposals: readonly StoredProposal[]): Promise<void> {
  return transact(db, [STORES.feedback, STORES.proposals], 'readwrite', (tx) => {
    tx.objectStore(STORES.feedback).put(record);
    const ps = tx.objectStore(STORES.proposals);
    for (const p of proposals) ps.put(p);
  });
}

export function saveMeta(db: IDBDatabase, meta: ReleaseMeta): Promise<void> {
  return putMeta(db, META.release, meta);
}

// Opening a release and storing the chosen scope (O1). Runs in the import worker so that the page
// stays responsive (scrypt, decryption and parsing of tens of MB take seconds); also usable from
// a page directly. Nothing is stored before the file has been fully verified and the scope chosen,
// and the installation counts as set up only once the release metadata (written last) exists.

import { dictionary } from '../../shared/dictionary/index.ts';
import { isSiksFormatError, type ReleaseContent } from '../../shared/siks/index.ts';
import { passphraseKeyProvider, readRelease } from '../../shared/siks/browser.ts';
import { META, RECORDS_PER_CHUNK, STORES, clearAll, putMany, putMeta } from './db.ts';
import { rfc3339 } from './ids.ts';
import type { Message } from '../../shared/rules/index.ts';
import type { Operator, Region, ReleaseMeta } from './model.ts';
import { scopeProgrammes } from './programmes.ts';
import { aktifList, householdsPerDesa, inScope, normalizeScope, regionsOf } from './release.ts';
import { buildIndex } from './search.ts';

export type ImportPhase = 'kdf' | 'decrypt' | 'households' | 'index';

/** What the scope chooser needs to know about an opened release. */
export interface ReleaseInfo {
  releaseId: string;
  kabKota: string;
  period: string;
  createdAt: string;
  finalization: { period: string; number: number } | null;
  dictionaryVersion: number;
  counts: { households: number; members: number; kpm: number; pbi: number };
  regions: Region[];
  perDesa: Record<string, number>;
}

export class ImportError extends Error {
  constructor(
    readonly code: string,
    readonly messages: Message,
  ) {
    super(messages.en);
  }
}

/** Any failure as a code and a message in both languages (the codec's own message for file faults). */
export function describeError(err: unknown): { code: string; messages: Message } {
  if (isSiksFormatError(err)) return { code: err.code, messages: err.messages };
  if (err instanceof ImportError) return { code: err.code, messages: err.messages };
  const name = err instanceof Error ? err.name : '';
  if (name === 'QuotaExceededError') {
    return {
      code: 'QUOTA',
      messages: {
        id: 'Ruang penyimpanan peramban tidak cukup. Kosongkan ruang disk atau pilih wilayah yang lebih kecil, lalu coba lagi.',
        en: 'The browser has not enough storage. Free disk space or choose a smaller area, then try again.',
      },
    };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', messages: { id: `Terjadi kesalahan: ${detail}`, en: `Something went wrong: ${detail}` } };
}

/** Decrypts and verifies a release, then checks that this app can work with it. */
export async function openRelease(
  file: Uint8Array,
  passphrase: string,
  onProgress: (phase: ImportPhase, fraction: number) => void,
): Promise<{ content: ReleaseContent; info: ReleaseInfo }> {
  let decrypting = false;
  const content = await readRelease(
    file,
    passphraseKeyProvider(passphrase, (f) => {
      onProgress('kdf', f);
      if (f >= 1 && !decrypting) {
        decrypting = true;
        onProgress('decrypt', 0);
      }
    }),
  );
  const r = content.release;
  if (r.dictionaryVersion !== dictionary.version) {
    throw new ImportError('DICTIONARY_VERSION', {
      id: `Rilis ini memakai kamus data versi ${r.dictionaryVersion}, aplikasi offline ini versi ${dictionary.version}. Unduh Aplikasi Offline yang sesuai dari SIKS-NG Online.`,
      en: `This release uses data dictionary version ${r.dictionaryVersion}; this offline app has version ${dictionary.version}. Download the matching offline app from SIKS-NG Online.`,
    });
  }
  const info: ReleaseInfo = {
    releaseId: r.releaseId,
    kabKota: r.kabKota,
    period: r.period,
    createdAt: r.createdAt,
    finalization: r.finalization,
    dictionaryVersion: r.dictionaryVersion,
    counts: r.counts,
    regions: regionsOf(content.regions),
    perDesa: householdsPerDesa(content.households),
  };
  return { content, info };
}

type Json = Record<string, unknown>;

/** The scope's records of a release: households in idbdt order with their members, and the `records` store's chunks. */
export interface ScopeRecords {
  households: Json[];
  members: Json[];
  byHousehold: Map<string, Json[]>;
  chunks: { k: number; rows: { household: Json; members: Json[] }[] }[];
}

/** The households of the scope (in idbdt order, the order of the search index's ordinals: chunk k = ordinals k*N …) and their members. */
export function scopeRecords(content: ReleaseContent, scope: readonly string[]): ScopeRecords {
  const households = content.households
    .filter((h) => inScope(scope, h.kode_wilayah))
    .sort((a, b) => (String(a.idbdt) < String(b.idbdt) ? -1 : 1));
  const byHousehold = new Map<string, Json[]>(households.map((h) => [String(h.idbdt), []]));
  const members: Json[] = [];
  for (const m of content.members) {
    const list = byHousehold.get(String(m.idbdt));
    if (list) {
      list.push(m);
      members.push(m);
    }
  }
  const chunks: ScopeRecords['chunks'] = [];
  for (let i = 0; i < households.length; i += RECORDS_PER_CHUNK) {
    const rows = households
      .slice(i, i + RECORDS_PER_CHUNK)
      .map((household) => ({ household, members: byHousehold.get(String(household.idbdt))! }));
    chunks.push({ k: i / RECORDS_PER_CHUNK, rows });
  }
  return { households, members, byHousehold, chunks };
}

/** The programme lists of the scope (O6): the rows for the household page, the AKTIF ids for the checks. */
export function programmesOf(content: ReleaseContent, byHousehold: ReadonlyMap<string, unknown>, members: readonly Json[]) {
  return scopeProgrammes(
    content,
    new Set(byHousehold.keys()),
    new Map(members.map((m) => [String(m.idartbdt), String(m.idbdt)])),
    content.release.quota,
  );
}

/** The installation's record of a release: release.json's fields, the scope and operator, the rows stored. */
export function releaseMetaOf(
  content: ReleaseContent,
  scope: readonly string[],
  operator: Operator,
  counts: { households: number; members: number },
): ReleaseMeta {
  const r = content.release;
  return {
    releaseId: r.releaseId,
    kabKota: r.kabKota,
    period: r.period,
    createdAt: r.createdAt,
    finalization: r.finalization,
    packageKey: r.packageKey,
    dictionaryVersion: r.dictionaryVersion,
    scope: [...scope],
    operator: { username: operator.username.trim(), name: operator.name.trim() },
    installedAt: rfc3339(),
    ...counts,
  };
}

/** Chunks (of RECORDS_PER_CHUNK households) per IndexedDB transaction. */
const CHUNKS_PER_TRANSACTION = 20;

/**
 * Stores the scope of an opened release: households and members in batches, the search index, the
 * district's AKTIF list, regions, and last the release metadata. On failure everything is removed.
 */
export async function storeRelease(
  db: IDBDatabase,
  content: ReleaseContent,
  chosen: readonly string[],
  operator: Operator,
  onProgress: (phase: ImportPhase, fraction: number) => void,
  timings: Record<string, number> = {},
): Promise<ReleaseMeta> {
  const r = content.release;
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - mark);
    mark = now;
  };
  const scope = normalizeScope(chosen, r.kabKota);
  if (scope.length === 0) {
    throw new ImportError('SCOPE', {
      id: 'Pilih minimal satu kecamatan atau desa/kelurahan.',
      en: 'Choose at least one kecamatan or desa.',
    });
  }
  try {
    await clearAll(db);
    lap('clear');
    const { households, members, byHousehold, chunks } = scopeRecords(content, scope);
    lap('filter');
    // All transactions are queued at once (the records are cloned now), and the database commits
    // them while this thread builds the search index.
    let committed = 0;
    const writes = [];
    for (let c = 0; c < chunks.length; c += CHUNKS_PER_TRANSACTION) {
      writes.push(
        putMany(db, STORES.records, chunks.slice(c, c + CHUNKS_PER_TRANSACTION)).then(() => {
          committed += CHUNKS_PER_TRANSACTION;
          onProgress('households', Math.min(1, committed / chunks.length));
        }),
      );
    }
    // Settle every write before going on, so that a failure is not left unobserved.
    const written = Promise.allSettled(writes);
    lap('records');
    onProgress('index', 0);
    const index = buildIndex(households, members);
    lap('buildIndex');
    const failed = (await written).find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    lap('recordsCommitted');
    await putMeta(db, META.index, index);
    lap('storeIndex');
    await putMeta(db, META.aktif, aktifList(content.households));
    await putMeta(db, META.regions, regionsOf(content.regions));
    // The programme lists of the scope (O6): the rows for the household page, the AKTIF ids for the checks.
    const programmes = programmesOf(content, byHousehold, members);
    await putMany(db, STORES.kpm, programmes.kpm);
    await putMany(db, STORES.pbi, programmes.pbi);
    await putMeta(db, META.programmes, programmes.lists);
    lap('programmes');
    await putMeta(db, META.seq, 0);
    onProgress('index', 1);
    const meta = releaseMetaOf(content, scope, operator, { households: households.length, members: members.length });
    await putMeta(db, META.release, meta);
    lap('meta');
    return meta;
  } catch (err) {
    await clearAll(db).catch(() => {});
    throw err;
  }
}

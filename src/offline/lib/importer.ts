// Opening a release and storing the chosen scope (O1). Runs in the import worker so that the page
// stays responsive (scrypt, decryption and parsing of tens of MB take seconds); also usable from
// a page directly. Nothing is stored before the file has been fully verified and the scope chosen,
// and the installation counts as set up only once the release metadata (written last) exists.

import { dictionary } from '../../shared/dictionary/index.ts';
import { isSiksFormatError, type ReleaseContent } from '../../shared/siks/index.ts';
import { passphraseKeyProvider, readRelease } from '../../shared/siks/browser.ts';
import { META, STORES, clearAll, putMany, putMeta } from './db.ts';
import { rfc3339 } from './ids.ts';
import type { Message } from '../../shared/rules/index.ts';
import type { Operator, Region, ReleaseMeta } from './model.ts';
import { aktifList, householdsPerDesa, inScope, normalizeScope, regionsOf } from './release.ts';
import { buildIndex } from './search.ts';

export type ImportPhase = 'kdf' | 'decrypt' | 'households' | 'members' | 'index';

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
export async function openRelease(file: Uint8Array, passphrase: string, onProgress: (phase: ImportPhase, fraction: number) => void): Promise<{ content: ReleaseContent; info: ReleaseInfo }> {
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

const HOUSEHOLD_BATCH = 5000;
const MEMBER_BATCH = 10000;

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
): Promise<ReleaseMeta> {
  const r = content.release;
  const scope = normalizeScope(chosen, r.kabKota);
  if (scope.length === 0) {
    throw new ImportError('SCOPE', { id: 'Pilih minimal satu kecamatan atau desa/kelurahan.', en: 'Choose at least one kecamatan or desa.' });
  }
  try {
    await clearAll(db);
    const households = content.households.filter((h) => inScope(scope, h.kode_wilayah));
    const ids = new Set(households.map((h) => String(h.idbdt)));
    const members = content.members.filter((m) => ids.has(String(m.idbdt)));
    for (let i = 0; i < households.length; i += HOUSEHOLD_BATCH) {
      await putMany(db, STORES.households, households.slice(i, i + HOUSEHOLD_BATCH));
      onProgress('households', Math.min(1, (i + HOUSEHOLD_BATCH) / households.length));
    }
    for (let i = 0; i < members.length; i += MEMBER_BATCH) {
      await putMany(db, STORES.members, members.slice(i, i + MEMBER_BATCH));
      onProgress('members', Math.min(1, (i + MEMBER_BATCH) / members.length));
    }
    onProgress('index', 0);
    await putMeta(db, META.index, buildIndex(households, members));
    await putMeta(db, META.aktif, aktifList(content.households));
    await putMeta(db, META.regions, regionsOf(content.regions));
    await putMeta(db, META.seq, 0);
    onProgress('index', 1);
    const meta: ReleaseMeta = {
      releaseId: r.releaseId,
      kabKota: r.kabKota,
      period: r.period,
      createdAt: r.createdAt,
      finalization: r.finalization,
      packageKey: r.packageKey,
      dictionaryVersion: r.dictionaryVersion,
      scope,
      operator: { username: operator.username.trim(), name: operator.name.trim() },
      installedAt: rfc3339(),
      households: households.length,
      members: members.length,
    };
    await putMeta(db, META.release, meta);
    return meta;
  } catch (err) {
    await clearAll(db).catch(() => {});
    throw err;
  }
}

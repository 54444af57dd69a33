// Export (O7): `.siks` packages of the work not yet exported, one per module (BDT, and BSP / PBI
// for the programme proposals of O6), exactly as siks-format.md 3.2 describes them, each sealed
// with a key derived from the release's packageKey.

import { dictionary } from '../../shared/dictionary/index.ts';
import { writePackage } from '../../shared/siks/browser.ts';
import { fromBase64, type PackageHeader } from '../../shared/siks/index.ts';
import { type FormatContext, programmeViolations, proposalViolations } from './format-check.ts';
import { localIsoDate, rfc3339, uuidV4 } from './ids.ts';
import { type MediaRecord, type MediaRef, packageMedia } from './media.ts';
import type { ReleaseMeta, StoredProposal } from './model.ts';
import { type Module, moduleOf } from './programmes.ts';
import { isBlocked } from './rebase.ts';

/** The modules in the order their packages are written. */
export const MODULES: readonly Module[] = ['BDT', 'BSP', 'PBI'];

export const APP_NAME = 'SIKS-NG Offline';
export const APP_VERSION = '0.1.0';

/**
 * Proposals that go into the next package: drafts, and exported ones the operator chose to export
 * again; not a draft with an unresolved conflict after a newer release (rebase.ts isBlocked).
 */
export function pendingProposals(all: readonly StoredProposal[]): StoredProposal[] {
  return all.filter((p) => (p.status === 'draft' && !isBlocked(p)) || p.reexport).sort((a, b) => a.seq - b.seq);
}

/**
 * File name: the scope code (the desa, or the kecamatan), the module for BSP and PBI, and the date,
 * e.g. 3174011001_2026-11-30.siks, 3174011001_BSP_2026-11-30.siks; a second package of the same
 * day gets _2, _3, ….
 */
export function packageFileName(scope: readonly string[], date: string, taken: ReadonlySet<string>, module: Module = 'BDT'): string {
  const where = scope.length === 1 ? scope[0]! : scope.length <= 3 ? scope.join('-') : `${scope[0]}-dll`;
  const stem = module === 'BDT' ? `${where}_${date}` : `${where}_${module}_${date}`;
  if (!taken.has(`${stem}.siks`)) return `${stem}.siks`;
  for (let i = 2; ; i++) if (!taken.has(`${stem}_${i}.siks`)) return `${stem}_${i}.siks`;
}

export function packageHeader(meta: ReleaseMeta, id: string, createdAt: string, count: number, module: Module = 'BDT'): PackageHeader {
  return {
    kind: 'package',
    formatVersion: 1,
    id,
    createdAt,
    app: { name: APP_NAME, version: APP_VERSION },
    kabKota: meta.kabKota,
    period: meta.period,
    key: { kdf: 'hkdf-sha256', release: meta.releaseId },
    module,
    dictionaryVersion: dictionary.version,
    operator: { username: meta.operator.username, name: meta.operator.name },
    scope: [...meta.scope],
    counts: { proposals: count },
  };
}

export interface BuiltPackage {
  header: PackageHeader;
  fileName: string;
  bytes: Uint8Array;
  proposals: StoredProposal[];
  /** Photos the package carries (`media/<sha256>.jpg`) and their bytes in total. */
  media: { count: number; bytes: number };
}

export interface ExportOptions {
  now?: Date;
  check?: FormatContext;
  /** The stored photos the proposals refer to (IndexedDB `media`), by SHA-256. */
  media?: ReadonlyMap<string, MediaRecord>;
}

/**
 * Seals the pending proposals of one module (BDT unless told) into a package; nothing is marked as
 * exported here (the caller stores that).
 */
export async function buildPackage(
  meta: ReleaseMeta,
  pending: readonly StoredProposal[],
  takenNames: ReadonlySet<string>,
  opts: ExportOptions & { module?: Module } = {},
): Promise<BuiltPackage> {
  if (pending.length === 0) throw new Error('no proposals to export');
  const module = opts.module ?? 'BDT';
  const now = opts.now ?? new Date();
  // A proposal that breaks siks-format.md 3.2 is a bug of this app: refuse rather than send it.
  for (const p of pending) {
    if (moduleOf(p.json.type) !== module) throw new Error(`proposal ${p.proposalId} (${p.json.type}) is not of module ${module}`);
    const bad = module === 'BDT' ? proposalViolations(p.json, opts.check) : programmeViolations(module, p.json);
    if (bad.length > 0) throw new Error(`proposal ${p.proposalId} breaks siks-format 3.2: ${bad.join('; ')}`);
  }
  const header = packageHeader(meta, uuidV4(), rfc3339(now), pending.length, module);
  const key = fromBase64(meta.packageKey);
  if (key?.length !== 32) throw new Error('packageKey of the release is not 32 bytes');
  const stored = opts.media ?? new Map<string, MediaRecord>();
  // BSP and PBI lines carry no photos; BDT lines refer to theirs in `media`.
  const photos = packageMedia(
    pending.map((p) => p.json as { media?: readonly MediaRef[] }),
    stored,
  );
  const media = photos.entries.map((e) => stored.get(e.sha256)!.bytes);
  const bytes = await writePackage(header, { proposals: pending.map((p) => p.json), media }, key);
  return {
    header,
    fileName: packageFileName(meta.scope, localIsoDate(now), takenNames, module),
    bytes,
    proposals: [...pending],
    media: { count: media.length, bytes: photos.bytes },
  };
}

/** "Ekspor paket": one package per module that has pending proposals (BDT, then BSP, then PBI). */
export async function buildPackages(
  meta: ReleaseMeta,
  pending: readonly StoredProposal[],
  takenNames: ReadonlySet<string>,
  opts: ExportOptions = {},
): Promise<BuiltPackage[]> {
  if (pending.length === 0) throw new Error('no proposals to export');
  const taken = new Set(takenNames);
  const out: BuiltPackage[] = [];
  for (const module of MODULES) {
    const mine = pending.filter((p) => moduleOf(p.json.type) === module);
    if (mine.length === 0) continue;
    const built = await buildPackage(meta, mine, taken, { ...opts, module });
    taken.add(built.fileName);
    out.push(built);
  }
  return out;
}

/** The proposals as stored after the package was saved: exported, re-export choice cleared, the export recorded. */
export function markExported(built: BuiltPackage, at: string): StoredProposal[] {
  return built.proposals.map((p) => ({
    ...p,
    status: 'exported' as const,
    reexport: false,
    exports: [...p.exports, { packageId: built.header.id, fileName: built.fileName, at }],
  }));
}

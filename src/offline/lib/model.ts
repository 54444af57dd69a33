// What the offline app keeps in IndexedDB besides the release records.

import type { ProgrammeJson } from './programmes.ts';
import type { ProposalJson } from './proposals.ts';
import type { RebaseNote } from './rebase.ts';

/** A line of proposals.ndjson of any module: BDT (PERBAIKAN, USULAN_BARU), BSP or PBI. */
export type AnyProposalJson = ProposalJson | ProgrammeJson;

/** A region of the district, from regions.ndjson. */
export interface Region {
  code: string;
  name: string;
  level: 'kabkota' | 'kecamatan' | 'desa';
  parent: string | null;
}

export interface Operator {
  username: string;
  name: string;
}

/** The installation: the release it was set up from and the scope it covers. */
export interface ReleaseMeta {
  releaseId: string;
  kabKota: string;
  period: string;
  createdAt: string;
  finalization: { period: string; number: number } | null;
  /** release.json's packageKey (base64): packages and feedback are sealed with keys derived from it. */
  packageKey: string;
  dictionaryVersion: number;
  /** Kecamatan (6-digit) and desa (10-digit) codes this installation covers. */
  scope: string[];
  operator: Operator;
  installedAt: string;
  /** Rows of the scope stored. */
  households: number;
  members: number;
}

/** One export of a proposal. */
export interface ExportRef {
  packageId: string;
  fileName: string;
  at: string;
}

export const DECISIONS = ['DISETUJUI', 'SEBAGIAN', 'DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI', 'DUPLIKAT'] as const;
export type DecisionCode = (typeof DECISIONS)[number];

export interface FeedbackError {
  path: string;
  code: string;
  message: string;
}

/** A decision of a feedback file about one proposal (siks-format.md 3.3), as stored with it. */
export interface Decision {
  proposalId: string;
  decision: DecisionCode;
  reason: string | null;
  acceptedFields: string[] | null;
  rejectedFields: string[] | null;
  errors: FeedbackError[];
  assigned: { idbdt: string | null; members: Record<string, string> } | null;
  decidedAt: string | null;
  /** The feedback file it came from. */
  feedbackId: string;
  receivedAt: string;
}

/** A proposal: a draft being edited, or one exported (then never changed). */
export interface StoredProposal<J extends AnyProposalJson = AnyProposalJson> {
  proposalId: string;
  /**
   * idbdt for a PERBAIKAN; a local id of the new household for a USULAN_BARU; `BSP:<program>:<idbdt>`
   * or `PBI:<idartbdt>` for a programme proposal (programmes.ts programmeSubject).
   */
  subject: string;
  type: J['type'];
  status: 'draft' | 'exported';
  json: J;
  /** Head of household's name and desa, for lists. */
  label: string;
  kodeWilayah: string;
  /** Order of creation. */
  seq: number;
  updatedAt: string;
  /** Chosen on purpose ("Ekspor ulang"): goes into the next package again, same proposalId. */
  reexport: boolean;
  exports: ExportRef[];
  /** The proposal this one corrects after feedback (a new proposal, new proposalId). */
  replaces: string | null;
  feedback: Decision | null;
  /** Set when a newer release was installed over this draft: its conflicts to resolve (rebase.ts). */
  rebase?: RebaseNote;
}

/** A proposal of the BDT module. */
export type BdtProposal = StoredProposal<ProposalJson>;

/** Whether a stored proposal is of the BDT module (PERBAIKAN or USULAN_BARU). */
export function isBdtProposal(p: StoredProposal): p is BdtProposal {
  return p.json.type === 'PERBAIKAN' || p.json.type === 'USULAN_BARU';
}

/** One package written (O7 history); the bytes are kept so the very same file can be saved again. */
export interface ExportRecord {
  packageId: string;
  fileName: string;
  createdAt: string;
  count: number;
  proposalIds: string[];
  bytes: Uint8Array;
  /** The package's module; absent in records written before O6 (BDT). */
  module?: 'BDT' | 'BSP' | 'PBI';
}

/** One feedback file opened (O8). */
export interface FeedbackRecord {
  feedbackId: string;
  packageId: string;
  createdAt: string;
  receivedAt: string;
  count: number;
  matched: number;
}

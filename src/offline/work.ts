// Work status of households and proposals, for lists and badges.

import { vervalResults } from '../shared/dictionary/index.ts';
import type { Key } from './i18n.ts';
import { type BdtProposal, type StoredProposal, isBdtProposal } from './lib/model.ts';

/** The work filters of the household list besides "all" (''). */
export const WORK_FILTERS = ['none', 'draft', 'exported', 'feedback'] as const;
export type WorkFilter = '' | (typeof WORK_FILTERS)[number];

/** The latest BDT proposal per subject (the work status of households and new households). */
export function latestBySubject(proposals: readonly StoredProposal[]): Map<string, BdtProposal> {
  const m = new Map<string, BdtProposal>();
  for (const p of proposals) if (isBdtProposal(p) && (m.get(p.subject)?.seq ?? -1) < p.seq) m.set(p.subject, p);
  return m;
}

export function workMatches(filter: WorkFilter, p: StoredProposal | undefined): boolean {
  switch (filter) {
    case '':
      return true;
    case 'none':
      return !p;
    case 'draft':
      return p?.status === 'draft';
    case 'exported':
      return p?.status === 'exported';
    case 'feedback':
      return !!p?.feedback;
  }
}

export function decisionKey(d: string): Key {
  return `decision.${d}` as Key;
}

/** A verval result as lists and printouts show it: "2 – Tidak Ditemukan". */
export function vervalResultText(result: number): string {
  return `${result} – ${vervalResults[result]?.label ?? ''}`;
}

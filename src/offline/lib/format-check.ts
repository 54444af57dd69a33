// The export's own check of siks-format.md 3.2 (BDT module): the exporter runs it on every proposal
// before sealing a package (a builder bug must never reach a supervisor), and the tests run it on
// what they decode. The reading of the page is the one the online importer uses
// (shared/api/proposal-line.ts); this adds what only the installation knows: the release's AKTIF
// households and the desa of its scope.

import { type ProgrammeModule, checkProgrammeLine } from '../../shared/api/programme-line.ts';
import { VERVAL_REFERENCES, checkProposalLine } from '../../shared/api/proposal-line.ts';
import type { Issue } from '../../shared/rules/index.ts';

export interface FormatContext {
  /** Whether an idbdt is another AKTIF household of the district (for duplicateOf / mergeInto). */
  isAktif?: (idbdt: string) => boolean;
  /** Desa codes of the package's scope (kode_wilayah of a USULAN_BARU). */
  scopeDesa?: ReadonlySet<string>;
}

const violation = (i: Issue) => `${i.path || 'proposal'}: ${i.message.en} (${i.code})`;

/** Violations of siks-format.md 3.2 by one BSP or PBI proposal line (the importer's reading, shared/api/programme-line.ts). */
export function programmeViolations(module: ProgrammeModule, p: unknown): string[] {
  return checkProgrammeLine(module, p).map(violation);
}

/** Violations of siks-format.md 3.2 by one BDT proposal line, as "path: message" (empty when it keeps to the page). */
export function proposalViolations(p: unknown, ctx: FormatContext = {}): string[] {
  const issues = checkProposalLine(p, { complete: true });
  const out = issues.map(violation);
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return out;
  const line = p as Record<string, unknown>;
  const reported = new Set(issues.map((i) => i.path));
  const verval = line.verval as Record<string, unknown> | null | undefined;
  if (line.type === 'PERBAIKAN' && ctx.isAktif && typeof verval === 'object' && verval !== null) {
    for (const { key } of VERVAL_REFERENCES) {
      const ref = verval[key];
      if (typeof ref === 'string' && !reported.has(`verval.${key}`) && !ctx.isAktif(ref))
        out.push(`verval.${key}: not an AKTIF household of the district`);
    }
  }
  const household = line.household as Record<string, unknown> | null | undefined;
  const kw = household?.kode_wilayah;
  if (
    line.type === 'USULAN_BARU' &&
    ctx.scopeDesa &&
    typeof kw === 'string' &&
    !reported.has('household.kode_wilayah') &&
    !ctx.scopeDesa.has(kw)
  )
    out.push('household.kode_wilayah: not a desa of the scope');
  return out;
}

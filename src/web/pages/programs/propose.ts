// The online proposals of the BSP/PBI pages as data: what each form asks, its checks, and the
// body it sends (the keys of a package line, siks-format.md §3.2).
import type { KpmProgram, KpmProposalInput, PbiProposalInput } from '../../api/programs.ts';
import { NO_KKS_RE, NO_REKENING_RE } from '../../../shared/api/programme-line.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { RowAction } from './MembershipTables.tsx';

/** What the user typed or chose; `replacement` undefined: the top of the waiting list. */
export interface ProposeValues {
  reason: string;
  replacement?: string;
  /** The replacement typed by hand (the "other household" choice). */
  otherIdbdt: string;
  pengurus?: string;
  noKks: string;
  noRekening: string;
  note: string;
}

export const EMPTY_VALUES: ProposeValues = { reason: '', otherIdbdt: '', noKks: '', noRekening: '', note: '' };
/** The replacement select's value for "another household (type its IDBDT)". */
export const OTHER = 'other';

export type ProposeField = 'reason' | 'replacement' | 'otherIdbdt' | 'pengurus' | 'noKks' | 'noRekening';
export type ProposeErrors = Partial<Record<ProposeField, MessageKey>>;

export type ProposeInput = { module: 'BSP'; body: KpmProposalInput } | { module: 'PBI'; body: PbiProposalInput };

/** Whether a proposal of this kind names a reason (1–6). */
export const needsReason = (a: RowAction) => a.kind === 'GANTI' || a.kind === 'HAPUS' || a.kind === 'NONAKTIF';

/** The replacement a Ganti proposes: the chosen one, else the top of the waiting list. */
export function chosenReplacement(v: ProposeValues, top: string | undefined): string {
  if (v.replacement === OTHER) return v.otherIdbdt.trim();
  return v.replacement ?? top ?? '';
}

/** The body of the proposal, or the errors of the form. */
export function proposeInput(
  action: RowAction,
  program: KpmProgram,
  v: ProposeValues,
  top: string | undefined,
): { ok: true; input: ProposeInput } | { ok: false; errors: ProposeErrors } {
  const errors: ProposeErrors = {};
  const reason = Number(v.reason);
  if (needsReason(action) && !(reason >= 1 && reason <= 6)) errors.reason = 'prog.err.reason';
  const note = v.note.trim() || null;
  if (action.kind === 'NONAKTIF' || action.kind === 'USUL') {
    if (errors.reason) return { ok: false, errors };
    const idartbdt = action.kind === 'NONAKTIF' ? action.pbi.idartbdt : action.member.idartbdt;
    const body: PbiProposalInput =
      action.kind === 'NONAKTIF' ? { type: 'PBI_NONAKTIF', idartbdt, reason, note } : { type: 'PBI_USUL', idartbdt, note };
    return { ok: true, input: { module: 'PBI', body } };
  }
  const idbdt = action.kpm.idbdt;
  let body: KpmProposalInput;
  if (action.kind === 'GANTI') {
    const replacement = chosenReplacement(v, top);
    if (v.replacement === OTHER && !/^\d{16}$/.test(replacement)) errors.otherIdbdt = 'prog.err.idbdt';
    else if (replacement === '') errors.replacement = 'prog.err.replacement';
    else if (replacement === idbdt) errors.replacement = 'prog.err.sameHousehold';
    body = { type: 'BSP_GANTI', program, idbdt, replacementIdbdt: replacement, reason, note };
  } else if (action.kind === 'HAPUS') {
    body = { type: 'BSP_NONAKTIF', program, idbdt, reason, note };
  } else {
    const pengurus = v.pengurus && v.pengurus !== action.kpm.id_pengurus ? v.pengurus : null;
    const noKks = v.noKks.trim() || null;
    const noRekening = v.noRekening.trim() || null;
    if (noKks !== null && !NO_KKS_RE.test(noKks)) errors.noKks = 'prog.err.noKks';
    if (noRekening !== null && !NO_REKENING_RE.test(noRekening)) errors.noRekening = 'prog.err.noRekening';
    if (pengurus === null && noKks === null && noRekening === null) errors.pengurus = 'prog.err.ubahNone';
    body = { type: 'BSP_UBAH', program, idbdt, id_pengurus: pengurus, no_kks: noKks, no_rekening: noRekening, note };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: { module: 'BSP', body } };
}

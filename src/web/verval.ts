// Pure helpers of Import Data (F6) and Verifikasi Usulan (F7): the list filter in the URL, error
// paths as dictionary labels, the side-by-side change rows, the parts of a partial approval, the
// next proposal to review, checks of a chosen file. No React, no I/O.
import { vervalResults } from '../shared/dictionary/index.ts';
import type {
  BulkDecisionResult,
  FieldChange,
  ImportCounts,
  MemberChange,
  ProposalFilterQuery,
  ProposalQuery,
  ProposalStatus,
  ProposalType,
} from './api/proposals.ts';
import { queryString } from './api/client.ts';
import { PROPOSAL_STATUSES } from './api/proposals.ts';
import { dictionaryIndex, fieldDef, formatFieldValue, type Entity, type ValueTexts } from './dictionary.ts';
import type { MessageKey, Translate } from './i18n/index.ts';

export const PROPOSAL_PAGE_SIZE = 25;

// ---- The list filter, kept in the URL ----

export interface ProposalFilter {
  tab: ProposalType;
  kecamatan: string;
  desa: string;
  importId: string;
  operator: string;
  /** Verval result 1..6 (Perbaikan Data only). */
  result: number | null;
  status: ProposalStatus | '';
  conflict: boolean | null;
  warning: boolean | null;
  page: number;
}

export const EMPTY_PROPOSAL_FILTER: ProposalFilter = {
  tab: 'PERBAIKAN',
  kecamatan: '',
  desa: '',
  importId: '',
  operator: '',
  result: null,
  status: '',
  conflict: null,
  warning: null,
  page: 1,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USERNAME = /^[A-Za-z0-9._@-]{1,100}$/;

function parseBool(v: string | null): boolean | null {
  return v === 'true' ? true : v === 'false' ? false : null;
}

export function isProposalStatus(v: unknown): v is ProposalStatus {
  return typeof v === 'string' && (PROPOSAL_STATUSES as readonly string[]).includes(v);
}

/** Reads the filter from a query string; a tampered or stale value is dropped, never sent on. */
export function parseProposalFilter(search: string): ProposalFilter {
  const sp = new URLSearchParams(search);
  const tab: ProposalType = sp.get('tab') === 'USULAN_BARU' ? 'USULAN_BARU' : 'PERBAIKAN';
  const kecRaw = sp.get('kecamatan') ?? '';
  const kecamatan = /^\d{6}$/.test(kecRaw) ? kecRaw : '';
  const desaRaw = sp.get('desa') ?? '';
  const desa = /^\d{10}$/.test(desaRaw) && (kecamatan === '' || desaRaw.startsWith(kecamatan)) ? desaRaw : '';
  const importRaw = sp.get('importId') ?? '';
  const operatorRaw = sp.get('operator') ?? '';
  const resultRaw = sp.get('result') ?? '';
  const result = tab === 'PERBAIKAN' && /^[1-9]$/.test(resultRaw) && vervalResults[Number(resultRaw)] ? Number(resultRaw) : null;
  const statusRaw = sp.get('status');
  const pageRaw = sp.get('page') ?? '';
  const page = /^\d{1,7}$/.test(pageRaw) && Number(pageRaw) >= 1 ? Number(pageRaw) : 1;
  return {
    tab,
    kecamatan,
    desa,
    importId: UUID.test(importRaw) ? importRaw.toLowerCase() : '',
    operator: USERNAME.test(operatorRaw) ? operatorRaw : '',
    result,
    status: isProposalStatus(statusRaw) ? statusRaw : '',
    conflict: parseBool(sp.get('conflict')),
    warning: parseBool(sp.get('warning')),
    page,
  };
}

/** Writes the filter as a query string, leaving out defaults: '' for the empty filter. */
export function serializeProposalFilter(f: ProposalFilter): string {
  const { tab, conflict, warning, ...rest } = toProposalFilterQuery(f);
  // The API's filter in the URL's words: the default tab and page 1 are left out.
  return queryString({
    tab: tab === 'PERBAIKAN' ? undefined : tab,
    ...rest,
    conflict: conflict === undefined ? undefined : String(conflict),
    warning: warning === undefined ? undefined : String(warning),
    page: f.page > 1 ? f.page : undefined,
  });
}

/** The filter keys of the API (the bulk decision's `filter`): everything but the page. */
export function toProposalFilterQuery(f: ProposalFilter): ProposalFilterQuery {
  const q: ProposalFilterQuery = { tab: f.tab };
  if (f.kecamatan) q.kecamatan = f.kecamatan;
  if (f.desa) q.desa = f.desa;
  if (f.importId) q.importId = f.importId;
  if (f.operator) q.operator = f.operator;
  if (f.result !== null && f.tab === 'PERBAIKAN') q.result = f.result;
  if (f.status) q.status = f.status;
  if (f.conflict !== null) q.conflict = f.conflict;
  if (f.warning !== null) q.warning = f.warning;
  return q;
}

/**
 * The filter of a bulk decision: the list filter without the status (a bulk decision always takes
 * the waiting proposals); null when the list shows another status, where it would surprise.
 */
export function toBulkFilter(f: ProposalFilter): ProposalFilterQuery | null {
  if (f.status !== '' && f.status !== 'MENUNGGU') return null;
  const { status: _status, ...rest } = toProposalFilterQuery(f);
  return rest;
}

/** The list query of a filter. */
export function toProposalQuery(f: ProposalFilter, pageSize = PROPOSAL_PAGE_SIZE): ProposalQuery {
  return { ...toProposalFilterQuery(f), page: f.page, pageSize };
}

/** Whether anything but the tab and the page is set ("Hapus filter" is enabled). */
export function hasProposalFilter(f: ProposalFilter): boolean {
  return (
    f.kecamatan !== '' ||
    f.desa !== '' ||
    f.importId !== '' ||
    f.operator !== '' ||
    f.result !== null ||
    f.status !== '' ||
    f.conflict !== null ||
    f.warning !== null
  );
}

/** The list page of a filter. */
export function proposalListHref(f: ProposalFilter): string {
  return `/verifikasi-usulan${serializeProposalFilter(f)}`;
}

/** A proposal's page, carrying the list filter (for "Kembali ke daftar" and the next proposal). */
export function proposalHref(id: string, f: ProposalFilter): string {
  return `/verifikasi-usulan/${encodeURIComponent(id)}${serializeProposalFilter(f)}`;
}

// ---- Labels ----

export const STATUS_KEYS: Record<ProposalStatus, MessageKey> = {
  MENUNGGU: 'proposal.status.MENUNGGU',
  DISETUJUI: 'proposal.status.DISETUJUI',
  SEBAGIAN: 'proposal.status.SEBAGIAN',
  DITOLAK: 'proposal.status.DITOLAK',
  PERLU_PERBAIKAN: 'proposal.status.PERLU_PERBAIKAN',
  GAGAL_VALIDASI: 'proposal.status.GAGAL_VALIDASI',
};

/** The dictionary label of a verval result ("Data ganda"), or the code as text. */
export function vervalLabel(code: number | null | undefined): string {
  if (code === null || code === undefined) return '';
  return vervalResults[code]?.label ?? String(code);
}

/** Verval result codes with their labels, in code order. */
export function vervalOptions(): { code: number; label: string }[] {
  return Object.values(vervalResults)
    .map((r) => ({ code: r.code, label: r.label }))
    .sort((a, b) => a.code - b.code);
}

const VERVAL_KEYS: Record<string, MessageKey> = {
  result: 'path.verval.result',
  duplicateOf: 'path.verval.duplicateOf',
  mergeInto: 'path.verval.mergeInto',
  visitedAt: 'path.verval.visitedAt',
  musdesAt: 'path.verval.musdesAt',
  note: 'path.verval.note',
};

const TOP_KEYS: Record<string, MessageKey> = {
  proposalId: 'path.proposalId',
  type: 'path.type',
  baseVersion: 'path.baseVersion',
  createdAt: 'path.createdAt',
  media: 'path.media',
  household: 'path.household',
  members: 'path.members',
  verval: 'path.verval',
};

const MEMBER_KEYS: Record<string, MessageKey> = {
  op: 'path.member.op',
  tempId: 'path.member.tempId',
  baseVersion: 'path.baseVersion',
  fields: 'path.member.fields',
};

function fieldLabel(entity: Entity, name: string): string {
  return fieldDef(entity, name)?.label ?? name;
}

/**
 * An error path of siks-format.md section 3.4 as words, with the dictionary's labels:
 * 'household.lantai' → 'Jenis lantai terluas'; 'members[0].fields.nik' → 'Anggota ke-1: NIK'
 * (with the member's name when known); 'verval.mergeInto' → 'Digabung ke rumah tangga'.
 * An unknown path is returned as it is.
 */
export function issuePathLabel(path: string, t: Translate, memberNames: readonly (string | null | undefined)[] = []): string {
  const hh = /^household\.(\w+)$/.exec(path);
  if (hh) return fieldLabel('household', hh[1]!);
  const m = /^members\[(\d+)\](?:\.(\w+)(?:\.(\w+))?)?$/.exec(path);
  if (m) {
    const index = Number(m[1]);
    const name = memberNames[index];
    const who = name ? t('path.memberNamed', { n: index + 1, name }) : t('path.member', { n: index + 1 });
    const [, , key, sub] = m;
    if (key === undefined) return who;
    if (key === 'fields' && sub !== undefined) return `${who}: ${fieldLabel('member', sub)}`;
    if (sub !== undefined) return path;
    if (key === 'idartbdt') return `${who}: ${fieldLabel('member', 'idartbdt')}`;
    const k = MEMBER_KEYS[key];
    return k ? `${who}: ${t(k)}` : `${who}: ${key}`;
  }
  const v = /^verval\.(\w+)$/.exec(path);
  if (v) {
    const k = VERVAL_KEYS[v[1]!];
    return k ? t(k) : path;
  }
  if (path === 'idbdt') return fieldLabel('household', 'idbdt');
  const top = TOP_KEYS[path];
  return top ? t(top) : path;
}

// ---- Change rows (side by side) ----

export interface ShownValue {
  /** The value as people read it: code meaning, Ya/Tidak, grouped number, Indonesian date. */
  text: string;
  /** The raw code beside a code's meaning ('2' for 'Keramik'); null for other types or no value. */
  code: string | null;
}

export interface ChangeRow {
  field: string;
  label: string;
  current: ShownValue;
  proposed: ShownValue;
  /** The registry changed this field since the operator's release (a conflict). */
  conflict: boolean;
  /** The proposed value equals the current one (the operator sent it unchanged). */
  same: boolean;
}

export function showValue(entity: Entity, field: string, value: unknown, texts: ValueTexts): ShownValue {
  const def = fieldDef(entity, field);
  const text = formatFieldValue(def, value, texts);
  const code =
    def?.type === 'code' && value !== null && value !== undefined && value !== '' && def.codes && Object.hasOwn(def.codes, String(value))
      ? String(value)
      : null;
  return { text, code };
}

/** Whether two API values are the same value ('2' and 2 are; null, undefined and '' are). */
export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
  return norm(a) === norm(b);
}

function rows(
  entity: Entity,
  changes: readonly FieldChange[],
  texts: ValueTexts,
  conflictFields: ReadonlySet<string>,
  compare: boolean,
): ChangeRow[] {
  return changes.map((c) => ({
    field: c.field,
    label: fieldLabel(entity, c.field),
    current: showValue(entity, c.field, c.current, texts),
    proposed: showValue(entity, c.field, c.proposed, texts),
    conflict: conflictFields.has(c.field),
    same: compare && sameValue(c.current, c.proposed),
  }));
}

/** The household's changed fields, with labels and shown values; fields changed since the release are flagged. */
export function householdChangeRows(
  changes: readonly FieldChange[],
  texts: ValueTexts,
  conflictFields: readonly string[] = [],
  isNew = false,
): ChangeRow[] {
  return rows('household', changes, texts, new Set(conflictFields), !isNew);
}

/** A member's changed (or, when added, all proposed) fields, in the questionnaire's (dictionary) order. */
export function memberChangeRows(member: MemberChange, texts: ValueTexts): ChangeRow[] {
  const order = (f: FieldChange) => dictionaryIndex('member', f.field);
  const fields = [...member.fields].sort((a, b) => order(a) - order(b));
  return rows('member', fields, texts, new Set(), member.op === 'update');
}

/**
 * Whether "Setujui sebagian" is offered: only for a correction that changes fields and has at
 * least two parts to choose between. A new household is accepted or refused whole, and a removal
 * without field changes has nothing to split (the server refuses both: PROPOSAL_PARTIAL_IMPOSSIBLE).
 */
export function partialOffered(detail: {
  proposal: { type: ProposalType; changePaths: readonly string[] };
  changes: { household: readonly FieldChange[]; members: readonly MemberChange[] };
}): boolean {
  const { household, members } = detail.changes;
  const parts = new Set([
    ...household.map((c) => `household.${c.field}`),
    ...members.map((m) => `members[${m.index}]`),
    ...detail.proposal.changePaths,
  ]);
  return detail.proposal.type === 'PERBAIKAN' && household.length + members.length > 0 && parts.size >= 2;
}

/** Whether a member of a proposal was changed in the registry since the operator's release. */
export function memberInConflict(member: MemberChange, conflictMembers: readonly string[] = []): boolean {
  return member.idartbdt !== null && conflictMembers.includes(member.idartbdt);
}

/** The dictionary labels of fields changed since the release (conflict), for the conflict note. */
export function conflictFieldLabels(fields: readonly string[]): string[] {
  return fields.map((f) => fieldLabel('household', f));
}

// ---- Partial approval ----

export interface DecisionPart {
  /** 'household.<field>' or 'members[<index>]', as acceptedFields takes it. */
  path: string;
  label: string;
}

/**
 * The parts a reviewer may accept one by one: every proposed household field, every member, and
 * any further part the server names in `changePaths` (e.g. 'verval' for a result other than 1).
 */
export function decisionParts(
  changes: { household: readonly FieldChange[]; members: readonly MemberChange[] },
  t: Translate,
  changePaths: readonly string[] = [],
): DecisionPart[] {
  const parts: DecisionPart[] = [
    ...changes.household.map((c) => ({ path: `household.${c.field}`, label: fieldLabel('household', c.field) })),
    ...changes.members.map((m) => ({ path: `members[${m.index}]`, label: memberTitle(m, t) })),
  ];
  const known = new Set(parts.map((p) => p.path));
  for (const path of changePaths) if (!known.has(path)) parts.push({ path, label: issuePathLabel(path, t) });
  return parts;
}

/** A member's heading: 'Anggota diubah: SITI' / 'Anggota baru: ANDI'. */
export function memberTitle(m: MemberChange, t: Translate): string {
  const name = m.nama ?? m.idartbdt ?? m.tempId ?? '';
  return m.op === 'add' ? t('proposal.member.added', { name }) : t('proposal.member.updated', { name });
}

export type PartialCheck = { ok: true; accepted: string[]; rejected: string[] } | { ok: false; error: 'none' | 'all' | 'reason' };

/**
 * Checks a partial approval before it is sent: at least one part accepted and one left out (else
 * it is an approval or a rejection), and a reason for what is left out.
 */
export function checkPartial(parts: readonly DecisionPart[], accepted: ReadonlySet<string>, reason: string): PartialCheck {
  const acc = parts.filter((p) => accepted.has(p.path)).map((p) => p.path);
  const rej = parts.filter((p) => !accepted.has(p.path)).map((p) => p.path);
  if (acc.length === 0) return { ok: false, error: 'none' };
  if (rej.length === 0) return { ok: false, error: 'all' };
  if (reason.trim() === '') return { ok: false, error: 'reason' };
  return { ok: true, accepted: acc, rejected: rej };
}

// ---- After a decision ----

/**
 * The next proposal to review: the first waiting one after `currentId` in the list order the
 * reviewer saw; else the first waiting one before it; else any waiting one; null when none.
 */
export function pickNext(order: readonly string[], currentId: string, waiting: readonly string[]): string | null {
  const w = new Set(waiting.filter((id) => id !== currentId));
  if (w.size === 0) return null;
  const at = order.indexOf(currentId);
  if (at >= 0) {
    for (let i = at + 1; i < order.length; i++) if (w.has(order[i]!)) return order[i]!;
    for (let i = 0; i < at; i++) if (w.has(order[i]!)) return order[i]!;
  }
  return waiting.find((id) => id !== currentId) ?? null;
}

/**
 * How many proposals a bulk decision will decide, from its dry run: an approval skips the
 * conflicts (each needs its own confirmation), a rejection takes them all.
 */
export function bulkCount(dry: BulkDecisionResult, decision: 'APPROVE' | 'REJECT'): number {
  return decision === 'APPROVE' ? Math.max(0, dry.matched - dry.conflicts) : dry.matched;
}

/** The name of a proposal's household: the current head, else the proposed head (hub_krt 1), else the first member. */
export function proposalName(detail: {
  current: { household: Record<string, unknown> } | null;
  changes: { household: readonly FieldChange[]; members: readonly MemberChange[] };
}): string {
  const current = detail.current?.household.nama_krt;
  if (typeof current === 'string' && current !== '') return current;
  const proposed = detail.changes.household.find((c) => c.field === 'nama_krt')?.proposed;
  if (typeof proposed === 'string' && proposed !== '') return proposed;
  const head = detail.changes.members.find((m) => m.fields.some((f) => f.field === 'hub_krt' && Number(f.proposed) === 1));
  return head?.nama ?? detail.changes.members[0]?.nama ?? '';
}

// The order of the last list shown, so that after a decision the page goes on to the next
// waiting proposal in that order. Kept for the life of the page.
let lastOrder: { search: string; ids: string[] } = { search: '', ids: [] };

export function rememberProposalOrder(search: string, ids: readonly string[]): void {
  lastOrder = { search, ids: [...ids] };
}

/** The ids of the last list shown with this filter (query string), or [] for another filter. */
export function rememberedProposalOrder(search: string): string[] {
  return lastOrder.search === search ? lastOrder.ids : [];
}

// A message to show on the next page after a navigation (the decision just saved).
let flash: string | null = null;

export function setFlash(message: string | null): void {
  flash = message;
}

/** The pending message (read it in a state initializer, then clearFlash() in an effect). */
export function peekFlash(): string | null {
  return flash;
}

export function clearFlash(): void {
  flash = null;
}

// ---- Import files ----

/** The server's limit per upload. */
export const SIKS_MAX_BYTES = 210 * 1024 * 1024;

/** Checks a chosen file before it is sent: named .siks, not empty, not too large. */
export function checkSiksFile(file: { name: string; size: number }, t: Translate): string | undefined {
  if (!/\.siks$/i.test(file.name)) return t('import.err.type');
  if (file.size === 0) return t('import.err.empty');
  if (file.size > SIKS_MAX_BYTES) return t('import.err.tooLarge');
  return undefined;
}

/** The number of proposal lines a finished import read (new + failed + duplicate). */
export function importLines(c: ImportCounts): number {
  return c.new + c.failed + c.duplicate;
}

/** A progress fraction as a whole percentage 0–100. */
export function percent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}

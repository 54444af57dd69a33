// Applying decisions to the registry (F7). A batch of proposals is decided against an in-memory
// copy of the households it touches (read in two queries, locked), so that several proposals for
// one household apply in order; the new rows are then written back set-based: one statement per
// table, whatever the batch size. Versions follow siks-format.md 3.1: a member's version grows by
// one with every applied change to it, a household's with every applied change to it or to any
// of its members (one approval is one change).
import type { Selectable } from 'kysely';
import type { HouseholdHistoryTable } from '../../platform/db-schema.ts';
import { dictionary } from '../../../shared/dictionary/index.ts';
import { isSixteenDigits } from '../../../shared/nik.ts';
import { deriveHouseholdFields, nikHeldElsewhereIssue, validateHouseholdRecord, type Issue } from '../../../shared/rules/index.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { findNikHolders, mergeRecord, referenceNotActiveIssue, type CurrentHousehold } from '../packages/index.ts';
import * as q from './proposals.queries.ts';

type Row = Record<string, unknown>;
export type Decision = 'APPROVE' | 'REJECT' | 'PARTIAL' | 'RETURN';

export interface DecisionInput {
  decision: Decision;
  reason?: string | null;
  /** PARTIAL: the accepted change paths (`household.<field>`, `members[i]`, `verval`). */
  acceptedFields?: string[];
  /** Approve even though the household changed since the operator's release. */
  confirmConflict?: boolean;
}

export interface Outcome {
  id: string;
  /**
   * 'decided', or why not: a conflict not confirmed, a proposal no longer waiting, errors it would
   * now introduce, or (BSP/PBI) an addition the programme's quota has no room for.
   */
  result: 'decided' | 'conflict' | 'not-pending' | 'invalid' | 'over-quota';
  errors?: Issue[];
  /** over-quota: the quota (null: none set) and its AKTIF count when the addition was refused. */
  quota?: { program: string; period: string; quota: number | null; used: number };
}

/** A household_history row as a decision writes it: every column but the generated ones, by a known user. */
export type HistoryRow = Omit<Selectable<HouseholdHistoryTable>, 'id' | 'changed_at' | 'changed_by'> & { changed_by: number };

const HOUSEHOLD_FIELDS = dictionary.entities.household.map((f) => f.name);
const MEMBER_FIELDS = dictionary.entities.member.map((f) => f.name);
export const HOUSEHOLD_COLUMNS = [...HOUSEHOLD_FIELDS, 'version', 'status', 'created_at', 'updated_at'];
export const MEMBER_COLUMNS = [...MEMBER_FIELDS, 'idbdt', 'version', 'created_at', 'updated_at'];
const DEACTIVATING = new Set([2, 3, 4, 6]);
const PRESENT = new Set([1, 4]);

const show = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : String(v));
const same = (a: unknown, b: unknown) => show(a) === show(b);
const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The change paths of a proposal, as a reviewer accepts or rejects them. */
export function changePaths(body: Row): string[] {
  const paths = Object.keys(isObject(body.household) ? body.household : {}).map((f) => `household.${f}`);
  (Array.isArray(body.members) ? body.members : []).forEach((_m, i) => paths.push(`members[${i}]`));
  const result = isObject(body.verval) ? body.verval.result : null;
  if (typeof result === 'number' && result !== 1) paths.push('verval');
  return paths;
}

interface State {
  households: Map<string, Row>;
  members: Map<string, Row[]>;
  /** Households whose members were read with the derived fields' columns only (see loadState). */
  slim: Set<string>;
  /** Rows as they were before this batch first changed them (shallow copies), to write back only the changed columns. */
  loaded: Map<string, Row>;
  dirtyHouseholds: Set<string>;
  dirtyMembers: Set<string>;
  newHouseholds: Row[];
  newMembers: Row[];
  history: HistoryRow[];
  serials: Map<string, number>;
  /** NIK → the AKTIF households (any district) where a present member holds it, for the NIKs the batch proposes (R5). */
  nikHolders: Map<string, Set<string>>;
  /** Proposals refused for an R5 finding that arose after their import, with their warnings as they become. */
  warned: { kab_kota: string; id: string; warnings: Issue[] }[];
}

/**
 * Loads and locks what a batch of proposals touches. A household whose only proposal in the batch
 * the import's verdict covers (see applyApproval: a whole approval, visit date, base version still
 * current, no member operation, no merge) gets its members with the derived fields' columns only:
 * nothing else of them is read or written, and whole member rows were the largest share of what an
 * approval read (four per household, every column, timestamps parsed).
 */
export async function loadState(
  tx: Parameters<typeof q.lockHouseholds>[0],
  proposals: readonly q.ProposalRow[],
  input?: DecisionInput,
): Promise<State> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  // The household a GANDA result names is read (locked) too: the approval checks it is still AKTIF.
  for (const p of proposals)
    for (const id of [p.idbdt, p.merge_into, p.duplicate_of])
      if (id) {
        ids.add(id);
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
  const households = await q.lockHouseholds(tx, [...ids]);
  const version = new Map(households.map((h) => [h.idbdt, h.version]));
  const slim = new Set<string>();
  for (const p of proposals) {
    const id = p.idbdt;
    if (!id || seen.get(id) !== 1 || p.merge_into || input?.decision !== 'APPROVE') continue;
    if (p.visited_at === null || p.base_version === null || version.get(id) !== p.base_version) continue;
    const members = (p.body as Row).members;
    if (Array.isArray(members) && members.length > 0) continue;
    slim.add(id);
  }
  const members = [
    ...(await q.listMembersOf(
      tx,
      [...ids].filter((id) => !slim.has(id)),
    )),
    ...(await q.listMemberSummaries(tx, [...slim])),
  ];
  const desas = [...new Set(proposals.filter((p) => p.type === 'USULAN_BARU').map((p) => p.kode_wilayah))];
  await q.lockDesaSerials(tx, desas);
  // R5 is national (a NIK names one person in the country): one statement per batch, for the NIKs
  // its proposals would give; none for a batch without member operations (the usual bulk approval).
  const niks = input?.decision === 'APPROVE' || input?.decision === 'PARTIAL' ? proposedNiks(proposals) : [];
  const nikHolders = new Map<string, Set<string>>();
  for (const r of await findNikHolders(
    tx,
    niks.map((nik) => ({ nik, own: null })),
  ))
    addHolder(nikHolders, r.nik, r.idbdt);
  const state: State = {
    households: new Map(households.map((h) => [h.idbdt, h as unknown as Row])),
    members: new Map(),
    slim,
    loaded: new Map(),
    dirtyHouseholds: new Set(),
    dirtyMembers: new Set(),
    newHouseholds: [],
    newMembers: [],
    history: [],
    serials: await q.maxSerials(tx, desas),
    nikHolders,
    warned: [],
  };
  for (const m of members) (state.members.get(m.idbdt) ?? state.members.set(m.idbdt, []).get(m.idbdt)!).push(m as unknown as Row);
  return state;
}

// Keeps a row as loaded before its first change in the batch (a household is touched before any
// change to it, a member copied before its first field changes).
function keepLoaded(state: State, key: string, row: Row): void {
  if (!state.loaded.has(key)) state.loaded.set(key, { ...row });
}

/** Writes everything a batch changed: households, members, new records, history. */
export async function saveState(
  tx: Parameters<typeof q.updateHouseholds>[0],
  state: State,
  copyHistory: (rows: HistoryRow[]) => Promise<void>,
): Promise<void> {
  const dirtyH = [...state.dirtyHouseholds].map((id) => state.households.get(id)!);
  const byId = new Map([...state.members.values()].flat().map((m) => [m.idartbdt as string, m]));
  const dirtyM = [...state.dirtyMembers].map((id) => byId.get(id)!);
  await q.updateHouseholds(tx, ...changedColumns(dirtyH, 'idbdt', HOUSEHOLD_COLUMNS, state.loaded));
  await q.insertRecords(tx, state.newHouseholds, []);
  await q.updateMembers(tx, ...changedColumns(dirtyM, 'idartbdt', MEMBER_COLUMNS, state.loaded));
  await q.insertRecords(tx, [], state.newMembers);
  await copyHistory(state.history);
  await q.writeWarnings(tx, state.warned);
}

// The NIKs the proposals of a batch name in their member operations.
function proposedNiks(proposals: readonly q.ProposalRow[]): string[] {
  const niks = new Set<string>();
  for (const p of proposals)
    for (const { m } of memberOpsOf(p.body as Row)) {
      const nik = nikOf(m);
      if (nik) niks.add(nik);
    }
  return [...niks];
}

// The NIK a member operation gives, when it gives a well-formed one.
function nikOf(m: Row): string | undefined {
  const nik = isObject(m.fields) ? m.fields.nik : undefined;
  return isSixteenDigits(nik) ? nik : undefined;
}

// Notes that household `idbdt` holds `nik`.
function addHolder(holders: Map<string, Set<string>>, nik: string, idbdt: string): void {
  (holders.get(nik) ?? holders.set(nik, new Set()).get(nik)!).add(idbdt);
}

// A proposal's member operations with their index in the line (the paths of its findings).
const memberOpsOf = (body: Row): { m: Row; i: number }[] =>
  (Array.isArray(body.members) ? (body.members as unknown[]) : []).flatMap((m, i) => (isObject(m) ? [{ m, i }] : []));

/**
 * R5 judged again for the NIKs an approval would give (added members, changed NIKs): another
 * decision or import may have given one to a present member of another AKTIF household, in any
 * district, since the import judged the proposal. A finding the proposal carries was shown to the
 * reviewer (R5 is a warning, bdt-dictionary.json) and does not hold the approval; a new one does,
 * once: it is added to the proposal's warnings (saveState) so that the reviewer sees it.
 */
function newNikFindings(state: State, p: q.ProposalRow, ops: readonly { m: Row; i: number }[], members: readonly Row[]): Issue[] {
  const shown = new Set(((p.warnings as Issue[] | null) ?? []).filter((w) => w.code === 'R5').map((w) => w.path));
  const found: Issue[] = [];
  for (const { m, i } of ops) {
    const nik = nikOf(m);
    // An update gives a NIK only when it changes it, to a member still here (applyApproval skips one that is not).
    const row = m.op === 'update' ? members.find((x) => x.idartbdt === m.idartbdt) : undefined;
    if (!nik || (m.op === 'update' && (!row || same(row.nik, nik)))) continue;
    const finding = nikHeldElsewhereIssue(i);
    if (!shown.has(finding.path) && [...(state.nikHolders.get(nik) ?? [])].some((id) => id !== p.idbdt)) found.push(finding);
  }
  if (found.length) state.warned.push({ kab_kota: p.kab_kota, id: p.id, warnings: [...((p.warnings as Issue[] | null) ?? []), ...found] });
  return found;
}

// After an approval, its NIKs are held by its household for the rest of the batch (later batches read them).
function holdNiks(state: State, ops: readonly { m: Row }[], idbdt: string): void {
  for (const { m } of ops) {
    const nik = nikOf(m);
    if (nik) addHolder(state.nikHolders, nik, idbdt);
  }
}

// A GANDA (6) or BAGIAN_RUTA_LAIN (4) result deactivates this household in favour of another one,
// which must still be AKTIF: another approval may have deactivated it since the import (a GANDA
// pair naming each other would otherwise leave the family without any household).
function referenceGone(state: State, p: q.ProposalRow): Issue[] {
  const result = p.verval_result ?? 1;
  const [key, ref] = result === 4 ? (['mergeInto', p.merge_into] as const) : result === 6 ? (['duplicateOf', p.duplicate_of] as const) : [];
  if (!key || !ref || state.households.get(ref)?.status === 'AKTIF') return [];
  return [referenceNotActiveIssue(key)];
}

// The columns a batch changed in any of these rows, and the rows cut to their keys and those columns:
// whole rows as JSON were a large share of the statement (jsonb_populate_recordset: 13–127 ms of
// 60–240 ms per 500 households). A row without a copy as loaded (none today) keeps every column.
function changedColumns(
  rows: readonly Row[],
  key: 'idbdt' | 'idartbdt',
  columns: readonly string[],
  loaded: ReadonlyMap<string, Row>,
): [Row[], string[]] {
  const changed = new Set<string>();
  for (const r of rows) {
    const before = loaded.get(r[key] as string);
    for (const c of columns) if (!before || before[c] !== r[c]) changed.add(c);
  }
  const cols = columns.filter((c) => changed.has(c));
  // kab_kota with the key: the rows are matched on both (the district is the first column of the keys).
  return [rows.map((r) => Object.fromEntries(['kab_kota', key, ...cols].map((c) => [c, r[c] ?? null]))), cols];
}

// One approval is one change: a household's version grows once per approved proposal that
// changes it (or its members), even when a batch holds several proposals for it.
// A member as a proposal adds it: its dictionary fields, version 1, no programme flags yet.
function newMember(fields: Row, idartbdt: string, idbdt: string, now: string): Row {
  return {
    ...Object.fromEntries(MEMBER_FIELDS.map((f) => [f, fields[f] ?? null])),
    // idbdt starts with its desa code, whose first four digits are the district.
    kab_kota: idbdt.slice(0, 4),
    idartbdt,
    idbdt,
    version: 1,
    ada_kks: false,
    ada_pbi: false,
    ada_kip: false,
    ada_pkh: false,
    created_at: now,
    updated_at: now,
  };
}

function toucher(state: State, now: string) {
  const touched = new Set<string>();
  return (hh: Row) => {
    const id = hh.idbdt as string;
    if (touched.has(id)) return;
    touched.add(id);
    keepLoaded(state, id, hh);
    hh.version = (hh.version as number) + 1;
    hh.updated_at = now;
    state.dirtyHouseholds.add(id);
  };
}

/**
 * Applies one approved (or partly approved) proposal to the in-memory state. Returns the
 * outcome and, for an usulan baru, the ids assigned.
 */
export function applyApproval(
  state: State,
  p: q.ProposalRow,
  input: DecisionInput,
  ctx: { userId: number; now: string; reason: string | null },
): { outcome: Outcome; assigned?: { idbdt: string; members: Record<string, string> } } {
  const body = p.body as Row;
  const source = `package:${p.package_id}`;
  const accepted = input.decision === 'PARTIAL' ? new Set(input.acceptedFields ?? []) : null;
  const ok = (path: string) => !accepted || accepted.has(path);
  // The reason of a partial approval explains what it rejected: the rows it accepts carry none
  // (the proposal keeps the reason beside its rejected parts).
  const reason = input.decision === 'PARTIAL' ? null : ctx.reason;
  const hist = (h: Omit<HistoryRow, 'kab_kota' | 'changed_by' | 'source' | 'reason'>) =>
    state.history.push({ ...h, kab_kota: p.kab_kota, changed_by: ctx.userId, source, reason });

  if (p.type === 'USULAN_BARU') return applyNewHousehold(state, p, body, ctx, hist);
  const touchHousehold = toucher(state, ctx.now);

  const hh = state.households.get(p.idbdt!);
  if (hh?.status !== 'AKTIF') return { outcome: { id: p.id, result: 'invalid', errors: [] } };
  // A conflict is judged now, not at import: another decision may have changed the household since.
  if ((hh.version as number) > (p.base_version ?? 0) && !input.confirmConflict) return { outcome: { id: p.id, result: 'conflict' } };

  const members = state.members.get(p.idbdt!) ?? [];
  const household = Object.fromEntries(
    Object.entries(isObject(body.household) ? body.household : {}).filter(([f]) => ok(`household.${f}`)),
  );
  const memberOps = memberOpsOf(body).filter(({ i }) => ok(`members[${i}]`));
  // What the import judged against other households, judged again before anything of the proposal applies.
  const gone = ok('verval') ? referenceGone(state, p) : [];
  if (gone.length) return { outcome: { id: p.id, result: 'invalid', errors: gone } };
  const nikFindings = newNikFindings(state, p, memberOps, members);
  if (nikFindings.length) return { outcome: { id: p.id, result: 'invalid', errors: nikFindings } };

  // The record as it would be: it must not break rules the current one keeps. The import judged
  // exactly this (packages.validate.ts; R5, which looks at other households, is judged above) when the household is
  // still at the version the proposal was made from, untouched by this decision so far (every change
  // raises the version), the whole proposal applies and the visit date fixes the check date: then
  // its verdict stands and the record is not validated again.
  const judgedAtImport = input.decision === 'APPROVE' && p.visited_at !== null && p.base_version !== null && hh.version === p.base_version;
  if (!judgedAtImport) {
    // loadState read whole members for every household a validation can reach.
    if (state.slim.has(p.idbdt!)) throw new Error(`members of ${p.idbdt} were read without their fields`);
    const introduced = introducedErrors(
      hh,
      members,
      household,
      memberOps,
      p.visited_at ?? districtDate(String(hh.kode_wilayah), new Date(ctx.now)),
    );
    if (introduced.length) return { outcome: { id: p.id, result: 'invalid', errors: introduced } };
  }

  let changed = false;
  for (const [field, value] of Object.entries(household)) {
    if (same(hh[field], value)) continue;
    changed = true;
    touchHousehold(hh);
    hist({
      idbdt: p.idbdt!,
      idartbdt: null,
      field,
      old_value: show(hh[field]),
      new_value: show(value),
      version: hh.version as number,
    });
    hh[field] = value;
  }
  let serial = Math.max(0, ...members.map((m) => Number(String(m.idartbdt).slice(16))));
  const assignedMembers: Record<string, string> = {};
  for (const { m } of memberOps) {
    const fields = isObject(m.fields) ? m.fields : {};
    if (m.op === 'update') {
      const row = members.find((x) => x.idartbdt === m.idartbdt);
      if (!row) continue;
      let memberChanged = false;
      for (const [field, value] of Object.entries(fields)) {
        if (same(row[field], value)) continue;
        if (!memberChanged) {
          memberChanged = true;
          keepLoaded(state, row.idartbdt as string, row);
          changed = true;
          touchHousehold(hh);
          row.version = (row.version as number) + 1;
          row.updated_at = ctx.now;
          state.dirtyMembers.add(row.idartbdt as string);
        }
        hist({
          idbdt: p.idbdt!,
          idartbdt: row.idartbdt as string,
          field,
          old_value: show(row[field]),
          new_value: show(value),
          version: hh.version as number,
        });
        row[field] = value;
      }
    } else if (m.op === 'add') {
      changed = true;
      touchHousehold(hh);
      serial += 1;
      const idartbdt = `${p.idbdt}${String(serial).padStart(2, '0')}`;
      const row = newMember(fields, idartbdt, p.idbdt!, ctx.now);
      members.push(row);
      state.newMembers.push(row);
      if (typeof m.tempId === 'string') assignedMembers[m.tempId] = idartbdt;
      hist({
        idbdt: p.idbdt!,
        idartbdt: null,
        field: 'anggota_baru',
        old_value: null,
        new_value: `${idartbdt} ${show(fields.nama) ?? ''}`.trim(),
        version: hh.version as number,
      });
    }
  }
  state.members.set(p.idbdt!, members);
  holdNiks(state, memberOps, p.idbdt!);

  const result = p.verval_result ?? 1;
  if (DEACTIVATING.has(result) && ok('verval')) {
    if (result === 4 && p.merge_into) {
      // AKTIF: referenceGone refused the proposal otherwise, before any of it applied.
      const target = state.households.get(p.merge_into)!;
      const targetMembers = state.members.get(p.merge_into) ?? [];
      for (const row of members.filter((x) => PRESENT.has(x.sta_keberadaan_art as number))) {
        // idartbdt never changes (3.1): the member moves, keeping its id.
        keepLoaded(state, row.idartbdt as string, row);
        row.idbdt = p.merge_into;
        row.version = (row.version as number) + 1;
        row.updated_at = ctx.now;
        if (!state.newMembers.includes(row)) state.dirtyMembers.add(row.idartbdt as string);
        targetMembers.push(row);
        touchHousehold(target);
        hist({
          idbdt: p.merge_into,
          idartbdt: row.idartbdt as string,
          field: 'idbdt',
          old_value: p.idbdt,
          new_value: p.merge_into,
          version: target.version as number,
        });
      }
      state.members.set(
        p.idbdt!,
        members.filter((x) => x.idbdt === p.idbdt),
      );
      state.members.set(p.merge_into, targetMembers);
      Object.assign(target, deriveHouseholdFields(targetMembers));
    }
    touchHousehold(hh);
    hist({
      idbdt: p.idbdt!,
      idartbdt: null,
      field: 'status',
      old_value: show(hh.status),
      new_value: 'NONAKTIF',
      version: hh.version as number,
    });
    hh.status = 'NONAKTIF';
    changed = true;
  } else if (result === 5) {
    touchHousehold(hh);
    hist({
      idbdt: p.idbdt!,
      idartbdt: null,
      field: 'hasil_verval',
      old_value: null,
      new_value: '5 Responden menolak',
      version: hh.version as number,
    });
    changed = true;
  }
  if (changed) Object.assign(hh, deriveHouseholdFields(state.members.get(p.idbdt!) ?? []));
  return {
    outcome: { id: p.id, result: 'decided' },
    assigned: Object.keys(assignedMembers).length ? { idbdt: p.idbdt!, members: assignedMembers } : undefined,
  };
}

// Errors the merged record has and the current one has not. The current record is validated only
// when the merged one has errors at all (without a visit date, ages are judged on the district's
// date of the decision, not UTC's).
function introducedErrors(hh: Row, members: Row[], household: Row, memberOps: { m: Row }[], checkDate: string): Issue[] {
  const current: CurrentHousehold = {
    row: hh as CurrentHousehold['row'],
    members: members as CurrentHousehold['members'],
  };
  const merged = mergeRecord(
    current,
    household,
    memberOps.map(({ m }) => m),
  );
  const after = validateHouseholdRecord({ household: merged.household, members: merged.members }, { checkDate });
  if (after.errors.length === 0) return [];
  const before = validateHouseholdRecord({ household: hh, members }, { checkDate });
  const key = (e: Issue) => `${e.path}|${e.code}`;
  const had = new Set(before.errors.map(key));
  return after.errors.filter((e) => !had.has(key(e)));
}

function applyNewHousehold(
  state: State,
  p: q.ProposalRow,
  body: Row,
  ctx: { now: string },
  hist: (h: Omit<HistoryRow, 'kab_kota' | 'changed_by' | 'source' | 'reason'>) => void,
): { outcome: Outcome; assigned?: { idbdt: string; members: Record<string, string> } } {
  const desa = p.kode_wilayah;
  const ops = memberOpsOf(body);
  const nikFindings = newNikFindings(state, p, ops, []);
  if (nikFindings.length) return { outcome: { id: p.id, result: 'invalid', errors: nikFindings } };
  const serial = (state.serials.get(desa) ?? 0) + 1;
  if (serial > 999_999) return { outcome: { id: p.id, result: 'invalid', errors: [] } };
  state.serials.set(desa, serial);
  const idbdt = `${desa}${String(serial).padStart(6, '0')}`;
  const fields = isObject(body.household) ? body.household : {};
  const members: Row[] = [];
  const assigned: Record<string, string> = {};
  (Array.isArray(body.members) ? (body.members as Row[]) : []).forEach((m, i) => {
    const f = isObject(m.fields) ? m.fields : {};
    const idartbdt = `${idbdt}${String(i + 1).padStart(2, '0')}`;
    members.push(newMember(f, idartbdt, idbdt, ctx.now));
    if (typeof m.tempId === 'string') assigned[m.tempId] = idartbdt;
  });
  const household: Row = {
    ...Object.fromEntries(HOUSEHOLD_FIELDS.map((n) => [n, fields[n] ?? null])),
    ...deriveHouseholdFields(members),
    kab_kota: desa.slice(0, 4),
    idbdt,
    kode_wilayah: desa,
    persentil: null,
    version: 1,
    status: 'AKTIF',
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  state.households.set(idbdt, household);
  state.members.set(idbdt, members);
  state.newHouseholds.push(household);
  state.newMembers.push(...members);
  holdNiks(state, ops, idbdt);
  hist({
    idbdt,
    idartbdt: null,
    field: 'usulan_baru',
    old_value: null,
    new_value: `Rumah tangga baru, ${members.length} anggota`,
    version: 1,
  });
  return { outcome: { id: p.id, result: 'decided' }, assigned: { idbdt, members: assigned } };
}

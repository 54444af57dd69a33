import { randomUUID } from 'node:crypto';
import { fromBase64, type FeedbackHeader } from '../../../shared/siks/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actingDistrict } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import { writeFeedback } from '../../platform/siks-node.ts';
import { keepApprovedMedia, mediaOfImport, proposalMediaRefs } from '../media/index.ts';
import { APP_INFO, findReleaseKey } from '../releases/index.ts';
import { householdsInHandover, inHandoverIssue } from '../relocations/index.ts';
import { applyApproval, changePaths, loadState, saveState, type DecisionInput, type HistoryRow, type Outcome } from './proposals.apply.ts';
import * as q from './proposals.queries.ts';

// Verifikasi Usulan (F7): lists, the side-by-side view, and decisions that change the registry in
// the same transaction as their log entry; the feedback file (.siksfb) per package.

const BATCH = 500; // proposals per batch inside the one transaction of a decision
type Row = Record<string, unknown>;
const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

const ownDistrict = (actor: Actor): string => actingDistrict(actor, 'proposal:read');
const decidingDistrict = (actor: Actor): string => actingDistrict(actor, 'proposal:decide');

export type ListInput = Omit<q.ProposalFilter, 'kab'> & { page: number; pageSize: number };

/** Proposals of the supervisor's district for a filter, server-paged, with counts. */
export async function listProposals(ctx: AppContext, actor: Actor, input: ListInput) {
  const kab = ownDistrict(actor);
  const { page, pageSize, ...filter } = input;
  const f = { ...filter, kab };
  const [rows, counts] = await Promise.all([q.listProposals(ctx.database.db, f, page, pageSize), q.countProposals(ctx.database.db, f)]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      idbdt: r.idbdt,
      kodeWilayah: r.kode_wilayah,
      namaDesa: r.nama_desa,
      namaKrt: r.nama_krt,
      vervalResult: r.verval_result,
      status: r.status,
      conflict: r.conflict,
      hasWarning: r.has_warning,
      pendingOthers: r.pending_others,
      operator: r.operator_username,
      importId: r.import_id,
      fileName: r.file_name,
      importedAt: r.imported_at,
    })),
    total: counts.total,
    page,
    pageSize,
    counts: { byStatus: counts.byStatus, conflict: counts.conflict, warning: counts.warning },
  };
}

/** One proposal with the current record and the changes side by side. */
export async function getProposal(ctx: AppContext, actor: Actor, id: string) {
  const kab = ownDistrict(actor);
  const { db } = ctx.database;
  const p = await q.findProposal(db, kab, id);
  if (!p) throw notFound();
  return present(db, p);
}

async function present(db: Db, p: q.ProposalRow) {
  const body = p.body as Row;
  const current = p.idbdt ? (await q.lockHouseholdsReadOnly(db, p.kab_kota, [p.idbdt]))[0] : undefined;
  const members = p.idbdt ? await q.listMembersOf(db, [p.idbdt]) : [];
  const currentRecord = current ? { household: current as unknown as Row, members: members as unknown as Row[] } : null;
  const householdChanges = Object.entries(isObject(body.household) ? body.household : {}).map(([field, proposed]) => ({
    field,
    current: currentRecord ? (currentRecord.household[field] ?? null) : null,
    proposed,
  }));
  const memberChanges = (Array.isArray(body.members) ? (body.members as Row[]) : []).map((m, index) => {
    const fields = isObject(m.fields) ? m.fields : {};
    const existing = m.op === 'update' ? currentRecord?.members.find((x) => x.idartbdt === m.idartbdt) : undefined;
    return {
      index,
      op: m.op === 'update' ? ('update' as const) : ('add' as const),
      idartbdt: typeof m.idartbdt === 'string' ? m.idartbdt : null,
      tempId: typeof m.tempId === 'string' ? m.tempId : null,
      nama: (typeof fields.nama === 'string' ? fields.nama : (existing?.nama as string | undefined)) ?? null,
      fields: Object.entries(fields).map(([field, proposed]) => ({
        field,
        current: existing ? (existing[field] ?? null) : null,
        proposed,
      })),
    };
  });
  const verval = isObject(body.verval) ? body.verval : {};
  return {
    proposal: {
      id: p.id,
      type: p.type,
      idbdt: p.idbdt,
      kodeWilayah: p.kode_wilayah,
      status: p.status,
      vervalResult: p.verval_result,
      duplicateOf: p.duplicate_of,
      mergeInto: p.merge_into,
      visitedAt: p.visited_at,
      musdesAt: p.musdes_at,
      note: typeof verval.note === 'string' ? verval.note : null,
      operator: p.operator_username,
      importId: p.import_id,
      fileName: p.file_name,
      errors: p.errors,
      warnings: p.warnings,
      conflict: p.conflict,
      conflictChanges: p.conflict_changes,
      changePaths: changePaths(body),
      decision: p.decided_at
        ? {
            decidedAt: p.decided_at,
            decidedBy: p.decided_by,
            reason: p.decision_reason,
            acceptedFields: p.accepted_fields,
            rejectedFields: p.rejected_fields,
            assigned: p.assigned,
          }
        : null,
      pendingOthers: p.idbdt ? await q.listPendingOthers(db, p.kab_kota, p.idbdt, p.id) : [],
      media: proposalMediaRefs(body),
    },
    current: currentRecord,
    changes: { household: householdChanges, members: memberChanges },
  };
}

const STATUS_OF: Record<DecisionInput['decision'], 'DISETUJUI' | 'DITOLAK' | 'SEBAGIAN' | 'PERLU_PERBAIKAN'> = {
  APPROVE: 'DISETUJUI',
  REJECT: 'DITOLAK',
  PARTIAL: 'SEBAGIAN',
  RETURN: 'PERLU_PERBAIKAN',
};

/** Test hooks of a decision; production callers pass none. */
export interface DecideOptions {
  /** Proposals per batch inside the one transaction (bounds memory and statement size). */
  batchSize?: number;
  /** Fault injection for tests: runs after each batch inside the transaction; a throw rolls the whole decision back. */
  afterBatch?: (batches: number) => void | Promise<void>;
}

/** A proposal as decide() handles it, whatever its module. */
export interface DecidableProposal {
  id: string;
  status: string;
  finalisation_id: number | null;
  body: unknown;
  conflict: boolean;
}

/**
 * What a module plugs into decide(): how its proposals of a batch are locked, what an approval
 * reads (loaded per batch, locked), how one approval applies to it, and how a batch's changes are
 * written back set-based. BDT (F7) is one engine; BSP and PBI (F10/F11) another.
 */
export interface DecisionEngine<P extends DecidableProposal, S> {
  lock(tx: Db, kab: string, ids: readonly string[]): Promise<P[]>;
  load(tx: Db, proposals: readonly P[], input: DecisionInput): Promise<S>;
  approve(
    state: S,
    p: P,
    input: DecisionInput,
    ctx: { userId: number; now: string; reason: string | null },
  ): { outcome: Outcome; assigned?: unknown };
  save(tx: Db, state: S): Promise<void>;
  /** After the last batch, before the log entry: work done once per decision rather than per batch. */
  finish?(tx: Db): Promise<void>;
}

// The BDT engine: households and members in memory per batch, history into household_history.
function bdtEngine(ctx: AppContext): DecisionEngine<q.ProposalRow, Awaited<ReturnType<typeof loadState>>> {
  return {
    lock: q.lockProposals,
    load: loadState,
    approve: applyApproval,
    save: (tx, state) =>
      saveState(tx, state, (rows: HistoryRow[]) =>
        ctx.database
          .copyRows(
            tx,
            'household_history',
            ['kab_kota', 'idbdt', 'idartbdt', 'field', 'old_value', 'new_value', 'version', 'changed_by', 'source', 'reason'],
            rows.map((h) => [
              h.kab_kota,
              h.idbdt,
              h.idartbdt,
              h.field,
              h.old_value,
              h.new_value,
              h.version,
              h.changed_by,
              h.source,
              h.reason,
            ]),
          )
          .then(() => undefined),
      ),
  };
}

/**
 * Decides proposals in one transaction, batch by batch, applying approvals through the module's
 * engine (BDT by default) and writing history rows naming the package; the log entry commits with
 * them or not at all (F15). Returns each proposal's outcome.
 */
export async function decide<P extends DecidableProposal = q.ProposalRow, S = Awaited<ReturnType<typeof loadState>>>(
  ctx: AppContext,
  actor: Actor,
  kab: string,
  ids: readonly string[],
  input: DecisionInput,
  audit: (tx: Db, outcomes: Outcome[]) => Promise<void>,
  opts: DecideOptions = {},
  engine: DecisionEngine<P, S> = bdtEngine(ctx) as unknown as DecisionEngine<P, S>,
): Promise<Outcome[]> {
  const reason = input.reason?.trim() || null;
  if ((input.decision !== 'APPROVE' && !reason) || (input.decision === 'PARTIAL' && !input.acceptedFields?.length))
    throw new AppError('PROPOSAL_REASON_REQUIRED');
  const batchSize = opts.batchSize ?? BATCH;
  // One transaction for the whole decision (docs/adr/0009): a later batch reads what an earlier
  // one wrote, and a failure anywhere leaves no decision, no registry change and no log entry.
  return ctx.database.transaction(async (tx) => {
    const outcomes: Outcome[] = [];
    const now = new Date().toISOString();
    for (let i = 0, batches = 0; i < ids.length; i += batchSize) {
      const proposals = await engine.lock(tx, kab, ids.slice(i, i + batchSize));
      const state = await engine.load(tx, proposals, input);
      const approving = input.decision === 'APPROVE' || input.decision === 'PARTIAL';
      // A household being handed over to another district cannot be changed (F12); read after
      // load locked the households, so a release either committed before or waits for this.
      const frozen = approving ? await householdsInHandover(tx, kab, proposals.flatMap(handoverSubjects)) : new Set<string>();
      const decisions: Row[] = [];
      for (const p of proposals) {
        if (p.status !== 'MENUNGGU' || p.finalisation_id !== null) {
          outcomes.push({ id: p.id, result: 'not-pending' });
          continue;
        }
        let assigned: unknown = null;
        if (approving && handoverSubjects(p).some((h) => frozen.has(h))) {
          outcomes.push({ id: p.id, result: 'invalid', errors: [inHandoverIssue('idbdt')] });
          continue;
        }
        if (approving) {
          const r = engine.approve(state, p, input, { userId: actor.userId, now, reason });
          outcomes.push(r.outcome);
          if (r.outcome.result !== 'decided') continue;
          assigned = r.assigned ?? null;
        } else outcomes.push({ id: p.id, result: 'decided' });
        const paths = changePaths(p.body as Row);
        const accepted = input.decision === 'PARTIAL' ? paths.filter((x) => input.acceptedFields!.includes(x)) : null;
        decisions.push({
          id: p.id,
          status: STATUS_OF[input.decision],
          decided_at: now,
          decided_by: actor.userId,
          decision_reason: reason,
          accepted_fields: accepted,
          rejected_fields: accepted ? paths.filter((x) => !accepted.includes(x)) : null,
          assigned,
          conflict: p.conflict,
        });
      }
      await engine.save(tx, state);
      await q.writeDecisions(tx, kab, decisions);
      // Approved photos stay with the household (its page shows them). Only a proposal whose body
      // names photos has any (the import links them from the body); a BSP/PBI proposal carries none.
      const withMedia = approving ? proposals.filter((p) => proposalMediaRefs(p.body).length > 0).map((p) => p.id) : [];
      const decided = new Set(decisions.map((d) => String(d.id)));
      if (withMedia.length)
        await keepApprovedMedia(
          tx,
          kab,
          withMedia.filter((id) => decided.has(id)),
        );
      await opts.afterBatch?.(++batches);
    }
    await engine.finish?.(tx);
    // One log entry per action a person takes, in the same transaction as every batch.
    await audit(tx, outcomes);
    return outcomes;
  });
}

// The households a proposal changes: its own and (BSP_GANTI) its replacement.
function handoverSubjects(p: DecidableProposal): string[] {
  const { idbdt, replacement_idbdt } = p as DecidableProposal & { idbdt?: string | null; replacement_idbdt?: string | null };
  return [idbdt, replacement_idbdt].filter((h): h is string => typeof h === 'string');
}

/** Whether an outcome was refused because its household is being handed over (the single decisions answer IN_HANDOVER). */
export function refusedInHandover(outcome: Outcome | undefined): boolean {
  return outcome?.errors?.some((e) => e.code === 'IN_HANDOVER') === true;
}

/** A NIK given to someone else since the import (R5, a warning): refused once, the proposal now carries the warning. */
function refusedForNewWarning(outcome: Outcome | undefined): boolean {
  return outcome?.result === 'invalid' && !!outcome.errors?.length && outcome.errors.every((e) => e.code === 'R5');
}

const DECISION_TEXT: Record<DecisionInput['decision'], { id: string; en: string }> = {
  APPROVE: { id: 'disetujui', en: 'approved' },
  REJECT: { id: 'ditolak', en: 'rejected' },
  PARTIAL: { id: 'disetujui sebagian', en: 'partly approved' },
  RETURN: { id: 'dikembalikan untuk perbaikan', en: 'returned for correction' },
};

// A new household is one whole (its parts make no household alone), and a removal without field
// changes has nothing to split: a partial approval needs a correction changing fields.
function partialPossible(p: q.ProposalRow): boolean {
  return p.type === 'PERBAIKAN' && changePaths(p.body as Row).some((path) => path !== 'verval');
}

/** Decides one proposal (decideProposal). */
export async function decideProposal(ctx: AppContext, actor: Actor, id: string, input: DecisionInput) {
  const kab = decidingDistrict(actor);
  const p = await q.findProposal(ctx.database.db, kab, id);
  if (!p) throw notFound();
  if (p.status !== 'MENUNGGU' || p.finalisation_id !== null) throw new AppError('PROPOSAL_NOT_PENDING');
  if (input.decision === 'PARTIAL' && !partialPossible(p)) throw new AppError('PROPOSAL_PARTIAL_IMPOSSIBLE');
  const [outcome] = await decide(ctx, actor, kab, [id], input, async (tx, outcomes) => {
    if (refusedForNewWarning(outcomes[0])) {
      // Refused, but the proposal changed: it now carries the warning (the reviewer decides again).
      await recordAudit(tx, {
        actor: { id: actor.userId, username: actor.username },
        action: 'PROPOSAL_NEW_WARNING',
        text: {
          id: `Persetujuan Usulan Ditunda: ${p.idbdt ?? 'usulan baru'} mendapat peringatan baru (NIK sudah dimiliki anggota rumah tangga lain)`,
          en: `Proposal approval held: ${p.idbdt ?? 'new household'} got a new warning (the NIK is held by a member of another household)`,
        },
        subject: `proposal:${id}`,
        regionCode: kab,
        details: { decision: input.decision, warnings: outcomes[0]!.errors },
      });
      return;
    }
    if (outcomes[0]?.result !== 'decided') return;
    const kind =
      p.type === 'USULAN_BARU' ? { id: 'Usulan Baru', en: 'new household proposal' } : { id: 'Perbaikan Data', en: 'data correction' };
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: `DECIDE_PROPOSAL_${input.decision}`,
      text: {
        id: `Verifikasi Usulan ${kind.id} Dilakukan: ${p.idbdt ?? 'usulan baru'} ${DECISION_TEXT[input.decision].id}`,
        en: `Proposal review (${kind.en}) done: ${p.idbdt ?? 'new household'} ${DECISION_TEXT[input.decision].en}`,
      },
      subject: `proposal:${id}`,
      regionCode: kab,
      details: {
        decision: input.decision,
        reason: input.reason ?? null,
        confirmConflict: input.confirmConflict ?? false,
      },
    });
  });
  if (outcome?.result === 'conflict') throw new AppError('PROPOSAL_CONFLICT_UNCONFIRMED');
  if (outcome?.result === 'not-pending') throw new AppError('PROPOSAL_NOT_PENDING');
  if (refusedInHandover(outcome)) throw new AppError('IN_HANDOVER');
  if (refusedForNewWarning(outcome)) throw new AppError('PROPOSAL_NEW_WARNING', { errors: outcome!.errors });
  if (outcome?.result === 'invalid') throw new AppError('PROPOSAL_NOW_INVALID', { errors: outcome.errors ?? [] });
  return present(ctx.database.db, (await q.findProposal(ctx.database.db, kab, id))!);
}

/**
 * Decides every waiting proposal matching a filter (decideProposals): `dryRun` only counts.
 * Bulk approval skips conflicts, which need their own confirmation. One transaction: every
 * decision with the one log entry naming the filter and the count, or nothing. `opts` is for tests.
 */
export async function decideProposals(
  ctx: AppContext,
  actor: Actor,
  input: {
    filter: Omit<q.ProposalFilter, 'kab' | 'status'>;
    decision: 'APPROVE' | 'REJECT';
    reason?: string;
    dryRun?: boolean;
  },
  opts: DecideOptions = {},
) {
  const kab = decidingDistrict(actor);
  const filter = { ...input.filter, kab, status: 'MENUNGGU' as const };
  const ids = await q.listMatchingIds(ctx.database.db, filter);
  const conflicts = (await q.countProposals(ctx.database.db, { ...filter, conflict: true })).total;
  if (input.dryRun) return { matched: ids.length, conflicts, decided: 0 };
  if (input.decision === 'REJECT' && !input.reason?.trim()) throw new AppError('PROPOSAL_REASON_REQUIRED');
  const text = { id: 'Verifikasi Usulan Dilakukan', en: 'Proposal review done' };
  const entry = { action: `DECIDE_PROPOSALS_${input.decision}`, subject: `proposals:${kab}`, text };
  const count = (all: Outcome[]) => ({ decided: all.filter((o) => o.result === 'decided').length });
  const outcomes = await decideInBulk(ctx, actor, kab, ids, input, entry, count, opts);
  return {
    matched: ids.length,
    conflicts: outcomes.filter((o) => o.result === 'conflict').length,
    decided: outcomes.filter((o) => o.result === 'decided').length,
  };
}

/**
 * Decides the matched ids of a bulk decision with its one log entry: `text` opens the entry's text
 * ("… Dilakukan: n usulan disetujui sekaligus"), `count` tallies the outcomes it records.
 */
export async function decideInBulk<P extends DecidableProposal = q.ProposalRow, S = Awaited<ReturnType<typeof loadState>>>(
  ctx: AppContext,
  actor: Actor,
  kab: string,
  ids: readonly string[],
  input: { filter: unknown; decision: 'APPROVE' | 'REJECT'; reason?: string },
  entry: { action: string; subject: string; text: { id: string; en: string } },
  count: (all: Outcome[]) => { decided: number },
  opts: DecideOptions = {},
  engine?: DecisionEngine<P, S>,
): Promise<Outcome[]> {
  const audit = async (tx: Db, all: Outcome[]) => {
    const t = count(all);
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: entry.action,
      text: {
        id: `${entry.text.id}: ${t.decided.toLocaleString('id-ID')} usulan ${DECISION_TEXT[input.decision].id} sekaligus`,
        en: `${entry.text.en}: ${t.decided.toLocaleString('en-US')} proposals ${DECISION_TEXT[input.decision].en} at once`,
      },
      subject: entry.subject,
      regionCode: kab,
      details: {
        filter: input.filter,
        matched: ids.length,
        ...t,
        newWarnings: all.filter(refusedForNewWarning).length,
        reason: input.reason ?? null,
      },
    });
  };
  return decide(ctx, actor, kab, ids, { decision: input.decision, reason: input.reason }, audit, opts, engine);
}

/** The feedback file (.siksfb) of an import: every decided proposal and duplicate (downloadFeedback). */
export async function buildFeedback(ctx: AppContext, actor: Actor, importId: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  const kab = ownDistrict(actor);
  const { db } = ctx.database;
  const imp = await q.findImportForFeedback(db, kab, importId);
  if (imp?.status !== 'DONE' || !imp.release_id || !imp.package_id) throw notFound();
  const release = await findReleaseKey(ctx, kab, imp.release_id);
  if (!release) throw notFound();
  const rows = await q.listDecidedOfImport(db, kab, importId);
  const duplicates = await q.listDuplicatesOfImport(db, kab, importId);
  const media = await mediaOfImport(db, kab, importId);
  const lines: Row[] = [];
  for (const r of rows) {
    lines.push({
      proposalId: r.id,
      decision: r.status,
      reason: r.decision_reason,
      acceptedFields: r.accepted_fields,
      rejectedFields: r.rejected_fields,
      errors:
        r.status === 'GAGAL_VALIDASI'
          ? (r.errors as { path: string; code: string; message: { id: string } }[]).map((e) => ({
              path: e.path,
              code: e.code,
              message: e.message.id,
            }))
          : [],
      assigned: r.assigned,
      decidedAt: (r.decided_at ?? r.imported_at).toISOString(),
      // Not in siks-format.md 3.3 (silent on photos): the photos kept with the household, for an approval.
      keptMedia: r.status === 'DISETUJUI' || r.status === 'SEBAGIAN' ? (media.get(r.id) ?? []) : [],
    });
  }
  const seen = new Set(lines.map((l) => l.proposalId));
  for (const d of duplicates) {
    if (seen.has(d.proposal_id)) continue;
    seen.add(d.proposal_id);
    lines.push({
      proposalId: d.proposal_id,
      decision: 'DUPLIKAT',
      reason: 'Usulan ini sudah pernah diterima sebelumnya.',
      acceptedFields: null,
      rejectedFields: null,
      errors: [],
      assigned: null,
      decidedAt: imp.finished_at!.toISOString(),
    });
  }
  const header: FeedbackHeader = {
    kind: 'feedback',
    formatVersion: 1,
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    app: APP_INFO,
    kabKota: kab,
    period: imp.period!,
    key: { kdf: 'hkdf-sha256', release: imp.release_id },
    package: imp.package_id,
  };
  const bytes = await writeFeedback(header, lines, fromBase64(release.package_key)!);
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'DOWNLOAD_FEEDBACK',
      text: {
        id: `Mengunduh umpan balik ${imp.file_name} (${lines.length} usulan)`,
        en: `Downloaded the feedback of ${imp.file_name} (${lines.length} proposals)`,
      },
      subject: `import:${importId}`,
      regionCode: kab,
      details: { feedbackId: header.id, lines: lines.length },
    });
  });
  return { fileName: `${imp.file_name.replace(/\.siks$/i, '')}_umpan-balik.siksfb`, bytes };
}

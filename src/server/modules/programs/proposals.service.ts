// BSP and PBI proposals (issue 10, F10/F11): the review lists and the side-by-side view (read with
// program:read inside the scope), online proposals of a supervisor, and decisions (program:decide)
// run by the decision engine of Verifikasi Usulan with the quota checked inside the approving
// transaction (proposals.apply.ts); the waiting lists a replacement or a new participant comes from.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { checkProgrammeLine, REMOVAL_REASONS, type RemovalReason } from '../../../shared/api/programme-line.ts';
import type {
  KpmProposalCreateSchema,
  KpmProposalListQuerySchema,
  KpmWaitingListQuerySchema,
  PbiProposalCreateSchema,
  PbiProposalListQuerySchema,
  PbiWaitingListQuerySchema,
} from '../../../shared/api/programme-proposals.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { initials, lastFour } from '../../platform/masking.ts';
import { actingDistrict, allows, assertCan } from '../../platform/policy.ts';
import { type Actor, districtInScope, districtOf, householdsInScope, inScope } from '../../platform/scope.ts';
import { type DecideOptions, decide, decideInBulk, type Outcome, refusedInHandover } from '../proposals/index.ts';
import { householdsInHandover } from '../relocations/index.ts';
import { programmeEngine } from './proposals.apply.ts';
import * as pq from './proposals.queries.ts';
import { currentQuotaPeriod, findDistrict, listQuotas } from './programs.queries.ts';

type Row = Record<string, unknown>;
type ListQuery = z.output<typeof KpmProposalListQuerySchema> | z.output<typeof PbiProposalListQuerySchema>;
export type KpmProposalInput = z.output<typeof KpmProposalCreateSchema>;
export type PbiProposalInput = z.output<typeof PbiProposalCreateSchema>;
type Decision = { decision: 'APPROVE' | 'REJECT'; reason?: string };

const PRESENT = new Set([1, 4]);
const NAME = { BSP: { id: 'BSP', en: 'BSP' }, PBI: { id: 'PBI', en: 'PBI' } } as const;

// The district a read is about: the one named (404 outside the scope), else the caller's own one.
function readKab(actor: Actor, kab: string | undefined): string | undefined {
  assertCan(actor, 'program:read', kab);
  return kab ?? districtOf(actor);
}

const masked = (actor: Actor) => !allows(actor, 'personal:unmasked');
const name = (actor: Actor, v: string | null) => (masked(actor) ? initials(v) : v);
const number = (actor: Actor, v: string | null) => (masked(actor) ? lastFour(v) : v);

function item(actor: Actor, r: pq.ProgrammeProposalRow) {
  const body = r.body as Row;
  return {
    id: r.id,
    module: r.module as pq.Module,
    type: r.type as 'BSP_GANTI',
    program: r.program!,
    idbdt: r.idbdt!,
    idartbdt: r.idartbdt,
    replacementIdbdt: r.replacement_idbdt,
    reasonCode: r.reason_code,
    note: typeof body.note === 'string' ? body.note : null,
    kodeWilayah: r.kode_wilayah,
    namaDesa: r.nama_desa,
    namaKrt: name(actor, r.nama_krt),
    nama: name(actor, r.nama),
    status: r.status,
    origin: r.origin,
    operator: r.operator_username,
    importId: r.import_id,
    fileName: r.file_name,
    importedAt: r.imported_at,
    errors: r.errors as never[],
  };
}

/** One page of a district's BSP or PBI proposals in the actor's scope, with counts per status. */
export async function listProgrammeProposals(ctx: AppContext, actor: Actor, module: pq.Module, query: ListQuery) {
  const { page, pageSize, kab, ...rest } = query;
  const f: pq.ProgrammeProposalFilter = { ...rest, module, kab: readKab(actor, kab), scope: (c) => inScope(actor, c) };
  const db = ctx.database.db;
  const [rows, byStatus] = await Promise.all([pq.pageProposals(db, f, page, pageSize), pq.countByStatus(db, f)]);
  const total = query.status ? (byStatus[query.status] ?? 0) : Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { items: rows.map((r) => item(actor, r)), total, page, pageSize, counts: { byStatus } };
}

/** One BSP or PBI proposal beside the memberships it changes; 404 outside the scope. */
export async function getProgrammeProposal(ctx: AppContext, actor: Actor, module: pq.Module, id: string) {
  assertCan(actor, 'program:read');
  const p = await pq.findProposal(
    ctx.database.db,
    module,
    (c) => inScope(actor, c),
    id,
    (c) => districtInScope(actor, c),
  );
  if (!p) throw notFound();
  return present(ctx.database.db, actor, p);
}

type Found = NonNullable<Awaited<ReturnType<typeof pq.findProposal>>>;

async function present(db: Db, actor: Actor, p: Found) {
  const body = p.body as Row;
  const kab = p.kab_kota;
  const ids = [p.idbdt!, ...(p.replacement_idbdt ? [p.replacement_idbdt] : [])];
  const households = new Map((await pq.lockHouseholdSummaries(db, kab, ids, false)).map((h) => [h.idbdt, h]));
  const members = await pq.listMembersOf(db, kab, ids);
  const kpm = p.module === 'BSP' ? await pq.lockKpm(db, kab, ids, false) : [];
  const pbi = p.idartbdt ? await pq.lockPbi(db, kab, [p.idartbdt], false) : [];
  const memberName = (idartbdt: string | null) => members.find((m) => m.idartbdt === idartbdt)?.nama ?? null;
  const summary = (idbdt: string) => {
    const h = households.get(idbdt);
    return {
      idbdt,
      namaKrt: name(actor, h?.nama_krt ?? null),
      kodeWilayah: h?.kode_wilayah ?? p.kode_wilayah,
      namaDesa: h?.nama_desa ?? null,
      persentil: h?.persentil ?? null,
      members: members.filter((m) => m.idbdt === idbdt && PRESENT.has(m.sta_keberadaan_art)).length,
      status: h?.status ?? ('NONAKTIF' as const),
    };
  };
  type State = { status: 'AKTIF' | 'NONAKTIF' | null; id_pengurus?: string | null; no_kks?: string | null; no_rekening?: string | null };
  type Full = State & { no_kartu?: string | null; since?: string | null; until?: string | null; reason?: number | null };
  const view = (s: Full | undefined) => ({
    status: s?.status ?? null,
    idPengurus: s?.id_pengurus ?? null,
    namaPengurus: name(actor, memberName(s?.id_pengurus ?? null)),
    noKks: number(actor, s?.no_kks ?? null),
    noRekening: number(actor, s?.no_rekening ?? null),
    noKartu: number(actor, s?.no_kartu ?? null),
    since: s?.since ?? null,
    until: s?.until ?? null,
    reason: s?.reason ?? null,
  });
  const removed = (s: Full | undefined): Full => ({ ...s, status: 'NONAKTIF', reason: p.reason_code, until: null });
  let subjectNow: Full | undefined;
  let subjectNext: Full | undefined;
  let replacement = null;
  if (p.module === 'BSP') {
    subjectNow = kpm.find((k) => k.program === p.program && k.idbdt === p.idbdt);
    if (p.type === 'BSP_UBAH')
      subjectNext = {
        ...subjectNow,
        status: subjectNow?.status ?? null,
        ...Object.fromEntries(['id_pengurus', 'no_kks', 'no_rekening'].filter((k) => typeof body[k] === 'string').map((k) => [k, body[k]])),
      };
    else subjectNext = removed(subjectNow);
    if (p.type === 'BSP_GANTI' && p.replacement_idbdt) {
      const repl = p.replacement_idbdt;
      const head = members.find((m) => m.idbdt === repl && m.hub_krt === 1 && PRESENT.has(m.sta_keberadaan_art));
      const now = kpm.find((k) => k.program === p.program && k.idbdt === repl);
      const pengurus = typeof body.id_pengurus === 'string' ? body.id_pengurus : (head?.idartbdt ?? null);
      replacement = {
        household: summary(repl),
        idartbdt: null,
        nama: null,
        current: view(now),
        proposed: view({ status: 'AKTIF', id_pengurus: pengurus, no_kks: null, no_rekening: null }),
      };
    }
  } else {
    subjectNow = pbi[0];
    subjectNext = p.type === 'PBI_USUL' ? { ...subjectNow, status: 'AKTIF', reason: null, until: null } : removed(subjectNow);
  }
  const program = p.program!;
  const period = p.period ?? (await currentQuotaPeriod(db));
  const quota = (await listQuotas(db, kab, period)).find((q) => q.program === program)?.quota ?? null;
  return {
    proposal: {
      ...item(actor, p),
      idPengurus: typeof body.id_pengurus === 'string' ? body.id_pengurus : null,
      noKks: number(actor, typeof body.no_kks === 'string' ? body.no_kks : null),
      noRekening: number(actor, typeof body.no_rekening === 'string' ? body.no_rekening : null),
      decision: p.decided_at ? { decidedAt: p.decided_at, decidedBy: p.decided_by, reason: p.decision_reason } : null,
    },
    subject: {
      household: summary(p.idbdt!),
      idartbdt: p.idartbdt,
      nama: name(actor, p.nama),
      current: view(subjectNow),
      proposed: view(subjectNext),
    },
    replacement,
    quota: { program, period, quota, used: await pq.countActive(db, kab, program) },
  };
}

/**
 * A supervisor's online BSP or PBI proposal: checked as a package line (format §3.2) and against
 * the registry and lists now (the same eligibility rules approval applies), stored as MENUNGGU
 * with its log entry. The quota is checked at approval, not here.
 */
export async function createOnlineProposal(ctx: AppContext, actor: Actor, module: pq.Module, input: KpmProposalInput | PbiProposalInput) {
  const kab = actingDistrict(actor, 'program:decide');
  const now = new Date().toISOString();
  const id = randomUUID();
  const note = input.note ?? null;
  const reason = input.reason ?? null;
  let line: Row;
  let extraPengurus: string | null = null;
  if (module === 'BSP') {
    const b = input as KpmProposalInput;
    // An online replacement may name its pengurus; a package line never does (it takes the head).
    if (b.type === 'BSP_GANTI') extraPengurus = b.id_pengurus ?? null;
    line = {
      proposalId: id,
      type: b.type,
      program: b.program,
      idbdt: b.idbdt,
      replacementIdbdt: b.replacementIdbdt ?? null,
      reason,
      note,
      createdAt: now,
      id_pengurus: b.type === 'BSP_GANTI' ? null : (b.id_pengurus ?? null),
      no_kks: b.no_kks ?? null,
      no_rekening: b.no_rekening ?? null,
    };
  } else {
    const b = input as PbiProposalInput;
    line = { proposalId: id, type: b.type, idartbdt: b.idartbdt, reason, note, createdAt: now };
  }
  const errors = checkProgrammeLine(module, line).filter((e) => e.level === 'error');
  if (errors.length) throw new AppError('PROGRAMME_PROPOSAL_INVALID', { errors }, firstMessage(errors));
  const idbdt = module === 'BSP' ? (line.idbdt as string) : (line.idartbdt as string).slice(0, 16);
  const body = extraPengurus ? { ...line, id_pengurus: extraPengurus } : line;

  return ctx.database.transaction(async (tx) => {
    const [household] = await pq.lockHouseholdSummaries(tx, kab, [idbdt]);
    if (!household?.kode_wilayah.startsWith(kab)) throw notFound();
    const replacement = module === 'BSP' ? (line.replacementIdbdt as string | null) : null;
    if ((await householdsInHandover(tx, kab, replacement ? [idbdt, replacement] : [idbdt])).size > 0) throw new AppError('IN_HANDOVER');
    if (module === 'PBI' && !(await pq.listMembersOf(tx, kab, [idbdt])).some((m) => m.idartbdt === line.idartbdt)) throw notFound();
    if (await pq.hasWaitingProposal(tx, module, kab, { idbdt, idartbdt: line.idartbdt as string | undefined }))
      throw new AppError('PROGRAMME_PROPOSAL_PENDING');
    const row = {
      id,
      import_id: null,
      package_id: null,
      line_no: null,
      kab_kota: kab,
      kode_wilayah: household.kode_wilayah,
      module,
      type: line.type,
      idbdt,
      body: JSON.stringify(body),
      operator_username: actor.username,
      status: 'MENUNGGU',
      proposal_created_at: now,
      origin: 'ONLINE',
      program: module === 'BSP' ? line.program : 'PBI',
      idartbdt: module === 'PBI' ? line.idartbdt : null,
      replacement_idbdt: module === 'BSP' ? line.replacementIdbdt : null,
      reason_code: reason,
    };
    await pq.insertOnlineProposal(tx, row);
    // Eligibility now, by the very rules an approval applies (the dry state is thrown away).
    const engine = programmeEngine(ctx, module, kab, false);
    const [locked] = await engine.lock(tx, kab, [id]);
    const input = { decision: 'APPROVE' } as const;
    const state = await engine.load(tx, [locked!], input);
    const { outcome } = engine.approve(state, locked!, input, { userId: actor.userId, now, reason: null });
    if (outcome.result === 'invalid')
      throw new AppError('PROGRAMME_PROPOSAL_NOT_ELIGIBLE', { errors: outcome.errors }, firstMessage(outcome.errors ?? []));
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: `CREATE_${module}_PROPOSAL`,
      text: {
        id: `Usulan ${NAME[module].id} online dibuat: ${line.type} ${line.idartbdt ?? idbdt}`,
        en: `Online ${NAME[module].en} proposal made: ${line.type} ${line.idartbdt ?? idbdt}`,
      },
      subject: `proposal:${id}`,
      regionCode: kab,
      details: { type: line.type, program: row.program, reason },
    });
    return present(
      tx,
      actor,
      (await pq.findProposal(
        tx,
        module,
        (c) => inScope(actor, c),
        id,
        (c) => districtInScope(actor, c),
      ))!,
    );
  });
}

function firstMessage(errors: readonly { message: { id: string; en: string } }[]) {
  const first = errors[0];
  return first
    ? { id: `Usulan tidak dapat disimpan: ${first.message.id}.`, en: `The proposal cannot be saved: ${first.message.en}.` }
    : undefined;
}

const DECISION_TEXT = { APPROVE: { id: 'disetujui', en: 'approved' }, REJECT: { id: 'ditolak', en: 'rejected' } } as const;

/** The refusal of an addition the quota has no room for, naming the numbers. */
async function quotaError(db: Db, kab: string, q: NonNullable<Outcome['quota']>): Promise<AppError> {
  const district = (await findDistrict(db, kab))?.name ?? kab;
  if (q.quota === null)
    return new AppError('QUOTA_NOT_SET', q, {
      id: `Kuota ${q.program} ${district} untuk periode ${q.period} belum ditetapkan, sehingga usulan penambahan tidak dapat disetujui.`,
      en: `No ${q.program} quota of ${district} is set for the period ${q.period}, so additions cannot be approved.`,
    });
  return new AppError('QUOTA_EXCEEDED', q, {
    id: `Kuota ${q.program} ${district} sudah penuh: ${q.used.toLocaleString('id-ID')} dari ${q.quota.toLocaleString('id-ID')} terpakai.`,
    en: `The ${q.program} quota of ${district} is full: ${q.used.toLocaleString('en-US')} of ${q.quota.toLocaleString('en-US')} used.`,
  });
}

/** Approves or rejects (reason) one BSP or PBI proposal of the supervisor's district; `opts` is for tests. */
export async function decideProgrammeProposal(
  ctx: AppContext,
  actor: Actor,
  module: pq.Module,
  id: string,
  input: Decision,
  opts: DecideOptions = {},
) {
  const kab = actingDistrict(actor, 'program:decide');
  const scope = (c: string) => inScope(actor, c);
  const p = await pq.findProposal(ctx.database.db, module, scope, id, (c) => districtInScope(actor, c));
  if (!p) throw notFound();
  if (p.status !== 'MENUNGGU' || p.finalisation_id !== null) throw new AppError('PROPOSAL_NOT_PENDING');
  const engine = programmeEngine(ctx, module, kab, input.decision === 'APPROVE');
  const [outcome] = await decide(
    ctx,
    actor,
    kab,
    [id],
    input,
    async (tx, outcomes) => {
      if (outcomes[0]?.result !== 'decided') return;
      const removal = p.reason_code ? ` (${REMOVAL_REASONS[p.reason_code as RemovalReason].id})` : '';
      await recordAudit(tx, {
        actor: { id: actor.userId, username: actor.username },
        action: `DECIDE_${module}_PROPOSAL_${input.decision}`,
        text: {
          id: `Verifikasi Usulan ${NAME[module].id} Dilakukan: ${p.type} ${p.idartbdt ?? p.idbdt}${removal} ${DECISION_TEXT[input.decision].id}`,
          en: `${NAME[module].en} proposal review done: ${p.type} ${p.idartbdt ?? p.idbdt} ${DECISION_TEXT[input.decision].en}`,
        },
        subject: `proposal:${id}`,
        regionCode: kab,
        details: { decision: input.decision, reason: input.reason ?? null, program: p.program },
      });
    },
    opts,
    engine,
  );
  if (outcome?.result === 'not-pending') throw new AppError('PROPOSAL_NOT_PENDING');
  if (outcome?.result === 'over-quota') throw await quotaError(ctx.database.db, kab, outcome.quota!);
  if (refusedInHandover(outcome)) throw new AppError('IN_HANDOVER');
  if (outcome?.result === 'invalid')
    throw new AppError('PROGRAMME_PROPOSAL_NOT_ELIGIBLE', { errors: outcome.errors ?? [] }, firstMessage(outcome.errors ?? []));
  return present(ctx.database.db, actor, (await pq.findProposal(ctx.database.db, module, scope, id, (c) => districtInScope(actor, c)))!);
}

// Proposals per batch of a bulk decision: a programme proposal's rows are few and narrow (no
// household body), and each batch costs its own dozen statements; 2,500 rather than the BDT's 500
// took a tenth off the database's CPU time of 10,000 replacements (docs/performance.md).
const BULK_BATCH = 2500;

/**
 * Decides every waiting BSP or PBI proposal of a filter (dryRun only counts): one transaction, one
 * log entry. Approvals the quota has no room for, and those no longer eligible, stay waiting and
 * are counted. `opts` is for tests.
 */
export async function decideProgrammeProposals(
  ctx: AppContext,
  actor: Actor,
  module: pq.Module,
  input: {
    filter: Omit<ListQuery, 'page' | 'pageSize' | 'kab' | 'status'>;
    decision: 'APPROVE' | 'REJECT';
    reason?: string;
    dryRun?: boolean;
  },
  opts: DecideOptions = {},
) {
  const kab = actingDistrict(actor, 'program:decide');
  const f: pq.ProgrammeProposalFilter = { ...input.filter, module, kab, status: 'MENUNGGU', scope: (c) => inScope(actor, c) };
  const ids = await pq.listMatchingIds(ctx.database.db, f);
  if (input.dryRun) return { matched: ids.length, decided: 0, overQuota: 0, invalid: 0 };
  if (input.decision === 'REJECT' && !input.reason?.trim()) throw new AppError('PROPOSAL_REASON_REQUIRED');
  const engine = programmeEngine(ctx, module, kab, input.decision === 'APPROVE');
  const tally = (all: Outcome[]) => ({
    decided: all.filter((o) => o.result === 'decided').length,
    overQuota: all.filter((o) => o.result === 'over-quota').length,
    invalid: all.filter((o) => o.result === 'invalid').length,
  });
  const entry = {
    action: `DECIDE_${module}_PROPOSALS_${input.decision}`,
    subject: `proposals:${module}:${kab}`,
    text: { id: `Verifikasi Usulan ${NAME[module].id} Dilakukan`, en: `${NAME[module].en} proposal review done` },
  };
  const outcomes = await decideInBulk(ctx, actor, kab, ids, input, entry, tally, { batchSize: BULK_BATCH, ...opts }, engine);
  return { matched: ids.length, ...tally(outcomes) };
}

// A waiting list's filter (404 outside the scope) and the household fields of its items.
function waitingFilter(actor: Actor, query: z.output<typeof PbiWaitingListQuerySchema>): pq.WaitingFilter {
  const kab = readKab(actor, query.kab);
  if (!kab) throw notFound();
  return { ...query, kab, today: districtDate(kab), scope: householdsInScope(actor, 'h') };
}

function waitingHousehold(actor: Actor, i: pq.WaitingHousehold) {
  return {
    idbdt: i.idbdt,
    kodeWilayah: i.kode_wilayah,
    namaDesa: i.nama_desa,
    namaKrt: name(actor, i.nama_krt),
    persentil: i.persentil,
    members: i.members,
    vulnerable: i.vulnerable,
  };
}

/** The KPM waiting list of a programme: who "Ganti" proposes, the first one by default. */
export async function kpmWaitingList(ctx: AppContext, actor: Actor, query: z.output<typeof KpmWaitingListQuerySchema>) {
  const { items, total } = await pq.pageKpmWaiting(ctx.database.db, { ...waitingFilter(actor, query), program: query.program });
  return {
    items: items.map((i) => ({ ...waitingHousehold(actor, i), idPengurus: i.id_pengurus })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The PBI waiting list: present members of the poorest AKTIF households not yet PBI. */
export async function pbiWaitingList(ctx: AppContext, actor: Actor, query: z.output<typeof PbiWaitingListQuerySchema>) {
  const { items, total } = await pq.pagePbiWaiting(ctx.database.db, waitingFilter(actor, query));
  return {
    items: items.map((i) => ({
      ...waitingHousehold(actor, i),
      idartbdt: i.idartbdt,
      nama: name(actor, i.nama)!,
      nik: number(actor, i.nik)!,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// Applying BSP and PBI decisions to the programme lists (issue 10, F10/F11, B6): the decision
// engine that decide() of the proposals module runs batch by batch inside one transaction.
//
// Before a batch is applied the quota rows of the programmes it approves into are locked
// (lockQuota, in a fixed order) and the lists' AKTIF counts read; the counts then follow every
// approval in memory. So two supervisors approving at once queue on the quota row and the second
// counts what the first committed: a list never passes its quota. A replacement (BSP_GANTI) is
// quota-neutral, a removal (BSP_NONAKTIF, PBI_NONAKTIF) frees a place and is always allowed, an
// addition (PBI_USUL) needs a free place under a quota that is set. Eligibility is judged again
// here on the locked rows: the registry or the lists may have changed since the proposal was made.
import type { Program } from '../../../shared/api/vocabulary.ts';
import type { Issue } from '../../../shared/rules/index.ts';
import { REMOVAL_REASONS, type RemovalReason } from '../../../shared/api/programme-line.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { DecisionEngine, Outcome } from '../proposals/index.ts';
import { currentQuotaPeriod, lockQuota } from './programs.queries.ts';
import * as pq from './proposals.queries.ts';

type Row = Record<string, unknown>;
const PRESENT = new Set([1, 4]);
const HISTORY_COLUMNS = ['field', 'old_value', 'new_value', 'version', 'changed_by', 'source', 'reason'];

interface HistoryRow {
  key: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  version: number;
  changed_by: number;
  source: string;
  reason: string | null;
}

/** The quota book of one decision: per programme and period the quota, per programme the AKTIF count. */
interface QuotaBook {
  openPeriod: string | null;
  quota: Map<string, number | null>;
  used: Map<string, number>;
}

export interface ProgrammeState {
  households: Map<string, Awaited<ReturnType<typeof pq.lockHouseholdSummaries>>[number]>;
  /** Per household the members an approval looks at (of a replacement household only its head and the pengurus named). */
  members: Map<
    string,
    Pick<Awaited<ReturnType<typeof pq.listMembersOf>>[number], 'idartbdt' | 'idbdt' | 'hub_krt' | 'sta_keberadaan_art'>[]
  >;
  kpm: Map<string, pq.KpmRow>;
  pbi: Map<string, pq.PbiRow>;
  kks: Set<string>;
  /** The keys of the memberships read from the lists (the others are new rows). */
  stored: Set<string>;
  dirty: Set<string>;
  history: HistoryRow[];
  book: QuotaBook;
}

const show = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const bad = (p: pq.LockedProposal, path: string, code: string, id: string, en: string): { outcome: Outcome } => ({
  outcome: { id: p.id, result: 'invalid', errors: [{ path, code, level: 'error', message: { id, en } } satisfies Issue] },
});

/** What the history rows of one approval share: who approved, where the proposal came from, why. */
type Stamp = Pick<HistoryRow, 'changed_by' | 'source' | 'reason'>;

// The helpers of approve() live out here: created once, not again for each of 10,000 approvals.
/**
 * Sets fields of a membership with one history row per changed field (since/until have none); a row
 * not in `map` yet is `fresh` and starts at version 1.
 */
function change<R extends pq.KpmRow | pq.PbiRow>(
  state: ProgrammeState,
  stamp: Stamp,
  map: Map<string, R>,
  key: string,
  fields: Partial<R>,
  fresh?: R,
): void {
  const existing = map.get(key);
  const row = (existing ?? fresh)!;
  row.version = existing ? row.version + 1 : 1;
  for (const [f, v] of Object.entries(fields)) {
    const from = show(existing ? (existing as unknown as Row)[f] : null);
    const to = show(v);
    if (f !== 'since' && f !== 'until' && from !== to)
      state.history.push({ key, field: f, old_value: from, new_value: to, version: row.version, ...stamp });
    (row as unknown as Row)[f] = v;
  }
  map.set(key, row);
  state.dirty.add(key);
}

// A membership ended by a removal or a replacement: never before it began.
const leave = (p: pq.LockedProposal, since: string, today: string) => ({
  status: 'NONAKTIF' as const,
  until: since > today ? since : today,
  reason: p.reason_code,
});

/**
 * The engine of BSP or PBI decisions for one district; one per decision (it holds the quota book
 * across the decision's batches). `approving`: only approvals lock quotas.
 */
export function programmeEngine(
  ctx: AppContext,
  module: pq.Module,
  kab: string,
  approving: boolean,
): DecisionEngine<pq.LockedProposal, ProgrammeState> {
  const book: QuotaBook = { openPeriod: null, quota: new Map(), used: new Map() };
  const periodOf = (p: pq.LockedProposal) => p.period ?? book.openPeriod!;
  let day: { now: string; date: string } | undefined;

  return {
    lock: (tx, k, ids) => pq.lockProposals(tx, module, k, ids),

    async load(tx, proposals) {
      if (approving) {
        book.openPeriod ??= await currentQuotaPeriod(tx);
        // Quota rows first, in one order for every decision (no deadlock), then the counts.
        const keys = [...new Set(proposals.map((p) => `${p.program}|${periodOf(p)}`))].filter((k) => !book.quota.has(k)).sort();
        for (const key of keys) {
          const [program, period] = key.split('|') as [Program, string];
          book.quota.set(key, await lockQuota(tx, kab, program, period));
          if (!book.used.has(program)) book.used.set(program, await pq.countActive(tx, kab, program));
        }
      }
      const idbdts = new Set<string>();
      for (const p of proposals) for (const id of [p.idbdt, p.replacement_idbdt]) if (id) idbdts.add(id);
      const households = await pq.lockHouseholdSummaries(tx, kab, [...idbdts]);
      // Members are read only where an approval looks at them: the household of a BSP_UBAH or
      // PBI_USUL (all of them), the replacement of a BSP_GANTI (only its head and the pengurus named:
      // a fourth of the rows); never the KPM leaving or a removal's.
      const whole = new Set<string>();
      const heads = new Set<string>();
      const named: string[] = [];
      for (const p of proposals) {
        if (p.type === 'BSP_GANTI') {
          heads.add(p.replacement_idbdt!);
          const id = (p.body as Row).id_pengurus;
          if (typeof id === 'string') named.push(id);
        } else if (p.type !== 'BSP_NONAKTIF' && p.type !== 'PBI_NONAKTIF') whole.add(p.idbdt!);
      }
      for (const id of whole) heads.delete(id);
      const members = [...(await pq.listMembersOf(tx, kab, [...whole])), ...(await pq.listPengurusCandidates(tx, kab, [...heads], named))];
      const state: ProgrammeState = {
        households: new Map(households.map((h) => [h.idbdt, h])),
        members: new Map(),
        kpm: new Map(),
        pbi: new Map(),
        kks: new Set(),
        stored: new Set(),
        dirty: new Set(),
        history: [],
        book,
      };
      for (const m of members) (state.members.get(m.idbdt) ?? state.members.set(m.idbdt, []).get(m.idbdt)!).push(m);
      if (module === 'BSP') {
        for (const r of await pq.lockKpm(tx, kab, [...idbdts])) state.kpm.set(`${r.program}:${r.idbdt}`, r);
        for (const key of state.kpm.keys()) state.stored.add(key);
        const numbers = proposals.map((p) => (p.body as Row).no_kks).filter((n): n is string => typeof n === 'string');
        state.kks = await pq.takenKks(tx, kab, numbers);
      } else {
        const ids = proposals.map((p) => p.idartbdt).filter((id): id is string => id !== null);
        for (const r of await pq.lockPbi(tx, kab, ids)) state.pbi.set(r.idartbdt, r);
        for (const key of state.pbi.keys()) state.stored.add(key);
      }
      return state;
    },

    approve(state, p, _input, c) {
      // One decision has one `now`: the district's date of it is worked out once.
      if (day?.now !== c.now) day = { now: c.now, date: districtDate(kab, new Date(c.now)) };
      const today = day.date;
      const source = p.origin === 'ONLINE' ? 'online' : `package:${p.package_id}`;
      const body = p.body as Row;
      const removal = p.reason_code ? REMOVAL_REASONS[p.reason_code as RemovalReason] : null;
      const stamp: Stamp = { changed_by: c.userId, source, reason: c.reason ?? (removal ? `${p.reason_code} ${removal.id}` : null) };
      const idbdt = p.idbdt!;
      const household = state.households.get(idbdt);

      if (module === 'BSP') {
        const program = p.program as pq.KpmProgram;
        const key = `${program}:${idbdt}`;
        const kpm = state.kpm.get(key);
        if (kpm?.status !== 'AKTIF')
          return bad(
            p,
            'idbdt',
            'NOT_MEMBER',
            `Rumah tangga ini bukan KPM ${program} yang AKTIF`,
            `This household is not an AKTIF ${program} KPM`,
          );
        if (p.type === 'BSP_GANTI') {
          const repl = p.replacement_idbdt!;
          const h = state.households.get(repl);
          if (h?.status !== 'AKTIF' || !h.kode_wilayah.startsWith(kab))
            return bad(
              p,
              'replacementIdbdt',
              'NOT_ELIGIBLE',
              'Rumah tangga pengganti tidak AKTIF atau bukan dari kabupaten/kota ini',
              'The replacement household is not AKTIF or not of this district',
            );
          if (state.kpm.get(`${program}:${repl}`)?.status === 'AKTIF')
            return bad(
              p,
              'replacementIdbdt',
              'NOT_ELIGIBLE',
              `Rumah tangga pengganti sudah menjadi KPM ${program}`,
              `The replacement household is already a ${program} KPM`,
            );
          const present = (state.members.get(repl) ?? []).filter((m) => PRESENT.has(m.sta_keberadaan_art));
          const named = typeof body.id_pengurus === 'string' ? present.find((m) => m.idartbdt === body.id_pengurus) : undefined;
          if (typeof body.id_pengurus === 'string' && !named)
            return bad(
              p,
              'id_pengurus',
              'UNKNOWN_REFERENCE',
              'Pengurus bukan anggota rumah tangga pengganti',
              'The caretaker is not a member of the replacement household',
            );
          const pengurus = named ?? present.find((m) => m.hub_krt === 1) ?? null;
          change(state, stamp, state.kpm, key, leave(p, kpm.since, today));
          const fields = {
            status: 'AKTIF',
            since: today,
            until: null,
            reason: null,
            id_pengurus: pengurus?.idartbdt ?? null,
            no_kks: null,
            no_rekening: null,
          } as const;
          change(state, stamp, state.kpm, `${program}:${repl}`, fields, { kab_kota: kab, program, idbdt: repl, ...fields, version: 0 });
        } else if (p.type === 'BSP_NONAKTIF') {
          change(state, stamp, state.kpm, key, leave(p, kpm.since, today));
          state.book.used.set(program, (state.book.used.get(program) ?? 0) - 1);
        } else {
          const fields: Partial<pq.KpmRow> = {};
          if (typeof body.id_pengurus === 'string') {
            const m = (state.members.get(idbdt) ?? []).find((x) => x.idartbdt === body.id_pengurus);
            if (!m || !PRESENT.has(m.sta_keberadaan_art))
              return bad(
                p,
                'id_pengurus',
                'UNKNOWN_REFERENCE',
                'Pengurus bukan anggota rumah tangga ini yang tinggal di ruta',
                'The caretaker is not a present member of this household',
              );
            fields.id_pengurus = m.idartbdt;
          }
          if (typeof body.no_kks === 'string' && body.no_kks !== kpm.no_kks) {
            if (state.kks.has(`${program}:${body.no_kks}`))
              return bad(p, 'no_kks', 'NOT_ELIGIBLE', 'Nomor KKS sudah dipakai KPM lain', 'The KKS number is already held by another KPM');
            if (kpm.no_kks) state.kks.delete(`${program}:${kpm.no_kks}`);
            state.kks.add(`${program}:${body.no_kks}`);
            fields.no_kks = body.no_kks;
          }
          if (typeof body.no_rekening === 'string') fields.no_rekening = body.no_rekening;
          change(state, stamp, state.kpm, key, fields);
        }
        return { outcome: { id: p.id, result: 'decided' } };
      }

      const idartbdt = p.idartbdt!;
      const part = state.pbi.get(idartbdt);
      if (p.type === 'PBI_NONAKTIF') {
        if (part?.status !== 'AKTIF')
          return bad(
            p,
            'idartbdt',
            'NOT_MEMBER',
            'Anggota ini bukan peserta PBI yang AKTIF',
            'This member is not an AKTIF PBI participant',
          );
        change(state, stamp, state.pbi, idartbdt, leave(p, part.since, today));
        state.book.used.set('PBI', (state.book.used.get('PBI') ?? 0) - 1);
      } else {
        const member = (state.members.get(idbdt) ?? []).find((m) => m.idartbdt === idartbdt);
        if (household?.status !== 'AKTIF' || !household.kode_wilayah.startsWith(kab) || !member || !PRESENT.has(member.sta_keberadaan_art))
          return bad(
            p,
            'idartbdt',
            'NOT_ELIGIBLE',
            'Anggota ini tidak tinggal di rumah tangga AKTIF kabupaten/kota ini',
            'This member is not present in an AKTIF household of this district',
          );
        if (part?.status === 'AKTIF')
          return bad(p, 'idartbdt', 'NOT_ELIGIBLE', 'Anggota ini sudah menjadi peserta PBI', 'This member is already a PBI participant');
        const period = periodOf(p);
        const quota = state.book.quota.get(`PBI|${period}`) ?? null;
        const used = state.book.used.get('PBI') ?? 0;
        if (quota === null || used >= quota)
          return { outcome: { id: p.id, result: 'over-quota', quota: { program: 'PBI', period, quota, used } } };
        const fields = { status: 'AKTIF', since: today, until: null, reason: null } as const;
        change(state, stamp, state.pbi, idartbdt, fields, { kab_kota: kab, idartbdt, no_kartu: null, ...fields, version: 0 });
        state.book.used.set('PBI', used + 1);
      }
      return { outcome: { id: p.id, result: 'decided' } };
    },

    async save(tx: Db, state) {
      const rows = [...state.dirty];
      if (module === 'BSP')
        await pq.upsertKpm(
          tx,
          rows.map((k) => state.kpm.get(k)!),
          (r) => state.stored.has(`${r.program}:${r.idbdt}`),
        );
      else
        await pq.upsertPbi(
          tx,
          rows.map((k) => state.pbi.get(k)!),
          (r) => state.stored.has(r.idartbdt),
        );
      const history = state.history.map((h) => {
        const [program, idbdt] = h.key.split(':') as [string, string];
        return module === 'BSP'
          ? [kab, program, idbdt, h.field, h.old_value, h.new_value, h.version, h.changed_by, h.source, h.reason]
          : [kab, h.key, h.field, h.old_value, h.new_value, h.version, h.changed_by, h.source, h.reason];
      });
      if (module === 'BSP') await ctx.database.copyRows(tx, 'kpm_history', ['kab_kota', 'program', 'idbdt', ...HISTORY_COLUMNS], history);
      else await ctx.database.copyRows(tx, 'pbi_history', ['kab_kota', 'idartbdt', ...HISTORY_COLUMNS], history);
      // The members' ada_kks/ada_pbi are not written: they are derived from the lists where they
      // are read (programs/flags.ts, docs/adr/0017).
    },
  };
}

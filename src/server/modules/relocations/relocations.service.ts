// Pemindahan Rumah Tangga (issue 11, F12). A household (all its members: they follow it by idbdt)
// moves to another kecamatan/desa of its district at once, or is handed over to another district
// in two steps. Ownership is households.kode_wilayah alone, so exactly one district owns a
// household at every instant by construction: a released household stays in the origin, marked by
// its open hand-over (relocations.status MENUNGGU), until the destination accepts it into one of
// its desa — that step moves kode_wilayah in the same transaction that closes the hand-over.
// Every step is one transaction: the household (locked first, so approvals, imports' publish and
// other steps queue on it), its history row, and one log entry that names both districts
// (region_code the origin, details.peerRegion the destination) so both scopes read it.
import type { z } from 'zod';
import type * as api from '../../../shared/api/relocations.ts';
import { logRegionLength } from '../../../shared/roles.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { initials } from '../../platform/masking.ts';
import { actingDistrict, allows, assertCan } from '../../platform/policy.ts';
import { type Actor, districtOf, inScope, regionInScope } from '../../platform/scope.ts';
import { type Column, CSV_TYPE, type StreamedDownload, writeCsv, writeXlsx, XLSX_TYPE } from '../finalisations/index.ts';
import * as q from './relocations.queries.ts';

/** A request of the contract (shared/api/relocations.ts) as its route parsed it. */
type In<S extends z.ZodType> = z.output<S>;

/** For tests: runs inside a step's transaction after its changes and before its log entry (a fault injected there must leave nothing). */
export interface StepOptions {
  beforeLog?: () => void | Promise<void>;
}

const auditActor = (actor: Actor) => ({ id: actor.userId, username: actor.username });

// The household of the caller's district, locked; 404 when missing or elsewhere, IN_HANDOVER when released.
async function ownHousehold(tx: Db, kab: string, idbdt: string) {
  const h = await q.lockHousehold(tx, kab, idbdt);
  if (!h?.kode_wilayah.startsWith(kab)) throw notFound();
  if ((await q.householdsInHandover(tx, kab, [idbdt])).size > 0) throw new AppError('IN_HANDOVER');
  if (h.status !== 'AKTIF') throw new AppError('RELOCATION_NOT_ACTIVE');
  return h;
}

// A desa of district `kab` (400 UNKNOWN_REGION otherwise: the code is input, not a resource).
async function desaOf(db: Db, kab: string, code: string) {
  const desa = await q.findRegion(db, code);
  if (desa?.level !== 'desa' || !code.startsWith(kab)) throw new AppError('UNKNOWN_REGION');
  return desa;
}

async function regionName(db: Db, code: string): Promise<string> {
  return (await q.findRegion(db, code))?.name ?? code;
}

// Stores a move (done at once) or a release (waiting), with the summary the destination may see.
async function insertStep(
  tx: Db,
  actor: Actor,
  h: { idbdt: string; kode_wilayah: string; nama_krt: string | null },
  originDesa: string,
  r: { kind: 'WITHIN' | 'HANDOVER'; to_kab: string; to_kode_wilayah: string | null; reason: string },
  at: Date,
): Promise<number | null> {
  return q.insertRelocation(tx, {
    ...r,
    kab_kota: h.kode_wilayah.slice(0, 4),
    idbdt: h.idbdt,
    status: r.kind === 'WITHIN' ? 'SELESAI' : 'MENUNGGU',
    from_kode_wilayah: h.kode_wilayah,
    summary: { krtInitials: initials(h.nama_krt), memberCount: await q.countMembers(tx, h.kode_wilayah.slice(0, 4), h.idbdt), originDesa },
    created_by: actor.userId,
    created_at: at,
  });
}

type AuditText = { id: string; en: string };

// One step on a household of the caller's district, in one transaction: the household locked and
// checked, the step's relocation row and changes, then its log entry (subject the household,
// region the district) — the frame every move and release shares.
async function householdStep(
  ctx: AppContext,
  actor: Actor,
  idbdt: string,
  opts: StepOptions,
  step: (
    tx: Db,
    kab: string,
    h: Awaited<ReturnType<typeof ownHousehold>>,
    at: Date,
  ) => Promise<{ relocationId: number; action: string; text: AuditText; details: Record<string, unknown> }>,
) {
  const kab = actingDistrict(actor, 'household:move');
  const at = now();
  const id = await ctx.database.transaction(async (tx) => {
    const h = await ownHousehold(tx, kab, idbdt);
    const { relocationId, action, text, details } = await step(tx, kab, h, at);
    await opts.beforeLog?.();
    await recordAudit(tx, { actor: auditActor(actor), action, text, subject: `household:${h.idbdt}`, regionCode: kab, details });
    return relocationId;
  });
  return present(ctx.database.db, id);
}

/**
 * Moves a household of the supervisor's district (with all its members) to another desa of the
 * district: it keeps its idbdt and history; the move is a history row (old and new region, by whom,
 * why) and a log entry; its waiting proposals follow it; its version goes up by one, so an
 * operator's package based on an older release is seen as a conflict rather than applied blindly.
 */
export function moveWithinDistrict(ctx: AppContext, actor: Actor, input: In<typeof api.RelocationMoveBodySchema>, opts: StepOptions = {}) {
  return householdStep(ctx, actor, input.idbdt, opts, async (tx, kab, h, at) => {
    const desa = await desaOf(tx, kab, input.desa);
    if (desa.code === h.kode_wilayah) throw new AppError('RELOCATION_SAME_PLACE');
    const from = await regionName(tx, h.kode_wilayah);
    const relocationId = await insertStep(
      tx,
      actor,
      h,
      from,
      { kind: 'WITHIN', to_kab: kab, to_kode_wilayah: desa.code, reason: input.reason },
      at,
    );
    const version = await q.moveHousehold(tx, h, desa.code, actor.userId, input.reason, at);
    const proposals = await q.moveWaitingProposals(tx, kab, h.idbdt, desa.code);
    return {
      relocationId: relocationId!,
      action: 'RELOCATION_MOVE',
      text: {
        id: `Pemindahan rumah tangga ${h.idbdt}: dari ${from} (${h.kode_wilayah}) ke ${desa.name} (${desa.code}). Alasan: ${input.reason}`,
        en: `Household ${h.idbdt} moved from ${from} (${h.kode_wilayah}) to ${desa.name} (${desa.code}). Reason: ${input.reason}`,
      },
      details: { relocation: relocationId, from: h.kode_wilayah, to: desa.code, version, proposals, reason: input.reason },
    };
  });
}

/**
 * The origin supervisor releases a household of the district to another district (step 1 of a
 * hand-over): the household stays in the origin, marked in hand-over (no change, no new proposal,
 * no approval for it); its AKTIF KPM and PBI memberships end with reason 2 (pindah), which frees
 * the origin's quota. The destination sees a summary only until it accepts.
 */
export function releaseHousehold(ctx: AppContext, actor: Actor, input: In<typeof api.RelocationReleaseBodySchema>, opts: StepOptions = {}) {
  return householdStep(ctx, actor, input.idbdt, opts, async (tx, kab, h, at) => {
    if (input.toKab === kab) throw new AppError('RELOCATION_SAME_DISTRICT');
    const dest = await q.findRegion(tx, input.toKab);
    if (dest?.level !== 'kabkota') throw new AppError('UNKNOWN_REGION');
    const from = await regionName(tx, h.kode_wilayah);
    const relocationId = await insertStep(
      tx,
      actor,
      h,
      from,
      { kind: 'HANDOVER', to_kab: dest.code, to_kode_wilayah: null, reason: input.reason },
      at,
    );
    if (relocationId === null) throw new AppError('IN_HANDOVER');
    const ended = await q.endMemberships(tx, kab, h.idbdt, districtDate(kab, at), actor.userId, at);
    await q.insertHouseholdHistory(
      tx,
      h,
      { field: 'pemindahan', from: null, to: `DISERAHKAN ${dest.code} ${dest.name}`, version: h.version },
      actor.userId,
      input.reason,
      at,
    );
    return {
      relocationId,
      action: 'RELOCATION_RELEASE',
      text: {
        id: `Pemindahan rumah tangga ${h.idbdt} diserahkan dari ${kab} ke ${dest.name} (${dest.code}), menunggu diterima. Alasan: ${input.reason}`,
        en: `Household ${h.idbdt} released from ${kab} to ${dest.name} (${dest.code}), waiting to be accepted. Reason: ${input.reason}`,
      },
      details: { relocation: relocationId, peerRegion: dest.code, from: h.kode_wilayah, reason: input.reason, ended },
    };
  });
}

/** Every province and district, for the supervisor choosing where to hand a household over (region reads are scoped to the caller). */
export async function listDestinations(ctx: AppContext, actor: Actor) {
  actingDistrict(actor, 'household:move');
  return { items: await q.listDestinations(ctx.database.db) };
}

type Closing = 'DITERIMA' | 'DITOLAK' | 'DIBATALKAN';

// The open hand-over `id` the caller's district may close (the destination accepts or declines,
// the origin cancels), with its household locked first (the order every step takes); 404 for any
// other district, RELOCATION_NOT_PENDING once it is closed.
async function openHandover(tx: Db, kab: string, id: number, side: 'origin' | 'destination') {
  // The row lives with the origin: the destination finds it by its own code (to_kab), a national read.
  const seen = await tx
    .selectFrom('relocations')
    .select(['kab_kota', 'to_kab', 'idbdt'])
    .where(side === 'origin' ? 'kab_kota' : 'to_kab', '=', kab)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!seen) throw notFound();
  // The household is with the origin until the hand-over is accepted, with the destination after.
  const h = (await q.lockHousehold(tx, seen.kab_kota, seen.idbdt)) ?? (await q.lockHousehold(tx, seen.to_kab, seen.idbdt));
  const r = await q.lockRelocation(tx, seen.kab_kota, id);
  if (!h || !r || r.kind !== 'HANDOVER' || (side === 'origin' ? r.kab_kota : r.to_kab) !== kab) throw notFound();
  if (r.status !== 'MENUNGGU') throw new AppError('RELOCATION_NOT_PENDING');
  return { h, r: { ...r, id: Number(r.id) } };
}

async function closeHandover(ctx: AppContext, actor: Actor, id: number, step: ClosingStep, opts: StepOptions) {
  const kab = actingDistrict(actor, 'household:move');
  const at = now();
  await ctx.database.transaction(async (tx) => {
    const { h, r } = await openHandover(tx, kab, id, step.status === 'DIBATALKAN' ? 'origin' : 'destination');
    const originName = await regionName(tx, r.kab_kota); // one client in a transaction: one query at a time
    const destName = await regionName(tx, r.to_kab);
    let details: Record<string, unknown> = {};
    if (step.status === 'DITERIMA') {
      const desa = await desaOf(tx, kab, step.desa!);
      await q.closeRelocation(tx, r, { status: 'DITERIMA', toKodeWilayah: desa.code, by: actor.userId, reason: null, at });
      await q.handOverRows(tx, h.idbdt, h.kab_kota, desa.code);
      const version = await q.moveHousehold(tx, h, desa.code, actor.userId, r.reason, at);
      // The origin can no longer decide proposals about a household it does not own.
      const rejected = await q.rejectWaitingProposals(
        tx,
        r.kab_kota,
        h.idbdt,
        `Rumah tangga dipindahkan ke ${destName} (${r.to_kab}) / household moved to another district`,
        at,
      );
      details = { to: desa.code, version, rejectedProposals: rejected };
    } else {
      await q.closeRelocation(tx, r, { status: step.status, by: actor.userId, reason: step.reason, at });
      await q.insertHouseholdHistory(
        tx,
        h,
        { field: 'pemindahan', from: `DISERAHKAN ${r.to_kab} ${destName}`, to: step.status, version: h.version },
        actor.userId,
        step.reason,
        at,
      );
    }
    await opts.beforeLog?.();
    const word = {
      DITERIMA: { id: 'diterima oleh', en: 'accepted by' },
      DITOLAK: { id: 'ditolak oleh', en: 'declined by' },
      DIBATALKAN: { id: 'dibatalkan oleh asal', en: 'cancelled by the origin' },
    }[step.status];
    const where =
      step.status === 'DIBATALKAN' ? { id: '', en: '' } : { id: ` ${destName} (${r.to_kab})`, en: ` ${destName} (${r.to_kab})` };
    const why = step.reason ? { id: ` Alasan: ${step.reason}`, en: ` Reason: ${step.reason}` } : { id: '', en: '' };
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: `RELOCATION_${{ DITERIMA: 'ACCEPT', DITOLAK: 'DECLINE', DIBATALKAN: 'CANCEL' }[step.status]}`,
      text: {
        id: `Pemindahan rumah tangga ${h.idbdt} dari ${originName} (${r.kab_kota}) ke ${destName} (${r.to_kab}) ${word.id}${where.id}.${why.id}`,
        en: `Hand-over of household ${h.idbdt} from ${originName} (${r.kab_kota}) to ${destName} (${r.to_kab}) ${word.en}${where.en}.${why.en}`,
      },
      subject: `household:${h.idbdt}`,
      regionCode: r.kab_kota,
      details: { relocation: r.id, peerRegion: r.to_kab, status: step.status, reason: step.reason, ...details },
    });
  });
  return present(ctx.database.db, id);
}

type ClosingStep = { status: Closing; desa?: string; reason: string | null };

// A service function closing a hand-over with the step its request body names.
const closingWith =
  <B>(stepOf: (input: B) => ClosingStep) =>
  (ctx: AppContext, actor: Actor, id: number, input: B, opts: StepOptions = {}) =>
    closeHandover(ctx, actor, id, stepOf(input), opts);

/** The destination supervisor accepts a hand-over into one of its desa: the household moves (version + 1) and the hand-over closes, in one transaction. */
export const acceptHandover = closingWith((input: In<typeof api.RelocationAcceptBodySchema>) => ({
  status: 'DITERIMA',
  desa: input.desa,
  reason: null,
}));

/** The destination supervisor declines a hand-over (with a reason): it closes and the household, never gone, is free again in the origin. */
export const declineHandover = closingWith((input: In<typeof api.RelocationDeclineBodySchema>) => ({
  status: 'DITOLAK',
  reason: input.reason,
}));

/** The origin supervisor cancels its release before the destination accepts it. */
export const cancelHandover = closingWith((input: In<typeof api.RelocationCancelBodySchema>) => ({
  status: 'DIBATALKAN',
  reason: input.reason ?? null,
}));

function toItem(r: q.RelocationRow) {
  const s = (r.summary ?? {}) as { krtInitials?: string | null; memberCount?: number; originDesa?: string };
  return {
    id: Number(r.id),
    kind: r.kind,
    status: r.status,
    idbdt: r.idbdt,
    fromKab: r.kab_kota,
    fromKabName: r.from_kab_name,
    fromKodeWilayah: r.from_kode_wilayah,
    fromDesaName: r.from_desa_name,
    toKab: r.to_kab,
    toKabName: r.to_kab_name,
    toKodeWilayah: r.to_kode_wilayah,
    toDesaName: r.to_desa_name,
    reason: r.reason,
    summary: { krtInitials: s.krtInitials ?? null, memberCount: s.memberCount ?? 0, originDesa: s.originDesa ?? r.from_desa_name },
    createdAt: r.created_at,
    createdBy: r.created_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    decisionReason: r.decision_reason,
  };
}

async function present(db: Db, id: number) {
  const row = await q.findRelocationRow(db, id);
  if (!row) throw notFound();
  return toItem(row);
}

// The list's filter: the district named (404 outside the scope), else the caller's own, else the whole scope.
function filterOf(actor: Actor, query: Omit<In<typeof api.RelocationListQuerySchema>, 'page' | 'pageSize'>): q.RelocationFilter {
  assertCan(actor, 'registry:read');
  // A district the scope lies in (an operator's) or that lies in the scope; any other is 404.
  if (query.kab && !regionInScope(actor, query.kab) && !actor.regions.some((r) => r.startsWith(query.kab!))) throw notFound();
  return {
    direction: query.direction,
    kab: query.kab ?? districtOf(actor) ?? null,
    status: query.status,
    kind: query.kind,
    idbdt: query.idbdt,
    scope: (column) => inScope(actor, column),
  };
}

/**
 * One page of moves of the caller's scope, newest first: out (from the district, and within it),
 * in (hand-overs into it) or pending (hand-overs waiting for it to accept: "Menunggu diterima").
 * A household appears by idbdt, region and a summary (the head's initials, the member count): the
 * same for every role, so nothing personal needs masking.
 */
export async function listRelocations(ctx: AppContext, actor: Actor, query: In<typeof api.RelocationListQuerySchema>) {
  const { page, pageSize, ...rest } = query;
  const { items, total } = await q.pageRelocations(ctx.database.db, filterOf(actor, rest), page, pageSize);
  return { items: items.map(toItem), total, page, pageSize };
}

const STATUS_TEXT: Record<string, string> = {
  SELESAI: 'Selesai',
  MENUNGGU: 'Menunggu diterima',
  DITERIMA: 'Diterima',
  DITOLAK: 'Ditolak',
  DIBATALKAN: 'Dibatalkan',
};

const day = (kab: string, d: Date | null) => (d ? districtDate(kab, d) : null);
const EXPORT_COLUMNS: readonly Column<ReturnType<typeof toItem>>[] = [
  { header: 'ID Pemindahan', value: (r) => r.id },
  { header: 'IDBDT', value: (r) => r.idbdt, width: 18 },
  { header: 'Jenis', value: (r) => (r.kind === 'WITHIN' ? 'Dalam kabupaten/kota' : 'Antar kabupaten/kota'), width: 20 },
  { header: 'Status', value: (r) => STATUS_TEXT[r.status] ?? r.status, width: 18 },
  { header: 'Inisial KRT', value: (r) => r.summary.krtInitials, width: 16 },
  { header: 'Jumlah ART', value: (r) => r.summary.memberCount },
  { header: 'Kab/Kota Asal', value: (r) => `${r.fromKab} ${r.fromKabName}`, width: 24 },
  { header: 'Wilayah Asal', value: (r) => r.fromKodeWilayah, width: 12 },
  { header: 'Desa/Kelurahan Asal', value: (r) => r.fromDesaName, width: 22 },
  { header: 'Kab/Kota Tujuan', value: (r) => `${r.toKab} ${r.toKabName}`, width: 24 },
  { header: 'Wilayah Tujuan', value: (r) => r.toKodeWilayah, width: 12 },
  { header: 'Desa/Kelurahan Tujuan', value: (r) => r.toDesaName, width: 22 },
  { header: 'Alasan', value: (r) => r.reason, width: 30 },
  { header: 'Tanggal', value: (r) => day(r.fromKab, r.createdAt), width: 12 },
  { header: 'Oleh', value: (r) => r.createdBy },
  { header: 'Tanggal Keputusan', value: (r) => day(r.toKab, r.decidedAt), width: 12 },
  { header: 'Diputuskan Oleh', value: (r) => r.decidedBy },
  { header: 'Alasan Keputusan', value: (r) => r.decisionReason, width: 30 },
];

const DIRECTION_TEXT = {
  in: { id: 'pemindahan masuk', en: 'moves in' },
  out: { id: 'pemindahan keluar', en: 'moves out' },
  pending: { id: 'pemindahan menunggu diterima', en: 'hand-overs waiting to be accepted' },
} as const;

/**
 * The moves of the list's filter as xlsx or csv, streamed a page at a time; the download is logged
 * (filter and row count) before anything is sent. Rows carry the same summary as the list.
 */
export async function prepareRelocationExport(
  ctx: AppContext,
  actor: Actor,
  query: In<typeof api.RelocationExportQuerySchema>,
): Promise<StreamedDownload> {
  const { format, ...rest } = query;
  const f = filterOf(actor, rest);
  const { db } = ctx.database;
  const rows = await q.countRelocations(db, f);
  const where = f.kab ?? (actor.regions.length > 0 ? actor.regions.join('-') : 'nasional');
  const name = DIRECTION_TEXT[f.direction];
  await ctx.database.transaction((tx) =>
    recordAudit(tx, {
      actor: auditActor(actor),
      action: 'RELOCATION_EXPORT',
      text: {
        id: `Download daftar ${name.id} ${where} (${format}, ${rows.toLocaleString('id-ID')} baris)`,
        en: `Downloaded the list of ${name.en} ${where} (${format}, ${rows.toLocaleString('en-US')} rows)`,
      },
      subject: 'list:relocations',
      regionCode: f.kab ?? actor.regions[0]?.slice(0, logRegionLength(actor.role)) ?? null,
      details: {
        format,
        rows,
        masked: !allows(actor, 'personal:unmasked'),
        filter: { direction: f.direction, kab: f.kab, status: f.status ?? null, kind: f.kind ?? null, idbdt: f.idbdt ?? null },
      },
    }),
  );
  async function* items() {
    for await (const r of q.streamRelocations(db, f)) yield toItem(r);
  }
  const table = { name: 'Pemindahan', columns: EXPORT_COLUMNS, rows: items() };
  const fileName = `Pemindahan_${f.direction}_${where}_${districtDate(f.kab ?? actor.regions[0] ?? null, now())}.${format}`;
  return format === 'xlsx'
    ? { fileName, contentType: XLSX_TYPE, write: (out) => writeXlsx(out, [table]) }
    : { fileName, contentType: CSV_TYPE, write: (out) => writeCsv(out, table) };
}

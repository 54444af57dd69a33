// Usulan PKH (issue 10, F11b): the supervisor sees the district's AKTIF households with their PKH
// components (derived from the present members at the district's today), nominates some, and
// Pusdatin accepts or refuses each nomination. Every change writes its history and its log entry
// in the same transaction; the members' ada_pkh follows the DITERIMA
// nominations where it is read (programs/flags.ts).
import type { z } from 'zod';
import {
  PKH_COMPONENTS,
  type PkhCandidateQuerySchema,
  type PkhComponents,
  type PkhDecisionBodySchema,
  type PkhExportQuerySchema,
  type PkhNominationQuerySchema,
  type PkhStatus,
} from '../../../shared/api/pkh.ts';
import { logRegionLength } from '../../../shared/roles.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, errorCatalogue, notFound, type ErrorCode } from '../../platform/errors.ts';
import { initials, maskRecord } from '../../platform/masking.ts';
import { actingDistrict, allows, assertCan } from '../../platform/policy.ts';
import { type Actor, districtOf, inScope } from '../../platform/scope.ts';
import {
  CSV_TYPE,
  type Column,
  type ExportQuery,
  filterTexts,
  loggedExport,
  maskedRows,
  type StreamedDownload,
  writeCsv,
  writeXlsx,
  XLSX_TYPE,
} from '../finalisations/index.ts';
import * as q from './pkh.queries.ts';

export type PkhCandidateQuery = z.output<typeof PkhCandidateQuerySchema>;
export type PkhNominationQuery = z.output<typeof PkhNominationQuerySchema>;
export type PkhExportQuery = z.output<typeof PkhExportQuerySchema>;
export type PkhDecision = z.output<typeof PkhDecisionBodySchema>;

const auditActor = (actor: Actor) => ({ id: actor.userId, username: actor.username });

/** An AppError whose message names the households it is about (at most five, then "…"). */
function aboutHouseholds(code: ErrorCode, idbdts: readonly string[]): AppError {
  const list = idbdts.slice(0, 5).join(', ') + (idbdts.length > 5 ? ', …' : '');
  const c = errorCatalogue[code];
  return new AppError(code, { idbdt: idbdts }, { id: `${c.id} IDBDT: ${list}`, en: `${c.en} IDBDT: ${list}` });
}

/** The nomination list's district: the one named (404 outside the scope), else the caller's own, else the whole scope. */
function listDistrict(actor: Actor, kab: string | undefined): string | undefined {
  assertCan(actor, 'program:read', kab);
  return kab ?? districtOf(actor);
}

const masked = (actor: Actor) => !allows(actor, 'personal:unmasked');

/**
 * One page of the AKTIF households of a district with at least one PKH component, each with its
 * components and open nomination, lowest persentil first; names masked for roles without personal:unmasked.
 */
export async function listCandidates(ctx: AppContext, actor: Actor, query: PkhCandidateQuery) {
  const kab = listDistrict(actor, query.kab);
  if (!kab) throw new AppError('PKH_DISTRICT_REQUIRED');
  const asOf = districtDate(kab, now());
  const { items, total } = await q.pageCandidates(ctx.database.db, { ...query, kab, asOf });
  return {
    items: masked(actor) ? items.map((i) => maskRecord(i, i.nama_desa)) : items,
    total,
    page: query.page,
    pageSize: query.pageSize,
    asOf,
  };
}

function maskNominations<T extends q.NominationRow>(actor: Actor, rows: T[]): T[] {
  return masked(actor) ? rows.map((r) => maskRecord(r, r.nama_desa)) : rows;
}

/**
 * Nominates AKTIF households of the supervisor's district for PKH, all or none: an IDBDT outside
 * the district is 404; a household that is NONAKTIF or has no PKH component, or that has an open
 * nomination already, refuses the whole request with the IDBDTs named. One log entry per request.
 */
export async function nominateHouseholds(ctx: AppContext, actor: Actor, body: { idbdt: string[] }) {
  const kab = actingDistrict(actor, 'pkh:nominate');
  const idbdts = [...new Set(body.idbdt)];
  const at = now();
  const asOf = districtDate(kab, at);
  return ctx.database.transaction(async (tx) => {
    const found = await q.householdsWithComponents(tx, kab, idbdts, asOf);
    if (found.length < idbdts.length) {
      const known = new Set(found.map((h) => h.idbdt));
      throw notFound({ idbdt: idbdts.filter((i) => !known.has(i)) });
    }
    const notEligible = found.filter((h) => h.status !== 'AKTIF' || !h.any).map((h) => h.idbdt);
    if (notEligible.length > 0) throw aboutHouseholds('PKH_NOT_ELIGIBLE', notEligible);
    const inserted = await q.insertNominations(tx, kab, found, actor.userId, at);
    if (inserted.length < found.length) {
      const made = new Set(inserted.map((n) => n.idbdt));
      throw aboutHouseholds(
        'PKH_ALREADY_NOMINATED',
        found.filter((h) => !made.has(h.idbdt)).map((h) => h.idbdt),
      );
    }
    await q.insertHistory(
      tx,
      kab,
      inserted.map((n) => ({ nominationId: n.id, from: null, to: 'DIUSULKAN', reason: null })),
      actor.userId,
      at,
    );
    const one = inserted.length === 1 ? inserted[0]!.idbdt : null;
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'PKH_NOMINATE',
      text: one
        ? { id: `Usulan PKH: rumah tangga ${one} diusulkan`, en: `PKH nomination: household ${one} nominated` }
        : {
            id: `Usulan PKH: ${inserted.length} rumah tangga diusulkan`,
            en: `PKH nomination: ${inserted.length} households nominated`,
          },
      subject: one ? `household:${one}` : null,
      regionCode: kab,
      details: { count: inserted.length, idbdt: inserted.map((n) => n.idbdt), nominations: inserted.map((n) => n.id) },
    });
    const items = await q.nominationsByIds(tx, { scope: () => inScope(actor, 'n.kab_kota'), ids: inserted.map((n) => n.id) });
    return { items: maskNominations(actor, items) };
  });
}

/** One page of PKH nominations in the actor's scope (a district, a province, the nation), newest first; masked for roles without personal:unmasked. */
export async function listNominations(ctx: AppContext, actor: Actor, query: PkhNominationQuery) {
  const kab = listDistrict(actor, query.kab);
  const { items, total } = await q.pageNominations(ctx.database.db, {
    ...query,
    kab,
    scope: (column) => inScope(actor, column),
  });
  return { items: maskNominations(actor, items), total, page: query.page, pageSize: query.pageSize };
}

// DITOLAK is final (the supervisor may nominate again); DITERIMA may still be withdrawn (DITOLAK).
const NEXT: Record<PkhStatus, readonly PkhStatus[]> = { DIUSULKAN: ['DITERIMA', 'DITOLAK'], DITERIMA: ['DITOLAK'], DITOLAK: [] };

/**
 * Pusdatin's decision on a nomination (404 when missing): DIUSULKAN → DITERIMA or DITOLAK,
 * DITERIMA → DITOLAK; DITOLAK needs a reason. The members' ada_pkh follows (derived on read).
 */
export async function decideNomination(ctx: AppContext, actor: Actor, id: number, decision: PkhDecision) {
  assertCan(actor, 'pkh:decide');
  const reason = decision.reason?.trim() || null;
  const at = now();
  return ctx.database.transaction(async (tx) => {
    const scope = (column: string) => inScope(actor, column);
    const n = await q.lockNomination(tx, id, scope);
    if (!n) throw notFound();
    const from = n.status as PkhStatus;
    const to = decision.status;
    if (!NEXT[from].includes(to)) {
      const c = errorCatalogue.PKH_DECISION_NOT_ALLOWED;
      throw new AppError('PKH_DECISION_NOT_ALLOWED', { from, to }, { id: `${c.id} (${from} → ${to})`, en: `${c.en} (${from} → ${to})` });
    }
    if (to === 'DITOLAK' && !reason) throw new AppError('PKH_REASON_REQUIRED');
    const nomination = { kab_kota: n.kab_kota, id: Number(n.id) };
    await q.updateStatus(tx, nomination, to, reason, actor.userId, at);
    await q.insertHistory(tx, n.kab_kota, [{ nominationId: nomination.id, from, to, reason }], actor.userId, at);
    const word = to === 'DITERIMA' ? { id: 'diterima', en: 'accepted' } : { id: 'ditolak', en: 'refused' };
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'PKH_DECIDE',
      text: {
        id: `Usulan PKH rumah tangga ${n.idbdt} ${word.id}${reason ? `: ${reason}` : ''}`,
        en: `PKH nomination of household ${n.idbdt} ${word.en}${reason ? `: ${reason}` : ''}`,
      },
      subject: `household:${n.idbdt}`,
      regionCode: n.kab_kota,
      details: { nomination: nomination.id, from, to, reason },
    });
    const [item] = await q.nominationsByIds(tx, { scope, ids: [nomination.id] });
    return maskNominations(actor, [item!])[0]!;
  });
}

const COMPONENT_HEADERS: Record<keyof PkhComponents, string> = {
  ibu_hamil: 'Ibu Hamil',
  anak_usia_dini: 'Anak Usia Dini (<6)',
  anak_sekolah: 'Anak Sekolah (6-21)',
  lansia: 'Lansia (>=60)',
  disabilitas_berat: 'Disabilitas Berat',
};

function exportColumns(mask: boolean): Column<q.NominationRow>[] {
  const day = (kab: string, d: Date | null) => (d ? districtDate(kab, d) : null);
  return [
    { header: 'ID Usulan', value: (r) => r.id },
    { header: 'Kab/Kota', value: (r) => r.kab_kota },
    { header: 'IDBDT', value: (r) => r.idbdt, width: 18 },
    { header: 'Kode Wilayah', value: (r) => r.kode_wilayah, width: 12 },
    { header: 'Desa/Kelurahan', value: (r) => r.nama_desa, width: 24 },
    { header: 'Nama KRT', value: (r) => (mask ? initials(r.nama_krt) : r.nama_krt), width: 28 },
    { header: 'Persentil', value: (r) => r.persentil },
    ...PKH_COMPONENTS.map((c): Column<q.NominationRow> => ({ header: COMPONENT_HEADERS[c], value: (r) => r.components[c] ?? 0 })),
    { header: 'Status', value: (r) => r.status },
    { header: 'Tanggal Usulan', value: (r) => day(r.kab_kota, r.nominated_at) },
    { header: 'Diusulkan Oleh', value: (r) => r.nominated_by },
    { header: 'Tanggal Keputusan', value: (r) => day(r.kab_kota, r.decided_at) },
    { header: 'Diputuskan Oleh', value: (r) => r.decided_by },
    { header: 'Alasan', value: (r) => r.decision_reason, width: 30 },
  ];
}

/**
 * The PKH nominations of the filter (in the actor's scope) as xlsx or csv, streamed; the download
 * is logged before anything is sent, and names are masked for roles without personal:unmasked.
 */
export async function prepareNominationExport(ctx: AppContext, actor: Actor, query: PkhExportQuery): Promise<StreamedDownload> {
  const kab = listDistrict(actor, query.kab);
  const mask = masked(actor);
  const filter: q.NominationFilter = { ...query, kab, scope: (column) => inScope(actor, column) };
  const where = kab ?? (actor.regions.length > 0 ? actor.regions.join(',') : 'nasional');
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'PKH_EXPORT',
      text: {
        id: `Download daftar Usulan PKH ${where} (${query.format})`,
        en: `Downloaded the PKH nomination list ${where} (${query.format})`,
      },
      regionCode: kab ?? actor.regions[0]?.slice(0, logRegionLength(actor.role)) ?? null,
      details: {
        format: query.format,
        kab: kab ?? null,
        kecamatan: query.kecamatan ?? null,
        desa: query.desa ?? null,
        status: query.status ?? null,
        masked: mask,
      },
    });
  });
  const table = { name: 'Usulan PKH', columns: exportColumns(mask), rows: q.nominationRows(ctx.database.db, filter) };
  const base = `Usulan_PKH_${where.replace(/,/g, '-')}_${districtDate(kab ?? null, now())}`;
  return query.format === 'xlsx'
    ? { fileName: `${base}.xlsx`, contentType: XLSX_TYPE, write: (out) => writeXlsx(out, [table]) }
    : { fileName: `${base}.csv`, contentType: CSV_TYPE, write: (out) => writeCsv(out, table) };
}

/**
 * The PKH candidates of the list's filters (one district) as xlsx or csv, streamed a page at a
 * time; masked like the list, logged with the filter and the row count before anything is sent.
 */
export async function exportCandidates(ctx: AppContext, actor: Actor, query: ExportQuery<PkhCandidateQuery>): Promise<StreamedDownload> {
  const { format, ...filter } = query;
  const kab = listDistrict(actor, filter.kab);
  if (!kab) throw new AppError('PKH_DISTRICT_REQUIRED');
  const mask = masked(actor);
  const asOf = districtDate(kab, now());
  const f = { ...filter, kab, asOf };
  const { db } = ctx.database;
  const columns: Column<q.Candidate>[] = [
    { header: 'IDBDT', value: (r) => r.idbdt, width: 18 },
    { header: 'Kode Wilayah', value: (r) => r.kode_wilayah, width: 12 },
    { header: 'Kecamatan', value: (r) => r.nama_kecamatan, width: 22 },
    { header: 'Desa/Kelurahan', value: (r) => r.nama_desa, width: 24 },
    { header: 'Nama KRT', value: (r) => r.nama_krt, width: 28 },
    { header: 'Jumlah ART', value: (r) => r.jumlah_art },
    { header: 'Persentil', value: (r) => r.persentil },
    ...PKH_COMPONENTS.map((c): Column<q.Candidate> => ({ header: COMPONENT_HEADERS[c], value: (r) => r.components[c] })),
    { header: 'Status Usulan PKH', value: (r) => r.nomination?.status ?? null },
  ];
  return loggedExport(ctx, actor, {
    format,
    action: 'EXPORT_PKH_CANDIDATES',
    name: { id: 'daftar calon PKH', en: 'PKH candidate list' },
    filter: filterTexts({ ...filter, kab }),
    rows: (await q.pageCandidates(db, { ...f, page: 1, pageSize: 1 })).total,
    subject: 'list:pkh-candidates',
    regionCode: kab,
    details: { masked: mask, asOf, filter: { ...filter, kab } },
    fileName: `Calon_PKH_${kab}_${asOf}`,
    table: { name: 'Calon PKH', columns, rows: maskedRows(q.streamCandidates(db, f), mask) },
  });
}

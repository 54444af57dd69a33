import { randomUUID } from 'node:crypto';
import { dictionary } from '../../../shared/dictionary/index.ts';
import { seesMaskedPersonalData } from '../../../shared/roles.ts';
import { checkpointOfFinalisation, recordAudit, writeAuditCheckpoint } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { ImageContentType } from '../../platform/db-schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { maskFieldValue } from '../../platform/masking.ts';
import { actingDistrict, assertCan } from '../../platform/policy.ts';
import { inScope, regionInScope, type Actor } from '../../platform/scope.ts';
import { findOpenPeriod, type PeriodRow } from '../periods/index.ts';
import { districtLetterProfile } from '../profiles/index.ts';
import { findRegion, listRegionsUnder } from '../regions/index.ts';
import { computeDataHash, finalisedProposals, snapshots } from './finalisations.hash.ts';
import { letterNumberOf, renderLetter, type LetterData } from './finalisations.letter.ts';
import * as q from './finalisations.queries.ts';
import { approvedOf, buildRecap, VERVAL_RESULTS, type ProposalRecap } from './finalisations.recap.ts';
import { CSV_TYPE, writeCsv, writeXlsx, XLSX_TYPE, type Column, type StreamedDownload, type Table } from './tabular.ts';

// F8 Finalisasi: the supervisor previews the district's decisions of the open period, then
// freezes them. MENUNGGU proposals block a finalisation (they have no decision yet). Every other
// status is a decision and is finalised: DISETUJUI, SEBAGIAN, DITOLAK, GAGAL_VALIDASI, and also
// PERLU_PERBAIKAN — returning a proposal to its operator is the supervisor's decision on that
// proposal; the operator's correction arrives as a new proposal (a new proposalId, since a known
// id is a duplicate forever) in a later package, which a later finalisation (2, 3, …) covers.
// A finalisation, its proposals and its household snapshot never change afterwards (triggers of
// migration 0010), so its letter and its data download stay the same forever.

const WAITING_SHOWN = 50;

const ownDistrict = (actor: Actor): string => actingDistrict(actor, 'finalisation:manage');

async function openPeriodOrThrow(ctx: AppContext): Promise<PeriodRow> {
  const period = await findOpenPeriod(ctx);
  if (!period) throw new AppError('NO_OPEN_PERIOD');
  return period;
}

/** What the letter needs from the profile and is missing. */
export type ProfileField = 'namaInstansi' | 'alamat' | 'namaBupati' | 'pengesahNama' | 'pengesahNip';

async function letterDataOf(
  ctx: AppContext,
  kab: string,
  period: PeriodRow,
): Promise<{ data: LetterData | null; missing: ProfileField[]; logo: { data: Buffer; contentType: ImageContentType } | null }> {
  const p = await districtLetterProfile(ctx, kab);
  const missing: ProfileField[] = [];
  if (!p.namaInstansi?.trim()) missing.push('namaInstansi');
  if (!p.alamat?.trim()) missing.push('alamat');
  if (!p.namaBupati?.trim()) missing.push('namaBupati');
  if (!p.pengesah.nama?.trim()) missing.push('pengesahNama');
  if (!p.pengesah.nip?.trim()) missing.push('pengesahNip');
  const logo = p.logo ? { data: Buffer.from(p.logo.data), contentType: p.logo.contentType } : null;
  if (missing.length > 0) return { data: null, missing, logo };
  const sameAsKepala = p.kepalaDinas.nama === p.pengesah.nama && p.kepalaDinas.nip === p.pengesah.nip;
  return {
    data: {
      kab: { code: p.kab.code, name: p.kab.name },
      namaInstansi: p.namaInstansi!,
      alamat: p.alamat!,
      nomorTelepon: p.nomorTelepon,
      namaBupati: p.namaBupati!,
      kepalaDinas: p.kepalaDinas,
      pengesah: { nama: p.pengesah.nama!, nip: p.pengesah.nip! },
      pengesahIsKepalaDinas: sameAsKepala,
      period: { code: period.code, name: period.name, skNumber: period.sk_number },
    },
    missing,
    logo,
  };
}

async function districtRegions(db: Db, kab: string) {
  const [kecamatan, desa] = await Promise.all([listRegionsUnder(db, kab, 'kecamatan'), listRegionsUnder(db, kab, 'desa')]);
  return {
    kecamatan: kecamatan.map((k) => ({ code: k.code, name: k.name })),
    desaNames: new Map(desa.map((d) => [d.code, d.name])),
  };
}

/** What names a finalisation and its letter: district, period, its number there, the letter's number. */
interface LetterHeading {
  kab: { code: string; name: string };
  period: { code: string; name: string };
  number: number;
  letterNumber: string;
}

function headingOf(r: {
  kab_kota: string;
  kab_name: string;
  period: string;
  period_name: string;
  number: number;
  letter_number: string;
}): LetterHeading {
  return {
    kab: { code: r.kab_kota, name: r.kab_name },
    period: { code: r.period, name: r.period_name },
    number: r.number,
    letterNumber: r.letter_number,
  };
}

/** A finalisation as lists show it. */
export interface FinalisationSummary extends LetterHeading {
  id: number;
  publicId: string;
  createdAt: Date;
  createdBy: string;
  proposals: number;
  households: number;
  dataSha256: string;
}

function presentSummary(r: q.FinalisationSummaryRow): FinalisationSummary {
  return {
    id: r.id,
    publicId: r.public_id,
    ...headingOf(r),
    createdAt: r.created_at,
    createdBy: r.created_by_username,
    proposals: r.proposal_count,
    households: r.household_count,
    dataSha256: r.data_sha256,
  };
}

/** The preview of the next finalisation of the supervisor's district in the open period. */
export interface FinalisationPreview {
  kab: { code: string; name: string };
  period: { code: string; name: string; skNumber: string | null };
  nextNumber: number;
  /** Proposals of the period not finalised yet, waiting ones included. */
  recap: ProposalRecap;
  /** Proposals still MENUNGGU: they block the finalisation (the first 50, oldest first). */
  waiting: { total: number; items: q.WaitingProposal[] };
  /** Decided proposals the finalisation would freeze. */
  toFinalise: number;
  /** Profile fields the letter needs and that are empty. */
  profileMissing: ProfileField[];
  canFinalise: boolean;
  /** Earlier finalisations of this district in this period, newest first. */
  previous: FinalisationSummary[];
}

/** F8 preview: counts by status and result, per kecamatan and desa, and what blocks finalising. */
export async function previewFinalisation(ctx: AppContext, actor: Actor): Promise<FinalisationPreview> {
  const kab = ownDistrict(actor);
  const period = await openPeriodOrThrow(ctx);
  const { db } = ctx.database;
  const [region, regions, perDesa, waitingItems, nextNumber, letter, previous] = await Promise.all([
    findRegion(db, kab),
    districtRegions(db, kab),
    q.countOpenProposalsByDesa(db, kab, period.code),
    q.listWaiting(db, kab, period.code, WAITING_SHOWN),
    q.nextNumber(db, kab, period.code),
    letterDataOf(ctx, kab, period),
    q.listFinalisations(db, { scope: inScope(actor, 'f.kab_kota'), kab, period: period.code, offset: 0, limit: 100 }),
  ]);
  const recap = buildRecap(regions.kecamatan, regions.desaNames, perDesa);
  const waiting = recap.totals.status.MENUNGGU;
  const toFinalise = recap.totals.proposals - waiting;
  return {
    kab: { code: kab, name: region?.name ?? kab },
    period: { code: period.code, name: period.name, skNumber: period.sk_number },
    nextNumber,
    recap,
    waiting: { total: waiting, items: waitingItems },
    toFinalise,
    profileMissing: letter.missing,
    canFinalise: waiting === 0 && toFinalise > 0 && letter.missing.length === 0,
    previous: previous.items.map(presentSummary),
  };
}

/** A finalisation with its recap (as stored) and the letter's data. */
export interface FinalisationDetail extends FinalisationSummary {
  recap: ProposalRecap;
  letter: LetterData;
}

/**
 * F8 Finalisasi: freezes every decided, not yet finalised proposal of the supervisor's district
 * in the open period, in one transaction: the marks, the household snapshot, the recap, the data
 * hash, the immutable finalisation record and the log entry "Melakukan Finalisasi BDT ke-n".
 * Refused while proposals wait, when nothing is new, when the letter's profile data is missing,
 * and — when `expected` (the count the user confirmed in the preview) is given — when the number
 * of proposals to finalise has changed since.
 */
export async function finalisePeriod(ctx: AppContext, actor: Actor, input: { expected?: number } = {}): Promise<FinalisationDetail> {
  const kab = ownDistrict(actor);
  const period = await openPeriodOrThrow(ctx);
  const letter = await letterDataOf(ctx, kab, period);
  const { kecamatan, desaNames } = await districtRegions(ctx.database.db, kab);
  const id = await ctx.database.transaction(async (tx) => {
    await q.lockDistrictFinalisation(tx, kab);
    const open = buildRecap(kecamatan, desaNames, await q.countOpenProposalsByDesa(tx, kab, period.code)).totals;
    const waiting = open.status.MENUNGGU;
    if (waiting > 0) {
      throw new AppError(
        'FINALISATION_WAITING',
        { waiting },
        {
          id: `Masih ada ${waiting.toLocaleString('id-ID')} usulan berstatus MENUNGGU. Selesaikan Verifikasi Usulan terlebih dahulu, lalu lakukan Finalisasi.`,
          en: `${waiting.toLocaleString('en-US')} proposals are still waiting (MENUNGGU). Finish Verifikasi Usulan first, then finalise.`,
        },
      );
    }
    if (open.proposals === 0) throw new AppError('FINALISATION_NOTHING_NEW');
    if (!letter.data) throw new AppError('FINALISATION_PROFILE_INCOMPLETE', { missing: letter.missing });
    if (input.expected !== undefined && input.expected !== open.proposals)
      throw new AppError('FINALISATION_STALE', { expected: input.expected, now: open.proposals });

    const number = await q.nextNumber(tx, kab, period.code);
    const id = await q.newFinalisationId(tx);
    const proposals = await q.markDecided(tx, kab, period.code, id);
    const households = await q.snapshotHouseholds(tx, id);
    const recap = buildRecap(kecamatan, desaNames, await q.countFinalisedByDesa(tx, id));
    const dataSha256 = await computeDataHash(tx, { id, kab, period: period.code, number, proposals, households });
    const letterNumber = letterNumberOf(number, kab, period.code);
    await q.insertFinalisation(tx, {
      id,
      publicId: randomUUID(),
      kab,
      period: period.code,
      number,
      letterNumber,
      createdAt: now(),
      createdBy: actor.userId,
      createdByUsername: actor.username,
      proposalCount: proposals,
      householdCount: households,
      recap,
      letter: letter.data,
      logo: letter.logo,
      dataSha256,
    });
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'FINALISE_PERIOD',
      text: { id: `Melakukan Finalisasi BDT ke-${number}`, en: `Finalised BDT (finalisation ${number})` },
      subject: `finalisation:${id}`,
      regionCode: kab,
      details: {
        period: period.code,
        number,
        letterNumber,
        proposals,
        households,
        dataSha256,
        approved: approvedOf(recap.totals),
        rejected: recap.totals.status.DITOLAK,
      },
    });
    // The log's anchor at this finalisation, printed on its letter (docs/adr/0012-audit-anchor.md).
    await writeAuditCheckpoint(tx, { reason: 'FINALISATION', finalisationId: id });
    return id;
  });
  return loadDetail(ctx, id);
}

async function loadDetail(ctx: AppContext, id: number): Promise<FinalisationDetail> {
  const row = await q.findFinalisation(ctx.database.db, id);
  if (!row) throw notFound();
  return { ...presentSummary(row), recap: row.recap as ProposalRecap, letter: row.letter as LetterData };
}

/**
 * A finalisation the actor may read: 403 for a role that reads no letters, whatever the id (it
 * learns nothing of what exists), then "not found" unless its district lies in the scope.
 */
async function visibleSummary(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'letter:read');
  const row = await q.findFinalisationSummary(ctx.database.db, id);
  if (!row || !regionInScope(actor, row.kab_kota)) throw notFound();
  return row;
}

/** One finalisation with its recap (its district in the actor's scope). */
export async function getFinalisation(ctx: AppContext, actor: Actor, id: number): Promise<FinalisationDetail> {
  await visibleSummary(ctx, actor, id);
  return loadDetail(ctx, id);
}

/** Finalisations in the actor's scope (optionally of one district and period), newest first, paged. */
export async function listFinalisations(
  ctx: AppContext,
  actor: Actor,
  query: { kab?: string; period?: string; page: number; pageSize: number },
) {
  assertCan(actor, 'letter:read', query.kab);
  const r = await q.listFinalisations(ctx.database.db, {
    scope: inScope(actor, 'f.kab_kota'),
    kab: query.kab,
    period: query.period,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: r.items.map(presentSummary), total: r.total, page: query.page, pageSize: query.pageSize };
}

/** The last finalisation of a district (any period), as release.json `finalization` carries it. */
export async function lastFinalisationOf(db: Db, kab: string): Promise<{ period: string; number: number } | null> {
  const r = await q.findLastFinalisation(db, kab);
  return r ? { period: r.period, number: r.number } : null;
}

/** Whether an error is the database refusing to change a finalised proposal (trigger, SQLSTATE SKF01). */
export function isFinalisedProposalError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SKF01';
}

// ---- Surat Pengesahan ------------------------------------------------------------------------

/** The public address of a letter's verification page. */
export function verifyUrlOf(origin: string, publicId: string): string {
  return `${origin.replace(/\/+$/, '')}/verifikasi/${publicId}`;
}

/**
 * The Surat Pengesahan of a finalisation as PDF bytes (its district in the actor's scope); the
 * download is logged. `origin` (scheme://host of the request) makes the verification address.
 */
export async function downloadLetter(
  ctx: AppContext,
  actor: Actor,
  id: number,
  origin: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  await visibleSummary(ctx, actor, id);
  const f = await q.findFinalisation(ctx.database.db, id);
  if (!f) throw notFound();
  const bytes = await renderLetter({
    letterNumber: f.letter_number,
    number: f.number,
    createdAt: f.created_at,
    dataSha256: f.data_sha256,
    recap: f.recap as ProposalRecap,
    letter: f.letter as LetterData,
    logo: f.letter_logo && f.letter_logo_type ? { data: f.letter_logo, contentType: f.letter_logo_type } : null,
    verifyUrl: verifyUrlOf(origin, f.public_id),
    auditCheckpoint: await checkpointOfFinalisation(ctx.database.db, id),
  });
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'DOWNLOAD_LETTER',
      text: {
        id: `Download Surat Pengesahan ${f.letter_number}`,
        en: `Downloaded the approval letter ${f.letter_number}`,
      },
      subject: `finalisation:${id}`,
      regionCode: f.kab_kota,
      details: { period: f.period, number: f.number },
    });
  });
  return { fileName: `Surat_Pengesahan_BDT_${f.kab_kota}_${f.period}_ke-${f.number}.pdf`, bytes };
}

/** What the public verification page shows of a letter: nothing personal. */
export interface LetterVerification extends LetterHeading {
  finalisedAt: Date;
  dataSha256: string;
  totals: { proposals: number; perbaikan: number; usulanBaru: number; approved: number; rejected: number };
  /** Whether the `hash` asked about equals the stored one; null when none was given. */
  matches: boolean | null;
}

/** Public check of a letter by the id on its QR code (no login): "not found" for an unknown id. */
export async function verifyLetter(ctx: AppContext, publicId: string, hash?: string): Promise<LetterVerification> {
  const f = await q.findByPublicId(ctx.database.db, publicId);
  if (!f) throw notFound();
  const totals = (f.recap as ProposalRecap).totals;
  return {
    ...headingOf(f),
    finalisedAt: f.created_at,
    dataSha256: f.data_sha256,
    totals: {
      proposals: totals.proposals,
      perbaikan: totals.perbaikan,
      usulanBaru: totals.usulanBaru,
      approved: approvedOf(totals),
      rejected: totals.status.DITOLAK,
    },
    matches: hash === undefined ? null : hash.trim().toLowerCase() === f.data_sha256,
  };
}

// ---- finalised data download -----------------------------------------------------------------

export type DataFormat = 'xlsx' | 'csv';
/** The tables of the finalised data: proposals with decisions, households, members. */
export type DataTable = 'usulan' | 'ruta' | 'art';

type ProposalRow = q.FinalisedProposalRow;
type Snapshot = { idbdt: string; kode_wilayah: string; record: Record<string, unknown> };
type MemberRow = Record<string, unknown> & { idbdt: string };

const RESULT_LABEL = new Map<number, string>(VERVAL_RESULTS.map((r) => [r.code, r.label]));
const list = (v: unknown) =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join('; ') : null;
const errorList = (v: unknown) =>
  Array.isArray(v) && v.length > 0
    ? v.map((e) => `${(e as { path?: string }).path ?? ''} ${(e as { code?: string }).code ?? ''}`.trim()).join('; ')
    : null;
const cellOf = (v: unknown) =>
  v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);

function proposalColumns(masked: boolean): Column<ProposalRow>[] {
  const name = (v: string | null) => (masked ? (maskFieldValue('nama_krt', v, null) as string | null) : v);
  return [
    { header: 'ID Usulan', value: (p) => p.id, width: 38 },
    { header: 'Jenis', value: (p) => p.type, width: 13 },
    { header: 'IDBDT', value: (p) => p.idbdt ?? (p.assigned as { idbdt?: string } | null)?.idbdt ?? null, width: 18 },
    { header: 'Kode Wilayah', value: (p) => p.kode_wilayah, width: 13 },
    { header: 'Kecamatan', value: (p) => p.kecamatan_name, width: 20 },
    { header: 'Desa/Kelurahan', value: (p) => p.desa_name, width: 20 },
    { header: 'Nama Kepala Rumah Tangga', value: (p) => name(p.nama_krt), width: 26 },
    { header: 'Alamat', value: (p) => (masked ? p.desa_name : p.alamat), width: 30 },
    { header: 'Hasil Verval', value: (p) => p.verval_result },
    {
      header: 'Keterangan Hasil Verval',
      value: (p) => (p.verval_result ? (RESULT_LABEL.get(p.verval_result) ?? null) : null),
      width: 20,
    },
    { header: 'Ganda dengan IDBDT', value: (p) => p.duplicate_of, width: 18 },
    { header: 'Bagian dari IDBDT', value: (p) => p.merge_into, width: 18 },
    { header: 'Tanggal Kunjungan', value: (p) => p.visited_at },
    { header: 'Tanggal Musdes', value: (p) => p.musdes_at },
    { header: 'Operator', value: (p) => p.operator_username, width: 16 },
    { header: 'Konflik', value: (p) => p.conflict },
    { header: 'Status', value: (p) => p.status, width: 16 },
    { header: 'Diputuskan', value: (p) => p.decided_at?.toISOString() ?? null, width: 24 },
    { header: 'Diputuskan oleh', value: (p) => p.decided_by_username, width: 18 },
    { header: 'Alasan', value: (p) => p.decision_reason, width: 30 },
    { header: 'Bagian Disetujui', value: (p) => list(p.accepted_fields), width: 24 },
    { header: 'Bagian Ditolak', value: (p) => list(p.rejected_fields), width: 24 },
    { header: 'Kesalahan Validasi', value: (p) => errorList(p.errors), width: 30 },
  ];
}

// A masked role's cells go through the one masking rule (platform/masking.ts); `desaNames` gives
// the desa that replaces an address.
type DesaNames = ReadonlyMap<string, string>;

function householdColumns(masked: boolean, desaNames: DesaNames): Column<Snapshot>[] {
  const fields = dictionary.entities.household.map((f) => f.name);
  return [
    ...fields.map(
      (name): Column<Snapshot> => ({
        header: name,
        value: (h) => {
          const v = cellOf(h.record[name]);
          return masked ? (maskFieldValue(name, v, desaNames.get(h.kode_wilayah) ?? null) as typeof v) : v;
        },
      }),
    ),
    { header: 'version', value: (h) => cellOf(h.record.version) },
    { header: 'status', value: (h) => cellOf(h.record.status) },
  ];
}

function memberColumns(masked: boolean): Column<MemberRow>[] {
  const fields = dictionary.entities.member.map((f) => f.name);
  return [
    { header: 'idbdt', value: (m) => m.idbdt },
    ...fields.map(
      (name): Column<MemberRow> => ({
        header: name,
        value: (m) => {
          const v = cellOf(m[name]);
          return masked ? (maskFieldValue(name, v, null) as typeof v) : v;
        },
      }),
    ),
    { header: 'version', value: (m) => cellOf(m.version) },
  ];
}

async function* membersOf(db: Db, finalisationId: number): AsyncGenerator<MemberRow> {
  for await (const h of snapshots(db, finalisationId)) {
    const members = Array.isArray(h.record.members) ? (h.record.members as Record<string, unknown>[]) : [];
    for (const m of members) yield { ...m, idbdt: h.idbdt };
  }
}

/** A prepared download: its name and type, and the writer that streams it. */
export type PreparedDownload = StreamedDownload;

/**
 * The finalised data of a finalisation (its district in scope) as xlsx (three worksheets:
 * Usulan, Rumah Tangga, Anggota Rumah Tangga) or csv (one of those tables), read from the frozen
 * proposals and snapshots, so it is the same on every download. The download of personal data is
 * logged before anything is sent; PROVINSI gets names and numbers masked.
 */
export async function prepareFinalisedData(
  ctx: AppContext,
  actor: Actor,
  id: number,
  format: DataFormat,
  table: DataTable = 'usulan',
): Promise<PreparedDownload> {
  const f = await visibleSummary(ctx, actor, id);
  const masked = seesMaskedPersonalData(actor.role);
  const { db } = ctx.database;
  const desaNames: DesaNames = masked ? new Map((await listRegionsUnder(db, f.kab_kota, 'desa')).map((r) => [r.code, r.name])) : new Map();
  const tables = {
    usulan: (): Table<ProposalRow> => ({
      name: 'Usulan',
      columns: proposalColumns(masked),
      rows: finalisedProposals(db, id),
    }),
    ruta: (): Table<Snapshot> => ({ name: 'Rumah Tangga', columns: householdColumns(masked, desaNames), rows: snapshots(db, id) }),
    art: (): Table<MemberRow> => ({
      name: 'Anggota Rumah Tangga',
      columns: memberColumns(masked),
      rows: membersOf(db, id),
    }),
  };
  const what = format === 'xlsx' ? 'xlsx' : `csv ${table}`;
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'DOWNLOAD_FINALISED_DATA',
      text: {
        id: `Download data hasil Finalisasi BDT ke-${f.number} ${f.period_name} (${what})`,
        en: `Downloaded the data of BDT finalisation ${f.number} ${f.period_name} (${what})`,
      },
      subject: `finalisation:${id}`,
      regionCode: f.kab_kota,
      details: { period: f.period, number: f.number, format, table: format === 'csv' ? table : null, masked },
    });
  });
  const base = `Finalisasi_BDT_${f.kab_kota}_${f.period}_ke-${f.number}`;
  if (format === 'xlsx') {
    return {
      fileName: `${base}.xlsx`,
      contentType: XLSX_TYPE,
      write: (out) => writeXlsx(out, [tables.usulan(), tables.ruta(), tables.art()]),
    };
  }
  return {
    fileName: `${base}_${table}.csv`,
    contentType: CSV_TYPE,
    write: (out) => writeCsv<unknown>(out, tables[table]() as Table<unknown>),
  };
}

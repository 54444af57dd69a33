import { randomUUID } from 'node:crypto';
import { dictionary } from '../../../shared/dictionary/index.ts';
import { REMOVAL_REASONS, type RemovalReason } from '../../../shared/api/programme-line.ts';
import { seesMaskedPersonalData } from '../../../shared/roles.ts';
import { checkpointOfFinalisation, recordAudit, writeAuditCheckpoint } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { ImageContentType } from '../../platform/db-schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { maskFieldValue } from '../../platform/masking.ts';
import { actingDistrict, assertCan } from '../../platform/policy.ts';
import { districtInScope, inScope, regionInScope, type Actor } from '../../platform/scope.ts';
import { findOpenPeriod, type PeriodRow } from '../periods/index.ts';
import { countActive, listQuotas } from '../programs/index.ts';
import { districtLetterProfile } from '../profiles/index.ts';
import { findRegion, listRegionsUnder } from '../regions/index.ts';
import { computeDataHash, computeProgrammeDataHash, finalisedProposals, membershipSnapshots, snapshots } from './finalisations.hash.ts';
import { BERITA_ACARA, letterNumberOf, renderBeritaAcara, renderLetter, type LetterData } from './finalisations.letter.ts';
import * as q from './finalisations.queries.ts';
import {
  approvedOf,
  buildProgrammeRecap,
  buildRecap,
  type ProgrammeModule,
  type ProgrammeRecap,
  type ProposalRecap,
  VERVAL_RESULTS,
} from './finalisations.recap.ts';
import { CSV_TYPE, writeCsv, writeXlsx, XLSX_TYPE, type Column, type StreamedDownload, type Table } from './tabular.ts';

// F8 Finalisasi: the supervisor previews the district's decisions of the open period, then
// freezes them. MENUNGGU proposals block a finalisation (they have no decision yet). Every other
// status is a decision and is finalised: DISETUJUI, SEBAGIAN, DITOLAK, GAGAL_VALIDASI, and also
// PERLU_PERBAIKAN — returning a proposal to its operator is the supervisor's decision on that
// proposal; the operator's correction arrives as a new proposal (a new proposalId, since a known
// id is a duplicate forever) in a later package, which a later finalisation (2, 3, …) covers.
// A finalisation, its proposals and its household snapshot never change afterwards (triggers of
// migration 0010), so its letter and its data download stay the same forever.
//
// BSP and PBI (F10/F11) are finalised the same way, per module (`module`, default BDT; numbered
// 1, 2, … per module, district and period): their waiting proposals block only their own module,
// their decided proposals are frozen by the same trigger, the list memberships their approved
// proposals changed are snapshotted (finalisation_memberships, migration 0019), and the letter is
// the Berita Acara Daftar KPM Perubahan (BSP) or Daftar Peserta PBI-JK Perubahan (PBI). Which
// period a programme proposal belongs to: see ofDistrictPeriod in finalisations.queries.ts (an
// online proposal has no import: it belongs to the period open when it is finalised).

export type FinalisationModule = q.FinalisationModule;

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
  module: FinalisationModule;
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
    module: r.module,
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
  module: FinalisationModule;
  kab: { code: string; name: string };
  period: { code: string; name: string; skNumber: string | null };
  nextNumber: number;
  /** Proposals of the period not finalised yet, waiting ones included (BSP/PBI: as list changes, with quota). */
  recap: ProposalRecap | ProgrammeRecap;
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

/**
 * The recap of a module's proposals: BDT counts by status and result, or BSP/PBI list changes
 * with each programme's AKTIF count and quota in the period (read now).
 */
async function moduleRecap(
  db: Db,
  module: FinalisationModule,
  kab: string,
  period: string,
  regions: Awaited<ReturnType<typeof districtRegions>>,
  of: { open: true } | { finalisationId: number },
): Promise<ProposalRecap | ProgrammeRecap> {
  if (module === 'BDT') {
    const perDesa =
      'open' in of ? await q.countOpenProposalsByDesa(db, kab, period) : await q.countFinalisedByDesa(db, kab, of.finalisationId);
    return buildRecap(regions.kecamatan, regions.desaNames, perDesa);
  }
  // One after the other: `db` may be the finalising transaction's one client.
  const perDesa =
    'open' in of
      ? await q.countOpenProgrammeByDesa(db, kab, period, module)
      : await q.countFinalisedProgrammeByDesa(db, kab, of.finalisationId);
  const active = await countActive(db, kab);
  const quotas = await listQuotas(db, kab, period);
  const quota = Object.fromEntries(quotas.map((r) => [r.program, r.quota]));
  return buildProgrammeRecap(module, regions.kecamatan, regions.desaNames, perDesa, { active, quota });
}

/** Whether a recap is of a BSP/PBI finalisation (list changes) rather than BDT proposals. */
export function isProgrammeRecap(recap: ProposalRecap | ProgrammeRecap): recap is ProgrammeRecap {
  return 'programs' in recap;
}

/** F8 preview (BDT, or BSP/PBI with `module`): counts per kecamatan and desa, and what blocks finalising. */
export async function previewFinalisation(
  ctx: AppContext,
  actor: Actor,
  query: { module?: FinalisationModule } = {},
): Promise<FinalisationPreview> {
  const kab = ownDistrict(actor);
  const module = query.module ?? 'BDT';
  const period = await openPeriodOrThrow(ctx);
  const { db } = ctx.database;
  const [region, regions, waitingItems, nextNumber, letter, previous] = await Promise.all([
    findRegion(db, kab),
    districtRegions(db, kab),
    q.listWaiting(db, kab, period.code, WAITING_SHOWN, module),
    q.nextNumber(db, kab, period.code, module),
    letterDataOf(ctx, kab, period),
    q.listFinalisations(db, { scope: inScope(actor, 'f.kab_kota'), kab, period: period.code, module, offset: 0, limit: 100 }),
  ]);
  const recap = await moduleRecap(db, module, kab, period.code, regions, { open: true });
  const waiting = recap.totals.status.MENUNGGU;
  const toFinalise = recap.totals.proposals - waiting;
  return {
    module,
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
  recap: ProposalRecap | ProgrammeRecap;
  letter: LetterData;
}

// The message of FINALISATION_WAITING: BDT's names Verifikasi Usulan; BSP/PBI name their page.
function waitingError(module: FinalisationModule, waiting: number): AppError {
  if (module === 'BDT')
    return new AppError(
      'FINALISATION_WAITING',
      { waiting },
      {
        id: `Masih ada ${waiting.toLocaleString('id-ID')} usulan berstatus MENUNGGU. Selesaikan Verifikasi Usulan terlebih dahulu, lalu lakukan Finalisasi.`,
        en: `${waiting.toLocaleString('en-US')} proposals are still waiting (MENUNGGU). Finish Verifikasi Usulan first, then finalise.`,
      },
    );
  return new AppError(
    'FINALISATION_WAITING',
    { waiting, module },
    {
      id: `Masih ada ${waiting.toLocaleString('id-ID')} usulan ${module} berstatus MENUNGGU. Selesaikan Verifikasi & Validasi ${module} terlebih dahulu, lalu lakukan Finalisasi ${module}.`,
      en: `${waiting.toLocaleString('en-US')} ${module} proposals are still waiting (MENUNGGU). Finish Verifikasi & Validasi ${module} first, then finalise ${module}.`,
    },
  );
}

/**
 * F8 Finalisasi: freezes every decided, not yet finalised proposal of the module (default BDT) of
 * the supervisor's district in the open period, in one transaction: the marks, the snapshot (BDT:
 * households; BSP/PBI: the list memberships changed), the recap, the data hash, the immutable
 * finalisation record and the log entry "Melakukan Finalisasi <module> ke-n". Refused while
 * proposals of the module wait, when nothing is new, when the letter's profile data is missing,
 * and — when `expected` (the count the user confirmed in the preview) is given — when the number
 * of proposals to finalise has changed since.
 */
export async function finalisePeriod(
  ctx: AppContext,
  actor: Actor,
  input: { expected?: number; module?: FinalisationModule } = {},
): Promise<FinalisationDetail> {
  const kab = ownDistrict(actor);
  const module = input.module ?? 'BDT';
  const period = await openPeriodOrThrow(ctx);
  const letter = await letterDataOf(ctx, kab, period);
  const regions = await districtRegions(ctx.database.db, kab);
  const id = await ctx.database.transaction(async (tx) => {
    await q.lockDistrictFinalisation(tx, kab);
    const open = (await moduleRecap(tx, module, kab, period.code, regions, { open: true })).totals;
    const waiting = open.status.MENUNGGU;
    if (waiting > 0) throw waitingError(module, waiting);
    if (open.proposals === 0) throw new AppError('FINALISATION_NOTHING_NEW');
    if (!letter.data) throw new AppError('FINALISATION_PROFILE_INCOMPLETE', { missing: letter.missing });
    if (input.expected !== undefined && input.expected !== open.proposals)
      throw new AppError('FINALISATION_STALE', { expected: input.expected, now: open.proposals });

    const number = await q.nextNumber(tx, kab, period.code, module);
    const id = await q.newFinalisationId(tx);
    const proposals = await q.markDecided(tx, kab, period.code, id, module);
    const f = { id, module, kab, period: period.code, number, proposals };
    // BDT: the households named; BSP/PBI: the memberships changed (stored as household_count).
    const households = module === 'BDT' ? await q.snapshotHouseholds(tx, kab, id) : await q.snapshotMemberships(tx, kab, id);
    const recap = await moduleRecap(tx, module, kab, period.code, regions, { finalisationId: id });
    const dataSha256 =
      module === 'BDT'
        ? await computeDataHash(tx, { ...f, households })
        : await computeProgrammeDataHash(tx, { ...f, memberships: households });
    const letterNumber = letterNumberOf(number, kab, period.code, module);
    await q.insertFinalisation(tx, {
      module,
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
      text: { id: `Melakukan Finalisasi ${module} ke-${number}`, en: `Finalised ${module} (finalisation ${number})` },
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
    // The anchor of the district's chain at this finalisation, printed on its letter (docs/adr/0012-audit-anchor.md).
    await writeAuditCheckpoint(tx, { reason: 'FINALISATION', finalisationId: id, regionCode: kab });
    return id;
  });
  return loadDetail(ctx, kab, id);
}

async function loadDetail(ctx: AppContext, kab: string, id: number): Promise<FinalisationDetail> {
  const row = await q.findFinalisation(ctx.database.db, kab, id);
  if (!row) throw notFound();
  return { ...presentSummary(row), recap: row.recap as ProposalRecap | ProgrammeRecap, letter: row.letter as LetterData };
}

/**
 * A finalisation the actor may read: 403 for a role that reads no letters, whatever the id (it
 * learns nothing of what exists), then "not found" unless its district lies in the scope.
 */
async function visibleSummary(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'letter:read');
  const row = await q.findFinalisationSummary(ctx.database.db, districtInScope(actor, 'f.kab_kota'), id);
  if (!row || !regionInScope(actor, row.kab_kota)) throw notFound();
  return row;
}

/** One finalisation with its recap (its district in the actor's scope). */
export async function getFinalisation(ctx: AppContext, actor: Actor, id: number): Promise<FinalisationDetail> {
  const row = await visibleSummary(ctx, actor, id);
  return loadDetail(ctx, row.kab_kota, id);
}

/** Finalisations in the actor's scope (optionally of one district, period and module), newest first, paged. */
export async function listFinalisations(
  ctx: AppContext,
  actor: Actor,
  query: { kab?: string; period?: string; module?: FinalisationModule; page: number; pageSize: number },
) {
  assertCan(actor, 'letter:read', query.kab);
  const r = await q.listFinalisations(ctx.database.db, {
    scope: inScope(actor, 'f.kab_kota'),
    kab: query.kab,
    period: query.period,
    module: query.module,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: r.items.map(presentSummary), total: r.total, page: query.page, pageSize: query.pageSize };
}

/** The last BDT finalisation of a district (any period), as release.json `finalization` carries it. */
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
 * The letter of a finalisation as PDF bytes (its district in the actor's scope): the Surat
 * Pengesahan of a BDT finalisation, the Berita Acara of a BSP/PBI one; the download is logged.
 * `origin` (scheme://host of the request) makes the verification address.
 */
export async function downloadLetter(
  ctx: AppContext,
  actor: Actor,
  id: number,
  origin: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const summary = await visibleSummary(ctx, actor, id);
  const f = await q.findFinalisation(ctx.database.db, summary.kab_kota, id);
  if (!f) throw notFound();
  const frame = {
    letterNumber: f.letter_number,
    number: f.number,
    createdAt: f.created_at,
    dataSha256: f.data_sha256,
    letter: f.letter as LetterData,
    logo: f.letter_logo && f.letter_logo_type ? { data: f.letter_logo, contentType: f.letter_logo_type } : null,
    verifyUrl: verifyUrlOf(origin, f.public_id),
    auditCheckpoint: await checkpointOfFinalisation(ctx.database.db, f.kab_kota, id),
  };
  const module = f.module;
  const bytes =
    module === 'BDT'
      ? await renderLetter({ ...frame, recap: f.recap as ProposalRecap })
      : await renderBeritaAcara({ ...frame, module, recap: f.recap as ProgrammeRecap });
  const title = module === 'BDT' ? null : BERITA_ACARA[module].name;
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'DOWNLOAD_LETTER',
      text: title
        ? { id: `Download ${title} ${f.letter_number}`, en: `Downloaded the ${module} minutes (Berita Acara) ${f.letter_number}` }
        : {
            id: `Download Surat Pengesahan ${f.letter_number}`,
            en: `Downloaded the approval letter ${f.letter_number}`,
          },
      subject: `finalisation:${id}`,
      regionCode: f.kab_kota,
      details: { period: f.period, number: f.number },
    });
  });
  return {
    fileName:
      module === 'BDT'
        ? `Surat_Pengesahan_BDT_${f.kab_kota}_${f.period}_ke-${f.number}.pdf`
        : `Berita_Acara_${module}_${f.kab_kota}_${f.period}_ke-${f.number}.pdf`,
    bytes,
  };
}

/** What the public verification page shows of a letter: nothing personal. */
export interface LetterVerification extends LetterHeading {
  module: FinalisationModule;
  finalisedAt: Date;
  dataSha256: string;
  totals: { proposals: number; perbaikan: number; usulanBaru: number; approved: number; rejected: number };
  /** BSP/PBI: the list changes (null for BDT). */
  changes: { masuk: number; keluar: number; diganti: number; ubahData: number } | null;
  /** Whether the `hash` asked about equals the stored one; null when none was given. */
  matches: boolean | null;
}

/** Public check of a letter by the id on its QR code (no login): "not found" for an unknown id. */
export async function verifyLetter(ctx: AppContext, publicId: string, hash?: string): Promise<LetterVerification> {
  const f = await q.findByPublicId(ctx.database.db, publicId);
  if (!f) throw notFound();
  const recap = f.recap as ProposalRecap | ProgrammeRecap;
  const t = recap.totals;
  const programme = isProgrammeRecap(recap) ? recap.totals : null;
  return {
    module: f.module,
    ...headingOf(f),
    finalisedAt: f.created_at,
    dataSha256: f.data_sha256,
    totals: {
      proposals: t.proposals,
      perbaikan: 'perbaikan' in t ? t.perbaikan : 0,
      usulanBaru: 'usulanBaru' in t ? t.usulanBaru : 0,
      approved: approvedOf(t),
      rejected: t.status.DITOLAK,
    },
    changes: programme
      ? { masuk: programme.masuk, keluar: programme.keluar, diganti: programme.diganti, ubahData: programme.ubahData }
      : null,
    matches: hash === undefined ? null : hash.trim().toLowerCase() === f.data_sha256,
  };
}

// ---- finalised data download -----------------------------------------------------------------

export type DataFormat = 'xlsx' | 'csv';
/** The tables of the finalised data: proposals with decisions, households, members (BDT); proposals and list changes (BSP/PBI). */
export type DataTable = 'usulan' | 'ruta' | 'art' | 'perubahan';

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

type MembershipRow = q.MembershipSnapshotRow;
const reasonLabel = (code: number | null) => (code ? (REMOVAL_REASONS[code as RemovalReason]?.id ?? null) : null);

/** The proposals of a BSP/PBI finalisation (no names: those are in the list changes). */
function programmeProposalColumns(module: ProgrammeModule): Column<ProposalRow>[] {
  return [
    { header: 'ID Usulan', value: (p) => p.id, width: 38 },
    { header: 'Asal', value: (p) => p.origin, width: 9 },
    { header: 'Jenis', value: (p) => p.type, width: 14 },
    { header: 'Program', value: (p) => p.program, width: 9 },
    { header: 'IDBDT', value: (p) => p.idbdt, width: 18 },
    ...(module === 'PBI'
      ? [{ header: 'IDARTBDT', value: (p: ProposalRow) => p.idartbdt, width: 20 }]
      : [{ header: 'IDBDT Pengganti', value: (p: ProposalRow) => p.replacement_idbdt, width: 18 }]),
    { header: 'Alasan', value: (p) => p.reason_code },
    { header: 'Keterangan Alasan', value: (p) => reasonLabel(p.reason_code), width: 18 },
    { header: 'Kode Wilayah', value: (p) => p.kode_wilayah, width: 13 },
    { header: 'Kecamatan', value: (p) => p.kecamatan_name, width: 20 },
    { header: 'Desa/Kelurahan', value: (p) => p.desa_name, width: 20 },
    { header: 'Operator', value: (p) => p.operator_username, width: 16 },
    { header: 'Status', value: (p) => p.status, width: 16 },
    { header: 'Diputuskan', value: (p) => p.decided_at?.toISOString() ?? null, width: 24 },
    { header: 'Diputuskan oleh', value: (p) => p.decided_by_username, width: 18 },
    { header: 'Alasan Keputusan', value: (p) => p.decision_reason, width: 30 },
  ];
}

/** The list changes of a BSP/PBI finalisation as frozen; a masked role's names and numbers go through the one masking rule. */
function membershipColumns(module: ProgrammeModule, masked: boolean): Column<MembershipRow>[] {
  const rec = (m: MembershipRow) => m.record as Record<string, unknown>;
  const membership = (m: MembershipRow) => (rec(m).membership ?? {}) as Record<string, unknown>;
  const personal = (field: string, v: unknown, m: MembershipRow) => {
    const c = cellOf(v);
    return masked ? (maskFieldValue(field, c, m.desa_name) as typeof c) : c;
  };
  return [
    { header: 'Program', value: (m) => m.program, width: 9 },
    { header: 'Perubahan', value: (m) => m.change, width: 10 },
    { header: 'IDBDT', value: (m) => m.idbdt, width: 18 },
    ...(module === 'PBI' ? [{ header: 'IDARTBDT', value: (m: MembershipRow) => m.idartbdt, width: 20 }] : []),
    { header: 'Kode Wilayah', value: (m) => m.kode_wilayah, width: 13 },
    { header: 'Kecamatan', value: (m) => m.kecamatan_name, width: 20 },
    { header: 'Desa/Kelurahan', value: (m) => m.desa_name, width: 20 },
    { header: 'Nama Kepala Rumah Tangga', value: (m) => personal('nama_krt', rec(m).nama_krt, m), width: 26 },
    { header: 'Alamat', value: (m) => personal('alamat', rec(m).alamat, m), width: 30 },
    ...(module === 'PBI'
      ? [
          { header: 'Nama Peserta', value: (m: MembershipRow) => personal('nama', rec(m).nama, m), width: 26 },
          { header: 'NIK', value: (m: MembershipRow) => personal('nik', rec(m).nik, m), width: 18 },
          { header: 'No Kartu PBI', value: (m: MembershipRow) => personal('no_kartu', membership(m).no_kartu, m), width: 16 },
        ]
      : [
          { header: 'ID Pengurus', value: (m: MembershipRow) => cellOf(membership(m).id_pengurus), width: 20 },
          { header: 'Nama Pengurus', value: (m: MembershipRow) => personal('nama', rec(m).nama_pengurus, m), width: 26 },
          { header: 'No KKS', value: (m: MembershipRow) => personal('no_kks', membership(m).no_kks, m), width: 20 },
          { header: 'No Rekening', value: (m: MembershipRow) => personal('no_rekening', membership(m).no_rekening, m), width: 20 },
        ]),
    { header: 'Status Sebelum', value: (m) => m.status_before, width: 10 },
    { header: 'Status Sesudah', value: (m) => m.status_after, width: 10 },
    { header: 'Alasan', value: (m) => m.reason },
    { header: 'Keterangan Alasan', value: (m) => reasonLabel(m.reason), width: 18 },
    { header: 'Sejak', value: (m) => cellOf(membership(m).since), width: 12 },
    { header: 'Sampai', value: (m) => cellOf(membership(m).until), width: 12 },
    { header: 'ID Usulan', value: (m) => m.proposal_id, width: 38 },
  ];
}

async function* membersOf(db: Db, kab: string, finalisationId: number): AsyncGenerator<MemberRow> {
  for await (const h of snapshots(db, kab, finalisationId)) {
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
  if (f.module !== 'BDT') return prepareProgrammeData(ctx, actor, { ...f, module: f.module }, format, table);
  const masked = seesMaskedPersonalData(actor.role);
  const { db } = ctx.database;
  const desaNames: DesaNames = masked ? new Map((await listRegionsUnder(db, f.kab_kota, 'desa')).map((r) => [r.code, r.name])) : new Map();
  const tables = {
    usulan: (): Table<ProposalRow> => ({
      name: 'Usulan',
      columns: proposalColumns(masked),
      rows: finalisedProposals(db, f.kab_kota, id),
    }),
    ruta: (): Table<Snapshot> => ({
      name: 'Rumah Tangga',
      columns: householdColumns(masked, desaNames),
      rows: snapshots(db, f.kab_kota, id),
    }),
    art: (): Table<MemberRow> => ({
      name: 'Anggota Rumah Tangga',
      columns: memberColumns(masked),
      rows: membersOf(db, f.kab_kota, id),
    }),
  };
  return logAndPrepare(ctx, actor, f, { format, table, masked }, tables, ['usulan', 'ruta', 'art']);
}

/**
 * Logs the download of a finalisation's data before anything is sent, then prepares the file: an
 * xlsx of `sheets` in that order, or the csv of one table (a table the module has not is not found,
 * and not logged).
 */
async function logAndPrepare(
  ctx: AppContext,
  actor: Actor,
  f: q.FinalisationSummaryRow,
  d: { format: DataFormat; table: DataTable; masked: boolean },
  // biome-ignore lint/suspicious/noExplicitAny: tables of different row types, each read by its own columns
  tables: Partial<Record<DataTable, () => Table<any>>>,
  sheets: DataTable[],
): Promise<PreparedDownload> {
  const one = tables[d.table];
  if (d.format === 'csv' && !one) throw notFound();
  const what = d.format === 'xlsx' ? 'xlsx' : `csv ${d.table}`;
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'DOWNLOAD_FINALISED_DATA',
      text: {
        id: `Download data hasil Finalisasi ${f.module} ke-${f.number} ${f.period_name} (${what})`,
        en: `Downloaded the data of ${f.module} finalisation ${f.number} ${f.period_name} (${what})`,
      },
      subject: `finalisation:${f.id}`,
      regionCode: f.kab_kota,
      details: {
        period: f.period,
        number: f.number,
        ...(f.module === 'BDT' ? {} : { module: f.module }),
        format: d.format,
        table: d.format === 'csv' ? d.table : null,
        masked: d.masked,
      },
    });
  });
  const base = `Finalisasi_${f.module}_${f.kab_kota}_${f.period}_ke-${f.number}`;
  if (d.format === 'xlsx')
    return {
      fileName: `${base}.xlsx`,
      contentType: XLSX_TYPE,
      write: (out) =>
        writeXlsx(
          out,
          sheets.map((name) => tables[name]!()),
        ),
    };
  return { fileName: `${base}_${d.table}.csv`, contentType: CSV_TYPE, write: (out) => writeCsv<unknown>(out, one!()) };
}

/**
 * The finalised data of a BSP/PBI finalisation: xlsx (worksheets Perubahan Daftar, Usulan) or
 * csv of one table (`perubahan` or `usulan`; a BDT table is not found), read from the frozen
 * proposals and membership snapshot. Logged before anything is sent; masked for masked roles.
 */
async function prepareProgrammeData(
  ctx: AppContext,
  actor: Actor,
  f: q.FinalisationSummaryRow & { module: ProgrammeModule },
  format: DataFormat,
  table: DataTable,
): Promise<PreparedDownload> {
  const masked = seesMaskedPersonalData(actor.role);
  const { db } = ctx.database;
  const tables = {
    perubahan: (): Table<MembershipRow> => ({
      name: 'Perubahan Daftar',
      columns: membershipColumns(f.module, masked),
      rows: membershipSnapshots(db, f.kab_kota, f.id),
    }),
    usulan: (): Table<ProposalRow> => ({
      name: 'Usulan',
      columns: programmeProposalColumns(f.module),
      rows: finalisedProposals(db, f.kab_kota, f.id),
    }),
  };
  return logAndPrepare(ctx, actor, f, { format, table, masked }, tables, ['perubahan', 'usulan']);
}

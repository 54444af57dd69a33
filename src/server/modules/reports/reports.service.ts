import { isNational } from '../../../shared/roles.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import { assertRegionInScope, districtOf, inScope, regionInScope, type Actor } from '../../platform/scope.ts';
import {
  addCounts,
  CSV_TYPE,
  emptyCounts,
  VERVAL_RESULTS,
  writeCsv,
  writeXlsx,
  XLSX_TYPE,
  type Column,
  type ProposalCounts,
  type StreamedDownload,
} from '../finalisations/index.ts';
import { PROGRAMS, quotaUseOf } from '../programs/index.ts';
import { findRegion } from '../regions/index.ts';
import * as q from './reports.queries.ts';

// F9 Rekapitulasi Kecamatan / Desa and C5 monitoring. A supervisor sees its own district; a
// province (its districts) and Pusdatin (all) name the district with `kab`. Operators work in the
// offline app and get no district recap. Recaps are aggregates: no personal data in them.

export type RecapLevel = q.RecapLevel;

/** The district a recap is about, checked against the actor: 403 for a role without reports, 404 outside the scope. */
async function recapDistrict(ctx: AppContext, actor: Actor, kab: string | undefined): Promise<{ code: string; name: string }> {
  assertCan(actor, 'recap:read');
  // A user bound to one district reads its own by default; a wider scope names the district.
  const code = kab ?? districtOf(actor);
  if (!code) throw new AppError('VALIDATION', { field: 'kab' }, { id: 'Pilih kabupaten/kota.', en: 'Choose a district.' });
  assertRegionInScope(actor, code);
  const region = await findRegion(ctx.database.db, code);
  if (region?.level !== 'kabkota') throw notFound();
  return { code, name: region.name };
}

/** The period asked for, or the open one, or the latest one. */
async function reportPeriod(ctx: AppContext, code: string | undefined): Promise<{ code: string; name: string }> {
  const p = code ? await q.findPeriod(ctx.database.db, code) : await q.latestPeriod(ctx.database.db);
  if (!p) throw code ? notFound() : new AppError('NO_OPEN_PERIOD');
  return { code: p.code, name: p.name };
}

/** One row of a recap: an area with its households, members and proposal counts. */
export type RecapRow = q.RecapAreaRow;

/** A recap of a district by kecamatan or desa, with its totals row. */
export interface Recap {
  level: RecapLevel;
  kab: { code: string; name: string };
  period: { code: string; name: string };
  /** For a desa recap limited to one kecamatan. */
  kecamatan: { code: string; name: string } | null;
  rows: RecapRow[];
  totals: { households: number; members: number; counts: ProposalCounts; programs: q.ProgrammeCounts };
  /** The district's quota of the period per programme and its use (AKTIF members of the list). */
  quotas: { program: 'BPNT' | 'RASTRA' | 'PBI'; quota: number | null; used: number }[];
}

export interface RecapQuery {
  kab?: string;
  period?: string;
  /** Desa recap: only the desa of this kecamatan (6 digits, inside the district). */
  kecamatan?: string;
}

/** The totals row of recap rows. */
function recapTotals(rows: readonly RecapRow[]): Recap['totals'] {
  const totals = { households: 0, members: 0, counts: emptyCounts(), programs: { BPNT: 0, RASTRA: 0, PBI: 0 } };
  for (const r of rows) {
    totals.households += r.households;
    totals.members += r.members;
    addCounts(totals.counts, r.counts);
    for (const program of PROGRAMS) totals.programs[program] += r.programs[program];
  }
  return totals;
}

async function recap(ctx: AppContext, actor: Actor, level: RecapLevel, query: RecapQuery): Promise<Recap> {
  const kab = await recapDistrict(ctx, actor, query.kab);
  const period = await reportPeriod(ctx, query.period);
  let kecamatan: Recap['kecamatan'] = null;
  if (level === 'desa' && query.kecamatan) {
    const k = await findRegion(ctx.database.db, query.kecamatan);
    if (k?.level !== 'kecamatan' || !k.code.startsWith(kab.code)) throw notFound();
    kecamatan = { code: k.code, name: k.name };
  }
  const rows = await q.recapByArea(ctx.database, kab.code, kecamatan?.code ?? kab.code, period.code, level);
  const quotas = await quotaUseOf(ctx.database.db, kab.code, period.code);
  return { level, kab, period, kecamatan, rows, totals: recapTotals(rows), quotas };
}

/** A recap above the districts: the provinces of the nation, or the districts of one province. */
export interface RegionRecap {
  level: q.RegionRecapLevel;
  provinsi: { code: string; name: string } | null;
  period: { code: string; name: string };
  rows: RecapRow[];
  totals: Recap['totals'];
}

/**
 * Rekapitulasi per province (issue 18): national roles see every province, or with `provinsi` its
 * districts; a province user its own province's districts. Rows and counts are limited to the scope
 * (an area outside it is not listed); a province the actor cannot see answers 404.
 */
export async function getRecapProvinsi(ctx: AppContext, actor: Actor, query: { provinsi?: string; period?: string }): Promise<RegionRecap> {
  assertCan(actor, 'recap:read');
  const sees = (code: string) => regionInScope(actor, code) || actor.regions.some((r) => r.startsWith(code));
  const code = query.provinsi ?? (isNational(actor.role) ? null : actor.regions[0]?.slice(0, 2));
  if (code === undefined) throw notFound();
  let provinsi: RegionRecap['provinsi'] = null;
  if (code !== null) {
    const region = sees(code) ? await findRegion(ctx.database.db, code) : undefined;
    if (region?.level !== 'provinsi') throw notFound();
    provinsi = { code: region.code, name: region.name };
  }
  const period = await reportPeriod(ctx, query.period);
  const level = provinsi ? 'kabkota' : 'provinsi';
  const all = await q.recapByRegion(ctx.database, provinsi?.code ?? '', level, period.code, (column) => inScope(actor, column));
  const rows = all.filter((r) => sees(r.code));
  return { level, provinsi, period, rows, totals: recapTotals(rows) };
}

/** F9 "Rekapitulasi Kecamatan": every kecamatan of the district with its totals row. */
export async function getRecapKecamatan(ctx: AppContext, actor: Actor, query: RecapQuery): Promise<Recap> {
  return recap(ctx, actor, 'kecamatan', { kab: query.kab, period: query.period });
}

/** F9 "Rekapitulasi Desa": every desa of the district (or of one kecamatan) with its totals row. */
export async function getRecapDesa(ctx: AppContext, actor: Actor, query: RecapQuery): Promise<Recap> {
  return recap(ctx, actor, 'desa', query);
}

type Line = {
  code: string;
  name: string;
  kecamatan: string | null;
  households: number;
  members: number;
  counts: ProposalCounts;
  programs: q.ProgrammeCounts;
  /** The totals row: the district's quota per programme (a desa recap of one kecamatan has none). */
  quotas?: Recap['quotas'];
};

const AREA_HEADER: Record<RecapLevel | q.RegionRecapLevel, string> = {
  desa: 'Desa/Kelurahan',
  kecamatan: 'Kecamatan',
  kabkota: 'Kabupaten/Kota',
  provinsi: 'Provinsi',
};

// The columns of a recap file; quotas are a district's, so only a district's recap has them.
function recapColumns(level: RecapLevel | q.RegionRecapLevel): Column<Line>[] {
  const district = level === 'desa' || level === 'kecamatan';
  return [
    { header: 'Kode Wilayah', value: (r) => r.code, width: 13 },
    ...(level === 'desa' ? [{ header: 'Kecamatan', value: (r: Line) => r.kecamatan, width: 22 }] : []),
    { header: AREA_HEADER[level], value: (r) => r.name, width: 24 },
    { header: 'Rumah Tangga (AKTIF)', value: (r) => r.households },
    { header: 'Anggota Rumah Tangga', value: (r) => r.members },
    ...VERVAL_RESULTS.map((v): Column<Line> => ({ header: v.label, value: (r) => r.counts.result[v.key] })),
    { header: 'Usulan Perbaikan', value: (r) => r.counts.perbaikan },
    { header: 'Usulan Baru', value: (r) => r.counts.usulanBaru },
    { header: 'Menunggu', value: (r) => r.counts.status.MENUNGGU },
    { header: 'Disetujui', value: (r) => r.counts.status.DISETUJUI },
    { header: 'Disetujui Sebagian', value: (r) => r.counts.status.SEBAGIAN },
    { header: 'Ditolak', value: (r) => r.counts.status.DITOLAK },
    { header: 'Perlu Perbaikan', value: (r) => r.counts.status.PERLU_PERBAIKAN },
    { header: 'Gagal Validasi', value: (r) => r.counts.status.GAGAL_VALIDASI },
    { header: 'Jumlah Usulan', value: (r) => r.counts.proposals },
    { header: 'KPM BPNT (AKTIF)', value: (r) => r.programs.BPNT },
    { header: 'KPM RASTRA (AKTIF)', value: (r) => r.programs.RASTRA },
    { header: 'Peserta PBI (AKTIF)', value: (r) => r.programs.PBI },
    ...(district
      ? PROGRAMS.map(
          (program): Column<Line> => ({
            header: `Kuota ${program}`,
            value: (r) => r.quotas?.find((x) => x.program === program)?.quota ?? null,
          }),
        )
      : []),
  ];
}

// The lines of a recap file: its rows, then the "JUMLAH" totals row (with the district's quotas when given).
function recapLines(rows: RecapRow[], totals: Recap['totals'], quotas?: Recap['quotas']): Line[] {
  return [
    ...rows.map((x) => ({
      code: x.code,
      name: x.name,
      kecamatan: x.kecamatan?.name ?? null,
      households: x.households,
      members: x.members,
      counts: x.counts,
      programs: x.programs,
    })),
    { code: '', name: 'JUMLAH', kecamatan: null, ...totals, quotas },
  ];
}

// A recap table as a streamed xlsx or csv download.
function recapDownload(
  fileName: string,
  format: 'xlsx' | 'csv',
  table: { name: string; columns: Column<Line>[]; rows: Line[] },
): StreamedDownload {
  return format === 'xlsx'
    ? { fileName, contentType: XLSX_TYPE, write: (out) => writeXlsx(out, [table]) }
    : { fileName, contentType: CSV_TYPE, write: (out) => writeCsv(out, table) };
}

/**
 * The recap as xlsx or csv (its rows, then a "JUMLAH" totals row), streamed; the export is
 * logged before anything is sent.
 */
export async function exportRecap(
  ctx: AppContext,
  actor: Actor,
  query: RecapQuery & { level: RecapLevel; format: 'xlsx' | 'csv' },
): Promise<StreamedDownload> {
  const r = await recap(ctx, actor, query.level, query);
  const title = query.level === 'kecamatan' ? 'Rekapitulasi Kecamatan' : 'Rekapitulasi Desa';
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'EXPORT_RECAP',
      text: {
        id: `Export ${title} ${r.kab.name} ${r.period.name} (${query.format})`,
        en: `Exported the ${query.level} recap of ${r.kab.name} ${r.period.name} (${query.format})`,
      },
      subject: `recap:${query.level}`,
      regionCode: r.kab.code,
      details: {
        period: r.period.code,
        level: query.level,
        kecamatan: r.kecamatan?.code ?? null,
        format: query.format,
      },
    });
  });
  // The quota is the district's: it stands beside the district's totals, not beside one kecamatan's desa.
  const lines = recapLines(r.rows, r.totals, r.kecamatan ? undefined : r.quotas);
  const table = { name: title, columns: recapColumns(query.level), rows: lines };
  const fileName = `Rekapitulasi_${query.level === 'kecamatan' ? 'Kecamatan' : 'Desa'}_${r.kecamatan?.code ?? r.kab.code}_${r.period.code}.${query.format}`;
  return recapDownload(fileName, query.format, table);
}

/**
 * Rekapitulasi per province as xlsx or csv (the provinces of the nation, or one province's
 * districts, then "JUMLAH"), streamed; the export is logged before anything is sent.
 */
export async function exportRecapProvinsi(
  ctx: AppContext,
  actor: Actor,
  query: { provinsi?: string; period?: string; format: 'xlsx' | 'csv' },
): Promise<StreamedDownload> {
  const r = await getRecapProvinsi(ctx, actor, query);
  const title = r.provinsi ? `Rekapitulasi Kabupaten/Kota ${r.provinsi.name}` : 'Rekapitulasi Provinsi';
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: 'EXPORT_RECAP',
      text: {
        id: `Export ${title} ${r.period.name} (${query.format})`,
        en: `Exported the ${r.provinsi ? `district recap of ${r.provinsi.name}` : 'province recap'} ${r.period.name} (${query.format})`,
      },
      subject: `recap:${r.level}`,
      regionCode: r.provinsi?.code ?? null,
      details: { period: r.period.code, level: r.level, provinsi: r.provinsi?.code ?? null, format: query.format },
    });
  });
  const table = {
    name: r.provinsi ? 'Rekapitulasi Kabupaten-Kota' : title,
    columns: recapColumns(r.level),
    rows: recapLines(r.rows, r.totals),
  };
  const fileName = `Rekapitulasi_${r.provinsi ? `Kabupaten_Kota_${r.provinsi.code}` : 'Provinsi'}_${r.period.code}.${query.format}`;
  return recapDownload(fileName, query.format, table);
}

/** One district in the finalisation monitoring. */
export interface MonitoringRow {
  kab: { code: string; name: string };
  provinsi: { code: string; name: string };
  finalisations: number;
  last: { id: number; number: number; at: Date } | null;
  proposals: number;
  /** Proposals still MENUNGGU (they block the next finalisation). */
  waiting: number;
  /** Decided proposals not finalised yet. */
  openDecided: number;
  state: 'BELUM_ADA_USULAN' | 'BELUM_FINALISASI' | 'SEBAGIAN' | 'FINAL';
}

/**
 * C5: finalisation status per district of a period — the districts of the province (PROVINSI) or
 * of all provinces (PUSDATIN, optionally one `provinsi`), with the last finalisation and what waits.
 */
export async function getFinalisationMonitoring(
  ctx: AppContext,
  actor: Actor,
  query: { period?: string; provinsi?: string; state?: MonitoringRow['state']; page?: number; pageSize?: number },
) {
  assertCan(actor, 'monitoring:read');
  let provinsi: string | null = query.provinsi ?? null;
  if (!isNational(actor.role)) {
    // A regional scope monitors its own province only.
    const own = actor.regions[0];
    if (!own) throw notFound();
    if (provinsi && provinsi !== own) throw notFound();
    provinsi = own;
  } else if (provinsi) {
    assertRegionInScope(actor, provinsi);
    const region = await findRegion(ctx.database.db, provinsi);
    if (region?.level !== 'provinsi') throw notFound();
  }
  const period = await reportPeriod(ctx, query.period);
  const rows = await q.monitorDistricts(ctx.database.db, period.code, provinsi);
  const items: MonitoringRow[] = rows.map((r) => ({
    kab: { code: r.kab_kota, name: r.kab_name },
    provinsi: { code: r.provinsi, name: r.provinsi_name },
    finalisations: r.finalisations,
    last: r.last_id !== null && r.last_number !== null && r.last_at ? { id: r.last_id, number: r.last_number, at: r.last_at } : null,
    proposals: r.proposals,
    waiting: r.waiting,
    openDecided: r.open_decided,
    state:
      r.proposals === 0
        ? 'BELUM_ADA_USULAN'
        : r.finalisations === 0
          ? 'BELUM_FINALISASI'
          : r.waiting > 0 || r.open_decided > 0
            ? 'SEBAGIAN'
            : 'FINAL',
  }));
  // At most the country's ~514 districts: filtered and paged here, after the state is known.
  const state = query.state ?? null;
  const matching = state ? items.filter((i) => i.state === state) : items;
  const pageSize = query.pageSize ?? Math.max(matching.length, 1);
  const page = query.pageSize ? (query.page ?? 1) : 1;
  return {
    period,
    provinsi,
    items: matching.slice((page - 1) * pageSize, page * pageSize),
    state,
    total: matching.length,
    page,
    pageSize,
    summary: {
      districts: items.length,
      finalised: items.filter((i) => i.finalisations > 0).length,
      complete: items.filter((i) => i.state === 'FINAL').length,
      waiting: items.reduce((n, i) => n + i.waiting, 0),
    },
  };
}

// Exports of the programme lists (issue 10, F10/F11: "xlsx/csv export"): the whole filtered KPM
// or PBI list as a file, streamed a page at a time (no job, flat memory), scoped and masked by the
// same rules as GET /api/v1/kpm and /api/v1/pbi. A list is personal data: each download is logged
// (the filter and the number of rows) before anything is sent.
import type { z } from 'zod';
import { REMOVAL_REASONS, type RemovalReason } from '../../../shared/api/programme-line.ts';
import type { KpmExportQuerySchema, PbiExportQuerySchema } from '../../../shared/api/programs.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { allows } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import { type Column, loggedExport, type StreamedDownload } from '../finalisations/index.ts';
import { filterOf, maskKpm, maskPbi } from './lists.service.ts';
import * as lq from './lists.queries.ts';

export type KpmExportQuery = z.output<typeof KpmExportQuerySchema>;
export type PbiExportQuery = z.output<typeof PbiExportQuerySchema>;

const reasonText = (r: number | null) => (r === null ? null : (REMOVAL_REASONS[r as RemovalReason]?.id ?? String(r)));

// The columns both lists share: where the household is, and the membership's status and dates.
const PLACE_COLUMNS: readonly Column<{ idbdt: string; kode_wilayah: string; nama_desa: string }>[] = [
  { header: 'IDBDT', value: (r) => r.idbdt, width: 18 },
  { header: 'Kode Wilayah', value: (r) => r.kode_wilayah, width: 13 },
  { header: 'Desa/Kelurahan', value: (r) => r.nama_desa, width: 22 },
];
const MEMBERSHIP_COLUMNS: readonly Column<{ status: string; since: string; until: string | null; reason: number | null }>[] = [
  { header: 'Status', value: (r) => r.status },
  { header: 'Sejak', value: (r) => r.since, width: 12 },
  { header: 'Sampai', value: (r) => r.until, width: 12 },
  { header: 'Kode Alasan', value: (r) => r.reason },
  { header: 'Alasan', value: (r) => reasonText(r.reason), width: 18 },
];

const KPM_COLUMNS: readonly Column<lq.KpmRow>[] = [
  { header: 'Program', value: (r) => r.program },
  ...PLACE_COLUMNS,
  { header: 'Nama Kepala Rumah Tangga', value: (r) => r.nama_krt, width: 26 },
  { header: 'Persentil', value: (r) => r.persentil },
  { header: 'ID Pengurus', value: (r) => r.id_pengurus, width: 20 },
  { header: 'Nama Pengurus', value: (r) => r.nama_pengurus, width: 26 },
  { header: 'No KKS', value: (r) => r.no_kks, width: 20 },
  { header: 'No Rekening', value: (r) => r.no_rekening, width: 20 },
  ...MEMBERSHIP_COLUMNS,
];

const PBI_COLUMNS: readonly Column<lq.PbiRow>[] = [
  { header: 'IDARTBDT', value: (r) => r.idartbdt, width: 20 },
  ...PLACE_COLUMNS,
  { header: 'Nama', value: (r) => r.nama, width: 26 },
  { header: 'NIK', value: (r) => r.nik, width: 18 },
  { header: 'Persentil', value: (r) => r.persentil },
  { header: 'No Kartu PBI', value: (r) => r.no_kartu, width: 16 },
  ...MEMBERSHIP_COLUMNS,
];

type FilterFields = Omit<PbiExportQuery, 'format'> & { program?: 'BPNT' | 'RASTRA' };

// The filter as the log entry names it, in each language ("semua" when the whole scope).
function filterText(f: FilterFields, lang: 'id' | 'en'): string {
  const parts: string[] = [];
  if (f.program) parts.push(`program ${f.program}`);
  if (f.kab) parts.push(`${lang === 'id' ? 'kabupaten/kota' : 'district'} ${f.kab}`);
  if (f.kecamatan) parts.push(`kecamatan ${f.kecamatan}`);
  if (f.desa) parts.push(`${lang === 'id' ? 'desa' : 'village'} ${f.desa}`);
  if (f.status) parts.push(`status ${f.status}`);
  if (f.persentilMin !== undefined || f.persentilMax !== undefined)
    parts.push(`${lang === 'id' ? 'persentil' : 'percentile'} ${f.persentilMin ?? 1}–${f.persentilMax ?? 100}`);
  return parts.length > 0 ? parts.join(', ') : lang === 'id' ? 'semua' : 'none';
}

// The scoped filter both lists read (PBI ignores `program`).
type ListScope = lq.ListWhere & { program?: 'BPNT' | 'RASTRA' };

// What differs between the two lists' exports.
interface ListSpec<R> {
  action: 'EXPORT_KPM' | 'EXPORT_PBI';
  /** The list as file names and log texts name it. */
  name: { file: string; id: string; en: string };
  sheet: string;
  columns: readonly Column<R>[];
  count(db: Db, f: ListScope): Promise<number>;
  stream(db: Db, f: ListScope): AsyncIterable<R>;
  mask(row: R): R;
}

const KPM: ListSpec<lq.KpmRow> = {
  action: 'EXPORT_KPM',
  name: { file: 'KPM', id: 'daftar KPM', en: 'KPM list' },
  sheet: 'Daftar KPM',
  columns: KPM_COLUMNS,
  count: lq.countKpm,
  stream: (db, f) => lq.streamKpm(db, f),
  mask: maskKpm,
};

const PBI: ListSpec<lq.PbiRow> = {
  action: 'EXPORT_PBI',
  name: { file: 'PBI', id: 'daftar peserta PBI', en: 'PBI participant list' },
  sheet: 'Daftar Peserta PBI',
  columns: PBI_COLUMNS,
  count: lq.countPbi,
  stream: (db, f) => lq.streamPbi(db, f),
  mask: maskPbi,
};

// Checks and scopes the filter, logs the download (filter, format, rows) and returns the file to stream.
async function exportList<R>(
  ctx: AppContext,
  actor: Actor,
  spec: ListSpec<R>,
  query: FilterFields & { format: 'xlsx' | 'csv' },
): Promise<StreamedDownload> {
  const { format, ...filter } = query;
  const f: ListScope = filterOf(actor, filter);
  const { db } = ctx.database;
  const masked = !allows(actor, 'personal:unmasked');
  const { kab, kecamatan, desa, status, persentilMin, persentilMax, program } = f;
  async function* lines() {
    for await (const r of spec.stream(db, f)) yield masked ? spec.mask(r) : r;
  }
  return loggedExport(ctx, actor, {
    format,
    action: spec.action,
    name: { id: spec.name.id, en: spec.name.en },
    filter: { id: filterText(f, 'id'), en: filterText(f, 'en') },
    rows: await spec.count(db, f),
    subject: `list:${spec.name.file}`,
    regionCode: kab ?? null,
    details: { masked, filter: { program: program ?? null, kab: kab ?? null, kecamatan, desa, status, persentilMin, persentilMax } },
    fileName: `Daftar_${spec.name.file}_${kab ?? 'semua'}_${districtDate(kab ?? actor.regions[0] ?? null, now())}`,
    table: { name: spec.sheet, columns: spec.columns, rows: lines() },
  });
}

/** The KPM list (BPNT/RASTRA) matching the list's filters as xlsx or csv, streamed; scoped and masked like GET /api/v1/kpm; logged. */
export function exportKpm(ctx: AppContext, actor: Actor, query: KpmExportQuery): Promise<StreamedDownload> {
  return exportList(ctx, actor, KPM, query);
}

/** The PBI participants matching the list's filters as xlsx or csv, streamed; scoped and masked like GET /api/v1/pbi; logged. */
export function exportPbi(ctx: AppContext, actor: Actor, query: PbiExportQuery): Promise<StreamedDownload> {
  return exportList(ctx, actor, PBI, query);
}

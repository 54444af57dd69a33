// Exports of the BSP/PBI review lists and waiting lists (F10, F11, F13 "export of any result"):
// each file is its list as the list route gives it (the same scope, order and masking), read a
// page at a time through the list's own service, and logged (names, NIK: personal data).
import type { z } from 'zod';
import type {
  KpmProposalExportQuerySchema,
  KpmWaitingExportQuerySchema,
  PbiProposalExportQuerySchema,
  PbiWaitingExportQuerySchema,
} from '../../../shared/api/programme-proposals.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { allows } from '../../platform/policy.ts';
import { type Actor, districtOf } from '../../platform/scope.ts';
import {
  type Column,
  field,
  type FilterLabels,
  LIST_FILTER_LABELS,
  type ListFile,
  listFile,
  type StreamedDownload,
} from '../finalisations/index.ts';
import type { Module } from './proposals.queries.ts';
import { kpmWaitingList, listProgrammeProposals, pbiWaitingList } from './proposals.service.ts';

type ProposalItem = Awaited<ReturnType<typeof listProgrammeProposals>>['items'][number];
type KpmWaitingItem = Awaited<ReturnType<typeof kpmWaitingList>>['items'][number];
type PbiWaitingItem = Awaited<ReturnType<typeof pbiWaitingList>>['items'][number];

const LABELS: FilterLabels = {
  ...LIST_FILTER_LABELS,
  type: { id: 'jenis', en: 'type' },
  origin: { id: 'asal', en: 'origin' },
};

type Spec<T> = Pick<ListFile<T>, 'format' | 'action' | 'name' | 'filter' | 'sheet' | 'columns' | 'read'> & {
  kab?: string;
  fileName: string;
};

// Names and NIK of beneficiaries: personal, so every download is logged; the district names the file.
function exportOf<T>(ctx: AppContext, actor: Actor, s: Spec<T>): Promise<StreamedDownload> {
  const kab = s.kab ?? districtOf(actor) ?? null;
  return listFile(ctx, actor, {
    ...s,
    personal: true,
    labels: LABELS,
    regionCode: kab,
    details: { masked: !allows(actor, 'personal:unmasked') },
    fileName: `${s.fileName}_${kab ?? 'wilayah'}_${kab ? districtDate(kab, now()) : now().toISOString().slice(0, 10)}`,
  });
}

const PROPOSAL_COLUMNS: readonly Column<ProposalItem>[] = [
  field('ID Usulan', 'id', 36),
  field('Jenis', 'type', 14),
  field('Program', 'program'),
  field('IDBDT', 'idbdt', 18),
  field('IDARTBDT', 'idartbdt', 20),
  field('IDBDT Pengganti', 'replacementIdbdt', 18),
  field('Kode Alasan', 'reasonCode'),
  field('Kode Wilayah', 'kodeWilayah', 13),
  field('Desa/Kelurahan', 'namaDesa', 22),
  field('Nama Kepala Rumah Tangga', 'namaKrt', 26),
  field('Nama ART', 'nama', 26),
  field('Status', 'status', 14),
  field('Asal', 'origin'),
  field('Operator', 'operator', 18),
  field('Berkas', 'fileName', 30),
  { header: 'Diimpor', value: (r) => r.importedAt.toISOString(), width: 24 },
  field('Catatan', 'note', 30),
];

type ProposalExportQuery = z.output<typeof KpmProposalExportQuerySchema> | z.output<typeof PbiProposalExportQuerySchema>;

/** A BSP or PBI review list of the filter as xlsx or csv, masked like the list; streamed and logged. */
export function exportProgrammeProposals(ctx: AppContext, actor: Actor, module: Module, query: ProposalExportQuery) {
  const { format, ...filter } = query;
  return exportOf(ctx, actor, {
    format,
    action: `EXPORT_${module}_PROPOSALS`,
    name: { id: `daftar usulan ${module}`, en: `${module} proposal list` },
    kab: filter.kab,
    filter,
    fileName: `Usulan_${module}`,
    sheet: `Usulan ${module}`,
    columns: PROPOSAL_COLUMNS,
    read: (page, pageSize) => listProgrammeProposals(ctx, actor, module, { ...filter, page, pageSize }),
  });
}

const waitingColumns = <T extends KpmWaitingItem | PbiWaitingItem>(extra: readonly Column<T>[]): Column<T>[] => [
  { header: 'IDBDT', value: (r) => r.idbdt, width: 18 },
  ...extra,
  { header: 'Kode Wilayah', value: (r) => r.kodeWilayah, width: 13 },
  { header: 'Desa/Kelurahan', value: (r) => r.namaDesa, width: 22 },
  { header: 'Nama Kepala Rumah Tangga', value: (r) => r.namaKrt, width: 26 },
  { header: 'Persentil', value: (r) => r.persentil },
  { header: 'ART Ada', value: (r) => r.members },
  { header: 'ART Rentan', value: (r) => r.vulnerable },
];

/** The KPM waiting list of a programme as xlsx or csv, masked like the list; streamed and logged. */
export function exportKpmWaiting(ctx: AppContext, actor: Actor, query: z.output<typeof KpmWaitingExportQuerySchema>) {
  const { format, ...filter } = query;
  return exportOf(ctx, actor, {
    format,
    action: 'EXPORT_KPM_WAITING',
    name: { id: `daftar tunggu ${filter.program}`, en: `${filter.program} waiting list` },
    kab: filter.kab,
    filter,
    fileName: `Daftar_Tunggu_${filter.program}`,
    sheet: `Daftar Tunggu ${filter.program}`,
    columns: waitingColumns<KpmWaitingItem>([{ header: 'ID Pengurus', value: (r) => r.idPengurus, width: 20 }]),
    read: (page, pageSize) => kpmWaitingList(ctx, actor, { ...filter, page, pageSize }),
  });
}

/** The PBI waiting list (members) as xlsx or csv, masked like the list; streamed and logged. */
export function exportPbiWaiting(ctx: AppContext, actor: Actor, query: z.output<typeof PbiWaitingExportQuerySchema>) {
  const { format, ...filter } = query;
  return exportOf(ctx, actor, {
    format,
    action: 'EXPORT_PBI_WAITING',
    name: { id: 'daftar tunggu PBI', en: 'PBI waiting list' },
    kab: filter.kab,
    filter,
    fileName: 'Daftar_Tunggu_PBI',
    sheet: 'Daftar Tunggu PBI',
    columns: waitingColumns<PbiWaitingItem>([
      { header: 'IDARTBDT', value: (r) => r.idartbdt, width: 20 },
      { header: 'Nama ART', value: (r) => r.nama, width: 26 },
      { header: 'NIK', value: (r) => r.nik, width: 18 },
    ]),
    read: (page, pageSize) => pbiWaitingList(ctx, actor, { ...filter, page, pageSize }),
  });
}

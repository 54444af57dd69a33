// The columns every proposal recap shares (Finalisasi preview and result, Rekapitulasi): the area,
// then counts by verval result, usulan baru, by status and the total; and the labels of both.
import { PROPOSAL_STATUS_KEYS, type RecapCounts, type RecapRow, VERVAL_RESULT_KEYS } from '../api/finalisasi.ts';
import type { Column } from '../components/DataTable.tsx';
import { formatNumber, formatRegionCode } from '../format.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

/** i18n keys of proposal statuses and verval results. */
export const STATUS_LABEL: Record<(typeof PROPOSAL_STATUS_KEYS)[number], MessageKey> = {
  MENUNGGU: 'fin.status.MENUNGGU',
  DISETUJUI: 'fin.status.DISETUJUI',
  SEBAGIAN: 'fin.status.SEBAGIAN',
  DITOLAK: 'fin.status.DITOLAK',
  PERLU_PERBAIKAN: 'fin.status.PERLU_PERBAIKAN',
  GAGAL_VALIDASI: 'fin.status.GAGAL_VALIDASI',
};
export const RESULT_LABEL: Record<(typeof VERVAL_RESULT_KEYS)[number], MessageKey> = {
  DITEMUKAN: 'fin.result.DITEMUKAN',
  TIDAK_DITEMUKAN: 'fin.result.TIDAK_DITEMUKAN',
  PINDAH: 'fin.result.PINDAH',
  BAGIAN_RUTA_LAIN: 'fin.result.BAGIAN_RUTA_LAIN',
  MENOLAK: 'fin.result.MENOLAK',
  GANDA: 'fin.result.GANDA',
};

/** A row of a recap table; the totals row has the code '' and its label as name. */
export interface AreaRow {
  code: string;
  name: string;
}

/** The totals row of a recap table (the footer, "JUMLAH"). */
export function totalRow<T extends object>(t: Translate, values: T): T & AreaRow {
  return { ...values, code: '', name: t('fin.totalRow') };
}

/** The area column: its name and dotted code, naming the row. */
export function areaColumn<T extends AreaRow>(header: string): Column<T> {
  return {
    key: 'area',
    header,
    rowHeader: true,
    cell: (r) =>
      r.code ? (
        <>
          {r.name} <span className="muted mono">{formatRegionCode(r.code)}</span>
        </>
      ) : (
        r.name
      ),
  };
}

/** A right-aligned number column. */
export function numberColumn<T>(key: string, header: string, value: (row: T) => number, locale: string): Column<T> {
  return { key, header, num: true, cell: (r) => formatNumber(value(r), locale) };
}

/**
 * The count columns of a recap: verval results, usulan baru, every status and the total. A partial
 * approval is its own column ("Disetujui sebagian") everywhere, as in the figures above the
 * tables, so that a summary and its table never count the same proposals differently (issue 13).
 */
export function countColumns<T>(of: (row: T) => RecapCounts, t: Translate, locale: string): Column<T>[] {
  const col = (key: string, header: string, value: (c: RecapCounts) => number) => numberColumn<T>(key, header, (r) => value(of(r)), locale);
  return [
    ...VERVAL_RESULT_KEYS.map((r) => col(r, t(RESULT_LABEL[r]), (c) => c.result[r])),
    col('usulanBaru', t('fin.usulanBaru'), (c) => c.usulanBaru),
    ...PROPOSAL_STATUS_KEYS.map((s) => col(s, t(STATUS_LABEL[s]), (c) => c.status[s])),
    col('total', t('fin.total'), (c) => c.proposals),
  ];
}

/** The figures of a Rekapitulasi row after its area: households, members, proposal counts and the programmes' AKTIF lists. */
export function recapFigureColumns(t: Translate, locale: string): Column<RecapRow>[] {
  return [
    numberColumn<RecapRow>('households', t('rekap.col.households'), (r) => r.households, locale),
    numberColumn<RecapRow>('members', t('rekap.col.members'), (r) => r.members, locale),
    ...countColumns<RecapRow>((r) => r.counts, t, locale),
    numberColumn<RecapRow>('kpmBpnt', t('rekap.col.kpmBpnt'), (r) => r.programs.BPNT, locale),
    numberColumn<RecapRow>('kpmRastra', t('rekap.col.kpmRastra'), (r) => r.programs.RASTRA, locale),
    numberColumn<RecapRow>('pbi', t('rekap.col.pbi'), (r) => r.programs.PBI, locale),
  ];
}

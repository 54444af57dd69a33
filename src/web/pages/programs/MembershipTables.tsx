// The tables of the BSP/PBI pages: the KPM list, the PBI participants, and the two waiting lists,
// each server-paged. The row actions that make an online proposal ("Ganti", "Hapus", "Ubah",
// "Nonaktifkan", "Usulkan") show only to users holding program:decide; the server masks personal
// data for roles without personal:unmasked, and the table then says so.
import type { ReactNode } from 'react';
import type { Page } from '../../api/client.ts';
import {
  REMOVAL_REASONS,
  type KpmItem,
  type KpmWaitingItem,
  type PbiItem,
  type PbiWaitingItem,
  type RemovalReason,
} from '../../api/programs.ts';
import { DataTable, type Column, type TableLoad } from '../../components/DataTable.tsx';
import { StatusBadge } from '../../components/Status.tsx';
import { formatDate, formatIdbdt, formatNik, formatNumber } from '../../format.ts';
import { useLanguage, useLocale, useT } from '../../i18n/index.ts';
import { useCan } from '../../lib/abilities.ts';
import { PROGRAM_PAGE_SIZE } from './state.ts';

/** What a row action proposes; the page opens the matching form. */
export type RowAction =
  | { kind: 'GANTI' | 'HAPUS' | 'UBAH'; kpm: KpmItem }
  | { kind: 'NONAKTIF'; pbi: PbiItem }
  | { kind: 'USUL'; member: PbiWaitingItem };

export interface TableProps<T> extends TableLoad {
  data: Page<T> | null;
  onPage: (page: number) => void;
  onAction?: (action: RowAction) => void;
}

/** The reason of a removal in the user's language ("2. Pindah"). */
export function useReasonText(): (code: number | null) => string {
  const lang = useLanguage();
  const empty = useT()('value.empty');
  return (code) => (code === null ? empty : `${code}. ${REMOVAL_REASONS[code as RemovalReason]?.[lang] ?? ''}`);
}

function Masked() {
  const t = useT();
  const can = useCan();
  return can('personal:unmasked') ? null : <p className="hint prog-masked">{t('prog.masked')}</p>;
}

/** A name and its desa in one cell. */
function Named({ name, desa }: { name: string | null; desa: string | null }) {
  const empty = useT()('value.empty');
  return (
    <>
      {name ?? empty}
      {desa && (
        <>
          <br />
          <span className="muted small">{desa}</span>
        </>
      )}
    </>
  );
}

interface ActionButton {
  label: string;
  /** Who the button is about (for screen readers: "Ganti untuk SITI AMINAH"). */
  name: string;
  onClick: () => void;
  danger?: boolean;
}

function ActionButtons({ buttons }: { buttons: readonly ActionButton[] }) {
  const t = useT();
  return (
    <span className="row-actions">
      {buttons.map((b) => (
        <button key={b.label} type="button" className={b.danger ? 'btn btn-small btn-danger' : 'btn btn-small'} onClick={b.onClick}>
          {b.label}
          <span className="visually-hidden"> {t('prog.actionOf', { name: b.name })}</span>
        </button>
      ))}
    </span>
  );
}

/**
 * The table frame every list of these pages shares: caption, paging, masking note, and the row
 * actions (an online proposal) for users holding program:decide when the page handles them.
 */
function ProgramTable<T>({
  caption,
  columns,
  rowKey,
  empty,
  actions,
  data,
  onPage,
  onAction,
  ...load
}: TableProps<T> & {
  caption: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: string;
  /** The proposals a row offers (none: an empty list). */
  actions: (row: T, act: (a: RowAction) => void) => ActionButton[];
}) {
  const t = useT();
  const decide = useCan()('program:decide');
  const cell = (row: T): ReactNode => {
    const buttons = onAction ? actions(row, onAction) : [];
    return buttons.length > 0 && <ActionButtons buttons={buttons} />;
  };
  const all: Column<T>[] =
    decide && onAction
      ? [
          ...columns,
          { key: 'actions', header: <span className="visually-hidden">{t('verval.col.action')}</span>, className: 'actions', cell },
        ]
      : columns;
  return (
    <>
      <Masked />
      <DataTable
        caption={caption}
        columns={all}
        rows={data?.items ?? null}
        rowKey={rowKey}
        {...load}
        empty={empty}
        paging={data ? { page: data.page, pageSize: data.pageSize || PROGRAM_PAGE_SIZE, total: data.total, onPage } : undefined}
      />
    </>
  );
}

function useCommon() {
  const t = useT();
  const locale = useLocale();
  const empty = t('value.empty');
  const number = (v: number | null) => (v === null ? empty : formatNumber(v, locale));
  const period = (since: string, until: string | null) => `${formatDate(since, locale)}${until ? ` – ${formatDate(until, locale)}` : ''}`;
  return { t, empty, number, period };
}

export function KpmTable({ program, ...table }: TableProps<KpmItem> & { program: string }) {
  const { t, empty, number, period } = useCommon();
  const reason = useReasonText();
  const columns: Column<KpmItem>[] = [
    { key: 'idbdt', header: t('list.col.idbdt'), className: 'mono nowrap', cell: (k) => formatIdbdt(k.idbdt) },
    { key: 'krt', header: t('verval.col.household'), rowHeader: true, cell: (k) => <Named name={k.nama_krt} desa={k.nama_desa} /> },
    { key: 'persentil', header: t('prog.col.persentil'), num: true, cell: (k) => number(k.persentil) },
    { key: 'pengurus', header: t('prog.col.pengurus'), cell: (k) => k.nama_pengurus ?? k.id_pengurus ?? empty },
    { key: 'kks', header: t('prog.col.noKks'), className: 'mono', cell: (k) => k.no_kks ?? empty },
    { key: 'rekening', header: t('prog.col.noRekening'), className: 'mono', cell: (k) => k.no_rekening ?? empty },
    { key: 'status', header: t('list.col.status'), cell: (k) => <StatusBadge status={k.status} /> },
    { key: 'period', header: t('prog.col.period'), className: 'nowrap', cell: (k) => period(k.since, k.until) },
    { key: 'reason', header: t('prog.col.reason'), cell: (k) => (k.reason === null ? empty : reason(k.reason)) },
  ];
  const name = (k: KpmItem) => k.nama_krt ?? formatIdbdt(k.idbdt);
  return (
    <ProgramTable
      {...table}
      caption={t('prog.caption.kpm', { program })}
      columns={columns}
      rowKey={(k) => `${k.program}-${k.idbdt}`}
      empty={t('prog.empty.kpm')}
      actions={(k, act) =>
        k.status !== 'AKTIF'
          ? []
          : [
              { label: t('prog.action.ganti'), name: name(k), onClick: () => act({ kind: 'GANTI', kpm: k }) },
              { label: t('prog.action.ubah'), name: name(k), onClick: () => act({ kind: 'UBAH', kpm: k }) },
              { label: t('prog.action.hapus'), name: name(k), danger: true, onClick: () => act({ kind: 'HAPUS', kpm: k }) },
            ]
      }
    />
  );
}

export function PbiTable(table: TableProps<PbiItem>) {
  const { t, empty, number, period } = useCommon();
  const reason = useReasonText();
  const columns: Column<PbiItem>[] = [
    { key: 'idartbdt', header: t('prog.col.idartbdt'), className: 'mono nowrap', cell: (p) => formatIdbdt(p.idartbdt) },
    { key: 'nama', header: t('prog.col.nama'), rowHeader: true, cell: (p) => <Named name={p.nama} desa={p.nama_desa} /> },
    { key: 'nik', header: t('prog.col.nik'), className: 'mono', cell: (p) => formatNik(p.nik) },
    { key: 'persentil', header: t('prog.col.persentil'), num: true, cell: (p) => number(p.persentil) },
    { key: 'kartu', header: t('prog.col.noKartu'), className: 'mono', cell: (p) => p.no_kartu ?? t('prog.noCard') },
    { key: 'status', header: t('list.col.status'), cell: (p) => <StatusBadge status={p.status} /> },
    { key: 'period', header: t('prog.col.period'), className: 'nowrap', cell: (p) => period(p.since, p.until) },
    { key: 'reason', header: t('prog.col.reason'), cell: (p) => (p.reason === null ? empty : reason(p.reason)) },
  ];
  return (
    <ProgramTable
      {...table}
      caption={t('prog.caption.pbi')}
      columns={columns}
      rowKey={(p) => p.idartbdt}
      empty={t('prog.empty.pbi')}
      actions={(p, act) =>
        p.status === 'AKTIF'
          ? [{ label: t('prog.action.nonaktif'), name: p.nama, danger: true, onClick: () => act({ kind: 'NONAKTIF', pbi: p }) }]
          : []
      }
    />
  );
}

type WaitingItem = KpmWaitingItem | PbiWaitingItem;

/** The waiting list of a module: households (BSP) or members (PBI), best placed first. */
export function WaitingTable(table: TableProps<WaitingItem>) {
  const { data } = table;
  const { t, number } = useCommon();
  const offset = data ? (data.page - 1) * (data.pageSize || PROGRAM_PAGE_SIZE) : 0;
  const rank = (row: WaitingItem) => (data ? data.items.indexOf(row) + 1 + offset : 0);
  const isMember = (row: WaitingItem): row is PbiWaitingItem => 'idartbdt' in row;
  const columns: Column<WaitingItem>[] = [
    { key: 'rank', header: t('prog.col.rank'), num: true, cell: (w) => number(rank(w)) },
    { key: 'idbdt', header: t('list.col.idbdt'), className: 'mono nowrap', cell: (w) => formatIdbdt(isMember(w) ? w.idartbdt : w.idbdt) },
    {
      key: 'name',
      header: t('prog.col.nama'),
      rowHeader: true,
      cell: (w) => <Named name={isMember(w) ? `${w.nama} (${formatNik(w.nik)})` : w.namaKrt} desa={w.namaDesa} />,
    },
    { key: 'persentil', header: t('prog.col.persentil'), num: true, cell: (w) => number(w.persentil) },
    { key: 'members', header: t('prog.col.members'), num: true, cell: (w) => number(w.members) },
    { key: 'vulnerable', header: t('prog.col.vulnerable'), num: true, cell: (w) => number(w.vulnerable) },
  ];
  return (
    <ProgramTable
      {...table}
      caption={t('prog.caption.waiting')}
      columns={columns}
      rowKey={(w) => (isMember(w) ? w.idartbdt : w.idbdt)}
      empty={t('prog.empty.waiting')}
      actions={(w, act) =>
        isMember(w) ? [{ label: t('prog.action.usul'), name: w.nama, onClick: () => act({ kind: 'USUL', member: w }) }] : []
      }
    />
  );
}

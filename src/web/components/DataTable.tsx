// The one table of the web app: caption, column headers with scope, row headers, an empty state,
// loading and error states, server paging and sorting, and a slot for actions such as an export.
import { Fragment, useId, type MouseEvent, type ReactNode } from 'react';
import { pageCount, pageRange } from '../filters.ts';
import { formatNumber } from '../format.ts';
import { useLocale, useT, type MessageKey, type Translate } from '../i18n/index.ts';
import { ErrorBox, Loading } from './Status.tsx';

export type SortDir = 'asc' | 'desc';

/** A message prefix with both `<prefix>.caption` and `<prefix>.empty`: the texts of one table. */
export type TableTexts = {
  [K in MessageKey]: K extends `${infer P}.caption` ? (`${P}.empty` extends MessageKey ? P : never) : never;
}[MessageKey];

/** A table's idPrefix, caption and empty text from its message prefix ('pkh.candidates' → id 'pkh-candidates'). */
export function tableTexts(t: Translate, prefix: TableTexts) {
  return { idPrefix: prefix.replaceAll('.', '-'), caption: t(`${prefix}.caption`), empty: t(`${prefix}.empty`) };
}

export interface Column<T> {
  /** Unique among the columns (the React key). */
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** A number: right-aligned header and cells (class "num"). */
  num?: boolean;
  /** Extra class of the column's cells, e.g. 'mono', 'nowrap'. */
  className?: string;
  /** The cell names its row (rendered as <th scope="row">), e.g. a title or a name. */
  rowHeader?: boolean;
  /** The API's sort key of this column; with `sort` the header becomes a sort button. */
  sortKey?: string;
}

export interface Paging {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

export interface Sorting {
  key: string;
  dir: SortDir;
  /** Called with the new order: a new column starts ascending, the same column flips. */
  onSort: (key: string, dir: SortDir) => void;
}

/** The load state a table shows (from useData): rows being reloaded, the error and its retry. */
export interface TableLoad {
  /** A reload is running (rows kept, the table is marked busy). */
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
}

export interface DataTableProps<T> extends TableLoad {
  /** The table's caption (its accessible name). */
  caption: ReactNode;
  /** id of the caption (the scrolling region is labelled by it); default `${idPrefix}-caption`. */
  captionId?: string;
  /** Prefix of the table's ids (the caption's); default: unique per table, so tables of a page never share one. */
  idPrefix?: string;
  columns: readonly Column<T>[];
  /** null/undefined before the first answer: the loading state. */
  rows: readonly T[] | null | undefined;
  rowKey: (row: T) => string | number;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Server paging: "Menampilkan 1–25 dari 3.000" above and the page buttons below. */
  paging?: Paging;
  /** The count line of a paged table in the page's own words (default "Menampilkan {from}–{to} dari {total}"). */
  showing?: (range: { from: string; to: string; total: string }) => ReactNode;
  sort?: Sorting;
  /** Buttons over the table, e.g. "Export Excel". */
  actions?: ReactNode;
  /** The whole row opens something for mouse and touch users (keep a link in a cell for keyboards). */
  onRowClick?: (row: T, e: MouseEvent<HTMLTableRowElement>) => void;
  /** Extra class of the <table> (e.g. 'table-rows' for clickable rows). */
  tableClassName?: string;
  /** A second <tr> after a row (e.g. its expandable details, colSpan the whole width), or null. */
  afterRow?: (row: T) => ReactNode;
  /** Class of a row's <tr> (e.g. 'row-conflict' to highlight it), or undefined. */
  rowClassName?: (row: T) => string | undefined;
  /** A scrolling region the keyboard can reach (wide tables); default true. */
  scrollable?: boolean;
  /** Rows of the table's footer (a totals row), rendered with the same columns. */
  footRows?: readonly T[];
  /** Class of each footer row, e.g. 'fin-total-row'. */
  footRowClassName?: string;
}

/** What a page hands through to its table component: the load state and the paging. */
export type TableState = Pick<DataTableProps<never>, 'loading' | 'error' | 'onRetry' | 'paging'>;

/** Previous / "Halaman 2 dari 800" / next. */
export function Pagination({ page, pageSize, total, onPage }: Paging) {
  const t = useT();
  const locale = useLocale();
  const pages = pageCount(total, pageSize);
  return (
    <nav className="pagination" aria-label={t('list.pagination')}>
      <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
        {t('list.prev')}
      </button>
      <span className="page-of">{t('list.pageOf', { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</span>
      <button type="button" className="btn btn-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('list.next')}
      </button>
    </nav>
  );
}

function HeaderCell<T>({ col, sort }: { col: Column<T>; sort?: Sorting }) {
  const t = useT();
  const sortable = sort && col.sortKey;
  const active = sortable && sort.key === col.sortKey;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" className={col.num ? 'num' : undefined} aria-sort={ariaSort}>
      {sortable ? (
        <button
          type="button"
          className="sort-button"
          onClick={() => sort.onSort(col.sortKey!, active && sort.dir === 'asc' ? 'desc' : 'asc')}
        >
          {col.header}
          <span className="visually-hidden"> {t(active && sort.dir === 'asc' ? 'table.sortDesc' : 'table.sortAsc')}</span>
          <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      ) : (
        col.header
      )}
    </th>
  );
}

export function DataTable<T>(props: DataTableProps<T>) {
  const t = useT();
  const locale = useLocale();
  const autoId = useId();
  const { columns, rows, paging, idPrefix = `table${autoId}`, scrollable = true } = props;
  const captionId = props.captionId ?? `${idPrefix}-caption`;
  const range = paging && rows ? pageRange(paging.page, paging.pageSize, paging.total) : null;
  const cellClass = (c: Column<T>) => [c.num ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined;

  const cells = (row: T) =>
    columns.map((c) =>
      c.rowHeader ? (
        <th key={c.key} scope="row" className={cellClass(c)}>
          {c.cell(row)}
        </th>
      ) : (
        <td key={c.key} className={cellClass(c)}>
          {c.cell(row)}
        </td>
      ),
    );

  const table = rows && rows.length > 0 && (
    <table className={props.tableClassName ? `table ${props.tableClassName}` : 'table'}>
      <caption id={captionId}>{props.caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <HeaderCell key={c.key} col={c} sort={props.sort} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Fragment key={props.rowKey(row)}>
            <tr className={props.rowClassName?.(row)} onClick={props.onRowClick ? (e) => props.onRowClick?.(row, e) : undefined}>
              {cells(row)}
            </tr>
            {props.afterRow?.(row)}
          </Fragment>
        ))}
      </tbody>
      {props.footRows && props.footRows.length > 0 && (
        <tfoot>
          {props.footRows.map((row, i) => (
            <tr key={i} className={props.footRowClassName}>
              {cells(row)}
            </tr>
          ))}
        </tfoot>
      )}
    </table>
  );

  return (
    <div className="data-table" aria-busy={props.loading || undefined}>
      {props.actions && <div className="table-actions">{props.actions}</div>}
      {props.error && <ErrorBox message={props.error} onRetry={props.onRetry} />}
      {paging ? (
        <p className="result-count" role="status">
          {!rows
            ? props.loading
              ? t('app.loading')
              : ''
            : range && range.from > 0
              ? (props.showing ?? ((r) => t('list.showing', r)))({
                  from: formatNumber(range.from, locale),
                  to: formatNumber(range.to, locale),
                  total: formatNumber(paging.total, locale),
                })
              : props.empty}
        </p>
      ) : (
        !rows && !props.error && <Loading />
      )}
      {!paging && rows && rows.length === 0 && <p className="empty">{props.empty}</p>}
      {table &&
        (scrollable ? (
          <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
            {table}
          </div>
        ) : (
          <div className="table-wrap">{table}</div>
        ))}
      {paging && rows && <Pagination {...paging} />}
    </div>
  );
}

// F13 View Data Kesos: the server-paged household list with its filters in the URL.
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { api, type HouseholdListItem, type Page, type RegionRef } from '../api/client.ts';
import { exportsApi } from '../api/exports.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { ExportButtons } from '../components/DownloadButtons.tsx';
import { AreaFilter } from '../components/RegionPicker.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { StatusBadge, useDocumentTitle } from '../components/Status.tsx';
import {
  HOUSEHOLD_PROGRAM_FILTERS,
  PAGE_SIZE,
  parseFilter,
  regionFilterPlan,
  rememberListSearch,
  SEARCH_DIGITS,
  searchProblem,
  serializeFilter,
  toHouseholdQuery,
  type HouseholdProgramFilter,
  type ListFilter,
  type RegionFilterPlan,
} from '../filters.ts';
import { desil, formatIdbdt, formatNumber } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { useData } from '../lib/useData.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';

const LIST_PATH = '/data-kesos';

const PROGRAM_FILTER_LABEL: Record<HouseholdProgramFilter, MessageKey> = {
  BPNT: 'list.program.BPNT',
  RASTRA: 'list.program.RASTRA',
  PBI: 'list.program.PBI',
  PKH: 'list.program.PKH',
};
const SEARCH_DEBOUNCE_MS = 350;

/** Applies a change to the filter in the URL; every change but paging goes back to page 1. */
function updateFilter(patch: Partial<ListFilter>, replace = false): void {
  // Read the URL now, not a rendered copy: a debounced update must not undo a later select change.
  const current = parseFilter(window.location.search);
  const next: ListFilter = { ...current, page: 1, ...patch };
  navigate(LIST_PATH + serializeFilter(next), { replace });
}

function SearchBox({ value }: { value: string }) {
  const t = useT();
  const allowed = useCan();
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Back/forward or "Hapus filter" change the URL: show its value.
  useEffect(() => {
    clearTimeout(timer.current);
    setText(value);
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (v: string) => {
    setText(v);
    clearTimeout(timer.current);
    // Typing replaces the history entry: Back leaves the list instead of replaying keystrokes.
    // A row opened before the timer fires wins: never pull the user back to the list.
    timer.current = setTimeout(() => {
      if (window.location.pathname === LIST_PATH) updateFilter({ q: v }, true);
    }, SEARCH_DEBOUNCE_MS);
  };

  return (
    <form
      role="search"
      className="field field-search"
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        updateFilter({ q: text });
      }}
    >
      <label htmlFor="filter-q">{t('list.search')}</label>
      <input
        id="filter-q"
        type="search"
        value={text}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        aria-describedby="filter-q-hint"
        onChange={(e) => onChange(e.target.value)}
      />
      <small id="filter-q-hint" className="hint">
        {t(allowed('personal:unmasked') ? 'list.searchHint' : 'list.searchHintMasked')}
      </small>
    </form>
  );
}

/** Where the region filter starts for this user's scope (see regionFilterPlan), or null for none. */
function regionFilterRoot(plan: RegionFilterPlan): { root: string; rootItems?: RegionRef[] } | null {
  switch (plan.kind) {
    case 'kecamatan':
      return { root: plan.districtCode };
    case 'desaOfKecamatan':
      return { root: plan.kecamatanCode };
    case 'desaList':
      // An operator's own desa list: one select of exactly those (its "parent" is only a key).
      return { root: plan.desa[0]?.code.slice(0, 6) ?? '', rootItems: plan.desa };
    case 'national':
      return { root: '' };
    case 'province':
      return { root: plan.provinceCode };
    case 'none':
      return null;
  }
}

export function Filters({ filter }: { filter: ListFilter }) {
  const t = useT();
  const { me } = useSession();
  const region = useMemo(() => regionFilterRoot(regionFilterPlan(me.regions)), [me.regions]);
  const hasFilter =
    filter.q !== '' ||
    filter.provinsi !== '' ||
    filter.kab !== '' ||
    filter.kecamatan !== '' ||
    filter.desa !== '' ||
    filter.status !== '' ||
    filter.desil !== null ||
    filter.program !== '';

  return (
    <section className="filters card" aria-label={t('list.filters')}>
      <SearchBox value={filter.q} />
      {region && <AreaFilter root={region.root} rootItems={region.rootItems} idPrefix="filter" value={filter} onChange={updateFilter} />}
      <SelectField
        id="filter-status"
        label={t('list.status')}
        value={filter.status}
        onChange={(v) => updateFilter({ status: v === 'AKTIF' || v === 'NONAKTIF' ? v : '' })}
        emptyLabel={t('list.allStatus')}
        options={(['AKTIF', 'NONAKTIF'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <SelectField
        id="filter-desil"
        label={t('list.desil')}
        value={filter.desil === null ? '' : String(filter.desil)}
        onChange={(v) => updateFilter({ desil: v ? Number(v) : null })}
        emptyLabel={t('list.allDesil')}
        options={Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: t('list.desilN', { n: i + 1 }) }))}
      />
      <SelectField
        id="filter-program"
        label={t('list.program')}
        value={filter.program}
        onChange={(v) => updateFilter({ program: HOUSEHOLD_PROGRAM_FILTERS.find((p) => p === v) ?? '' })}
        emptyLabel={t('list.allPrograms')}
        options={HOUSEHOLD_PROGRAM_FILTERS.map((p) => ({ value: p, label: t(PROGRAM_FILTER_LABEL[p]) }))}
      />
      <div className="field field-actions">
        <button type="button" className="btn btn-secondary" disabled={!hasFilter} onClick={() => navigate(LIST_PATH)}>
          {t('list.reset')}
        </button>
      </div>
    </section>
  );
}

/** The columns of the household list. */
function useHouseholdColumns(): Column<HouseholdListItem>[] {
  const t = useT();
  const locale = useLocale();
  const empty = t('value.empty');
  return [
    {
      key: 'idbdt',
      header: t('list.col.idbdt'),
      className: 'mono',
      cell: (h) => <Link to={`${LIST_PATH}/${h.idbdt}`}>{formatIdbdt(h.idbdt)}</Link>,
    },
    {
      key: 'namaKrt',
      header: t('list.col.namaKrt'),
      cell: (h) => (
        <>
          {h.nama_krt ?? empty}
          {/* A search by name, NIK or No KK: the member who matched, by name and IDARTBDT. */}
          {h.matchedMember && (
            <span className="matched-member">
              {t('list.matchedLabel')} <strong>{h.matchedMember.nama}</strong>{' '}
              <span className="mono small">{formatIdbdt(h.matchedMember.idartbdt)}</span>
            </span>
          )}
        </>
      ),
    },
    { key: 'alamat', header: t('list.col.alamat'), cell: (h) => h.alamat },
    { key: 'desa', header: t('list.col.desa'), cell: (h) => h.nama_desa },
    { key: 'kecamatan', header: t('list.col.kecamatan'), cell: (h) => h.nama_kecamatan },
    {
      key: 'jumlahArt',
      header: t('list.col.jumlahArt'),
      num: true,
      cell: (h) => (h.jumlah_art == null ? empty : formatNumber(h.jumlah_art, locale)),
    },
    { key: 'desil', header: t('list.col.desil'), num: true, cell: (h) => desil(h.persentil) ?? empty },
    { key: 'status', header: t('list.col.status'), cell: (h) => <StatusBadge status={h.status} /> },
  ];
}

// The whole row opens the household for mouse and touch users; keyboard users use the IDBDT link.
function openRow(h: HouseholdListItem, e: MouseEvent<HTMLTableRowElement>): void {
  if ((e.target as HTMLElement).closest('a, button')) return;
  if (window.getSelection()?.toString()) return; // the user is selecting text to copy
  navigate(`${LIST_PATH}/${h.idbdt}`);
}

/** The household table with its count line and paging (server-paged: `data` is one page). */
export function ResultsTable({
  data,
  loading = false,
  error = null,
  onRetry,
}: {
  data: (Page<HouseholdListItem> & { totalApproximate?: boolean }) | null;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
}) {
  const t = useT();
  const columns = useHouseholdColumns();
  return (
    <DataTable
      captionId="list-caption"
      caption={t('list.caption')}
      columns={columns}
      rows={data?.items}
      rowKey={(h) => h.idbdt}
      loading={loading}
      error={error}
      onRetry={onRetry}
      empty={t('list.empty')}
      tableClassName="table-rows"
      onRowClick={openRow}
      // A large list's total is a count of up to a minute ago (finding 10 of issue 9): say "about".
      showing={data?.totalApproximate ? (r) => t('list.showingAbout', r) : undefined}
      paging={
        data
          ? { page: data.page, pageSize: data.pageSize || PAGE_SIZE, total: data.total, onPage: (page) => updateFilter({ page }) }
          : undefined
      }
    />
  );
}

/** In place of the results: a number searched with the wrong count of digits. */
export function SearchProblem({ digits }: { digits: number }) {
  const t = useT();
  return (
    <p className="alert alert-info search-problem" role="status">
      {t('list.searchLength', { n: digits, want: SEARCH_DIGITS })}
    </p>
  );
}

export function HouseholdListPage() {
  const t = useT();
  useDocumentTitle(t('list.title'));
  const { search } = useLocation();
  const filter = useMemo(() => parseFilter(search), [search]);
  const query = useMemo(() => toHouseholdQuery(filter), [filter]);
  // A number of the wrong length matches nothing: say why instead of asking the server.
  const problem = searchProblem(filter.q);
  const list = useData((signal) => api.households(query, signal), [query], problem === null);
  const { page: _page, pageSize: _pageSize, ...exportQuery } = query;

  useEffect(() => rememberListSearch(search), [search]);

  return (
    <div className="list-page">
      <h1>{t('list.title')}</h1>
      <Filters filter={filter} />
      <ExportButtons download={(format) => exportsApi.households(format, exportQuery)} />
      <div className="results">
        {problem ? (
          <SearchProblem digits={problem.digits} />
        ) : (
          <ResultsTable data={list.data} loading={list.loading} error={list.error} onRetry={list.reload} />
        )}
      </div>
    </div>
  );
}

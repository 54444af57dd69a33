// F13 View Data Kesos: the server-paged household list with its filters in the URL.
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { ApiError, api, isAbort, type HouseholdListItem, type Page, type Region, type RegionRef } from '../api/client.ts';
import { ErrorBox, StatusBadge, useDocumentTitle } from '../components/Status.tsx';
import {
  PAGE_SIZE,
  pageCount,
  pageRange,
  parseFilter,
  regionFilterPlan,
  rememberListSearch,
  serializeFilter,
  toHouseholdQuery,
  type ListFilter,
} from '../filters.ts';
import { desil, formatNumber } from '../format.ts';
import { translate, useLocale, useT } from '../i18n/index.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';

const LIST_PATH = '/data-kesos';
const SEARCH_DEBOUNCE_MS = 350;

/** Applies a change to the filter in the URL; every change but paging goes back to page 1. */
function updateFilter(patch: Partial<ListFilter>, replace = false): void {
  // Read the URL now, not a rendered copy: a debounced update must not undo a later select change.
  const current = parseFilter(window.location.search);
  const next: ListFilter = { ...current, page: 1, ...patch };
  navigate(LIST_PATH + serializeFilter(next), { replace });
}

/** Children of a region, or null while loading / when `parent` is null. */
function useRegionChildren(parent: string | null): Region[] | null {
  const [state, setState] = useState<{ parent: string; items: Region[] } | null>(null);
  useEffect(() => {
    if (!parent) return;
    let live = true;
    api.regions(parent).then(
      (items) => live && setState({ parent, items }),
      () => live && setState({ parent, items: [] }), // the select then offers "all" only
    );
    return () => {
      live = false;
    };
  }, [parent]);
  return parent && state?.parent === parent ? state.items : null;
}

/** Options of a region select, keeping the selected code visible even before its list has loaded. */
function regionOptions(items: readonly RegionRef[] | null, selected: string): RegionRef[] {
  const list = items ? [...items] : [];
  if (selected && !list.some((r) => r.code === selected)) list.unshift({ code: selected, name: selected, level: 'desa' });
  return list;
}

function SearchBox({ value }: { value: string }) {
  const t = useT();
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
    timer.current = setTimeout(() => updateFilter({ q: v }, true), SEARCH_DEBOUNCE_MS);
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
        {t('list.searchHint')}
      </small>
    </form>
  );
}

export function Filters({ filter }: { filter: ListFilter }) {
  const t = useT();
  const { me } = useSession();
  const plan = useMemo(() => regionFilterPlan(me.regions), [me.regions]);
  const kecamatanItems = useRegionChildren(plan.kind === 'kecamatan' ? plan.districtCode : null);
  const desaParent = plan.kind === 'kecamatan' ? filter.kecamatan || null : plan.kind === 'desaOfKecamatan' ? plan.kecamatanCode : null;
  const desaChildren = useRegionChildren(desaParent);
  const desaItems = plan.kind === 'desaList' ? plan.desa : desaChildren;
  const desaDisabled = plan.kind === 'kecamatan' && !filter.kecamatan;
  const hasFilter = filter.q !== '' || filter.kecamatan !== '' || filter.desa !== '' || filter.status !== '' || filter.desil !== null;

  return (
    <section className="filters card" aria-label={t('list.filters')}>
      <SearchBox value={filter.q} />
      {plan.kind === 'kecamatan' && (
        <div className="field">
          <label htmlFor="filter-kecamatan">{t('list.kecamatan')}</label>
          <select id="filter-kecamatan" value={filter.kecamatan} onChange={(e) => updateFilter({ kecamatan: e.target.value, desa: '' })}>
            <option value="">{t('list.allKecamatan')}</option>
            {regionOptions(kecamatanItems, filter.kecamatan).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {plan.kind !== 'none' && (
        <div className="field">
          <label htmlFor="filter-desa">{t('list.desa')}</label>
          <select id="filter-desa" value={filter.desa} disabled={desaDisabled} onChange={(e) => updateFilter({ desa: e.target.value })}>
            <option value="">{t('list.allDesa')}</option>
            {!desaDisabled &&
              regionOptions(desaItems, filter.desa).map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="filter-status">{t('list.status')}</label>
        <select
          id="filter-status"
          value={filter.status}
          onChange={(e) => updateFilter({ status: e.target.value === 'AKTIF' || e.target.value === 'NONAKTIF' ? e.target.value : '' })}
        >
          <option value="">{t('list.allStatus')}</option>
          <option value="AKTIF">{t('status.AKTIF')}</option>
          <option value="NONAKTIF">{t('status.NONAKTIF')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-desil">{t('list.desil')}</label>
        <select
          id="filter-desil"
          value={filter.desil ?? ''}
          onChange={(e) => updateFilter({ desil: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{t('list.allDesil')}</option>
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {t('list.desilN', { n })}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-actions">
        <button type="button" className="btn btn-secondary" disabled={!hasFilter} onClick={() => navigate(LIST_PATH)}>
          {t('list.reset')}
        </button>
      </div>
    </section>
  );
}

export function ResultsTable({ items }: { items: HouseholdListItem[] }) {
  const t = useT();
  const locale = useLocale();
  const empty = t('value.empty');

  // The whole row opens the household for mouse and touch users; keyboard users use the IDBDT link.
  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, idbdt: string) => {
    if ((e.target as HTMLElement).closest('a, button')) return;
    if (window.getSelection()?.toString()) return; // the user is selecting text to copy
    navigate(`${LIST_PATH}/${idbdt}`);
  };

  return (
    <div className="table-wrap" role="region" aria-labelledby="list-caption" tabIndex={0}>
      <table className="table table-rows">
        <caption id="list-caption">{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.col.idbdt')}</th>
            <th scope="col">{t('list.col.namaKrt')}</th>
            <th scope="col">{t('list.col.alamat')}</th>
            <th scope="col">{t('list.col.desa')}</th>
            <th scope="col">{t('list.col.kecamatan')}</th>
            <th scope="col" className="num">
              {t('list.col.jumlahArt')}
            </th>
            <th scope="col" className="num">
              {t('list.col.desil')}
            </th>
            <th scope="col">{t('list.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr key={h.idbdt} onClick={(e) => onRowClick(e, h.idbdt)}>
              <td className="mono">
                <Link to={`${LIST_PATH}/${h.idbdt}`}>{h.idbdt}</Link>
              </td>
              <td>{h.nama_krt ?? empty}</td>
              <td>{h.alamat}</td>
              <td>{h.nama_desa}</td>
              <td>{h.nama_kecamatan}</td>
              <td className="num">{h.jumlah_art == null ? empty : formatNumber(h.jumlah_art, locale)}</td>
              <td className="num">{desil(h.persentil) ?? empty}</td>
              <td>
                <StatusBadge status={h.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pagination({ filter, data }: { filter: ListFilter; data: Page<HouseholdListItem> }) {
  const t = useT();
  const locale = useLocale();
  const pages = pageCount(data.total, data.pageSize || PAGE_SIZE);
  const page = filter.page;
  return (
    <nav className="pagination" aria-label={t('list.pagination')}>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={page <= 1}
        onClick={() => updateFilter({ page: Math.min(page - 1, pages) })}
      >
        {t('list.prev')}
      </button>
      <span className="page-of">{t('list.pageOf', { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</span>
      <button type="button" className="btn btn-secondary" disabled={page >= pages} onClick={() => updateFilter({ page: page + 1 })}>
        {t('list.next')}
      </button>
    </nav>
  );
}

export function HouseholdListPage() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('list.title'));
  const { search } = useLocation();
  const filter = useMemo(() => parseFilter(search), [search]);
  const queryKey = JSON.stringify(toHouseholdQuery(filter));
  const [data, setData] = useState<Page<HouseholdListItem> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => rememberListSearch(search), [search]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api
      .households(JSON.parse(queryKey) as ReturnType<typeof toHouseholdQuery>, ctrl.signal)
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        setError(e instanceof ApiError ? e.message : translate('error.generic'));
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [queryKey, attempt]);

  const range = data ? pageRange(filter.page, data.pageSize || PAGE_SIZE, data.total) : null;

  return (
    <div className="list-page">
      <h1>{t('list.title')}</h1>
      <Filters filter={filter} />
      {error && <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />}
      <div className="results" aria-busy={loading}>
        <p className="result-count" role="status">
          {loading && !data
            ? t('app.loading')
            : data && range && range.from > 0
              ? t('list.showing', {
                  from: formatNumber(range.from, locale),
                  to: formatNumber(range.to, locale),
                  total: formatNumber(data.total, locale),
                })
              : data
                ? t('list.empty')
                : ''}
        </p>
        {data && data.items.length > 0 && <ResultsTable items={data.items} />}
        {data && <Pagination filter={filter} data={data} />}
      </div>
    </div>
  );
}

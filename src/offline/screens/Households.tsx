// O2: households of the scope, searched by name prefix, NIK/No KK or IDBDT, filtered by desa,
// status and work done; paged. The search runs on the in-memory index (lib/search.ts).

import { useDeferredValue, useMemo, useState } from 'react';
import { formatIdbdt, formatRegionCode } from '../../shared/codes.ts';
import { ListTable, Pager } from '../components.tsx';
import { formatNumber, useLang, useT } from '../i18n.ts';
import { scopeLabel } from '../lib/release.ts';
import { useApp } from '../state.tsx';
import { decisionKey, latestBySubject, workMatches, type WorkFilter, WORK_FILTERS } from '../work.ts';

const PAGE_SIZE = 25;

export function Households() {
  const t = useT();
  const lang = useLang();
  const { inst } = useApp();
  const [q, setQ] = useState('');
  const [region, setRegion] = useState('');
  const [status, setStatus] = useState<'' | 'AKTIF' | 'NONAKTIF'>('');
  const [work, setWork] = useState<WorkFilter>('');
  const [page, setPage] = useState(1);
  const query = useDeferredValue(q);
  const latest = useMemo(() => latestBySubject(inst.proposals), [inst.proposals]);
  const regionName = useMemo(() => new Map(inst.regions.map((r) => [r.code, r.name])), [inst.regions]);
  const desaCodes = useMemo(() => inst.index.desaCodes(), [inst.index]);

  const { result, ms } = useMemo(() => {
    const started = performance.now();
    const r = inst.index.search({
      q: query,
      region: region || undefined,
      status: status || undefined,
      filter: work ? (idbdt) => workMatches(work, latest.get(idbdt)) : undefined,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    return { result: r, ms: performance.now() - started };
  }, [inst.index, query, region, status, work, page, latest]);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));

  const reset =
    <V,>(set: (v: V) => void) =>
    (v: V) => {
      set(v);
      setPage(1);
    };

  return (
    <main id="main">
      <h1>{t('list.title')}</h1>
      <p className="muted">{t('list.scope', { scope: scopeLabel(inst.meta.scope, inst.regions) })}</p>
      <div className="filters" role="search">
        <div className="field grow">
          <label htmlFor="q">{t('list.search')}</label>
          <input
            id="q"
            type="search"
            value={q}
            placeholder={t('list.searchPlaceholder')}
            onChange={(e) => reset(setQ)(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="f-desa">{t('list.desa')}</label>
          <select id="f-desa" value={region} onChange={(e) => reset(setRegion)(e.target.value)}>
            <option value="">{t('list.allDesa')}</option>
            {desaCodes.map((d) => (
              <option key={d} value={d}>
                {regionName.get(d) ?? formatRegionCode(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t('list.status')}</label>
          <select id="f-status" value={status} onChange={(e) => reset(setStatus)(e.target.value as '' | 'AKTIF' | 'NONAKTIF')}>
            <option value="">{t('common.all')}</option>
            <option value="AKTIF">AKTIF</option>
            <option value="NONAKTIF">NONAKTIF</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-work">{t('list.work')}</label>
          <select id="f-work" value={work} onChange={(e) => reset(setWork)(e.target.value as WorkFilter)}>
            <option value="">{t('common.all')}</option>
            {WORK_FILTERS.map((w) => (
              <option key={w} value={w}>
                {t(`list.work.${w}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted" aria-live="polite" data-testid="result-count" data-query={query}>
        {t('list.found', { n: formatNumber(result.total, lang), ms: ms < 10 ? ms.toFixed(1) : Math.round(ms) })}
      </p>
      <ListTable
        head={[
          t('col.idbdt'),
          t('col.krt'),
          t('col.alamat'),
          t('col.desa'),
          { label: t('col.art'), className: 'num' },
          t('col.status'),
          t('col.work'),
        ]}
        items={result.items}
        empty={t('list.none')}
        row={(h) => {
          const p = latest.get(h.idbdt);
          return (
            <tr key={h.idbdt}>
              <td>
                <a href={`#/rt/${h.idbdt}`}>{formatIdbdt(h.idbdt)}</a>
              </td>
              <td>{h.nama_krt}</td>
              <td>{h.alamat}</td>
              <td>{regionName.get(h.kode_wilayah) ?? h.kode_wilayah}</td>
              <td className="num">{h.jumlah_art}</td>
              <td>{h.aktif ? 'AKTIF' : 'NONAKTIF'}</td>
              <td>
                {p ? (
                  <span className={`chip chip-${p.status}`}>
                    {p.feedback
                      ? t(decisionKey(p.feedback.decision))
                      : p.status === 'draft'
                        ? t('list.work.draft')
                        : t('list.work.exported')}
                  </span>
                ) : null}
              </td>
            </tr>
          );
        }}
      />
      <Pager page={page} pages={pages} onPage={setPage} />
    </main>
  );
}

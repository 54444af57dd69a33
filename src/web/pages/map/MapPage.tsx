// F14 Peta (/peta): the children of an area (provinces, districts, kecamatan or desa) drawn from
// their shapes and coloured by a chosen figure, a legend, the figures of a clicked area with a link
// to its View Data list and a way down into its children, breadcrumbs back up, and, for roles that
// see personal data, the households of the viewport from the district level on. The area and the
// figure live in the address (?parent=…&figure=…). Loaded lazily: Leaflet stays out of other pages.
import { useMemo, useState } from 'react';
import { type AreaFigures, type MapFigures, MAP_POINTS_MIN_ZOOM, mapApi } from '../../api/map.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { ErrorBox, Forbidden, useDocumentTitle } from '../../components/Status.tsx';
import { formatNumber } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { hasNationalScope, ownProvince, useCan } from '../../lib/abilities.ts';
import { useData } from '../../lib/useData.ts';
import { useRegionName } from '../../lib/useRegionChildren.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { useSession } from '../../session.ts';
import LeafletMap, { type PointsState } from './LeafletMap.tsx';
import {
  classBreaks,
  colourOf,
  crumbCodes,
  FIGURE_LABEL,
  figureValue,
  isShare,
  listHref,
  MAP_FIGURES,
  mapHref,
  NO_DATA_COLOUR,
  PALETTE,
  parseMapState,
  type MapFigure,
} from './map-figures.ts';
import './map.css';

/** Formats a figure's value for people: a count, a mean with one decimal, or a percentage. */
function useFormatValue() {
  const locale = useLocale();
  const t = useT();
  return (figure: MapFigure | 'count', value: number | null): string => {
    if (value === null) return t('map.noValue');
    if (figure !== 'count' && isShare(figure)) return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
    if (figure === 'meanDesil') return value.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return formatNumber(value, locale);
  };
}

function Crumb({ code, last, figure }: { code: string; last: boolean; figure: MapFigure }) {
  const t = useT();
  const name = useRegionName(code || null);
  const text = code === '' ? t('map.national') : (name ?? code);
  return (
    <li>
      {last ? (
        <span aria-current="page">{text}</span>
      ) : (
        <Link to={mapHref(code, figure)} data-testid={`map-crumb-${code || 'national'}`}>
          {text}
        </Link>
      )}
    </li>
  );
}

function Legend({ figure, breaks }: { figure: MapFigure; breaks: number[] }) {
  const t = useT();
  const format = useFormatValue();
  const bounds = [null, ...breaks, null];
  return (
    <figure className="map-legend" data-testid="map-legend">
      <figcaption>{t(FIGURE_LABEL[figure])}</figcaption>
      <ul>
        {PALETTE.map((colour, i) => (
          <li key={colour}>
            <span className="map-swatch" style={{ background: colour }} aria-hidden="true" />
            {bounds[i] === null
              ? t('map.legend.below', { value: format(figure, bounds[i + 1]!) })
              : bounds[i + 1] === null
                ? t('map.legend.from', { value: format(figure, bounds[i]!) })
                : t('map.legend.range', { from: format(figure, bounds[i]!), to: format(figure, bounds[i + 1]!) })}
          </li>
        ))}
        <li>
          <span className="map-swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
          {t('map.noValue')}
        </li>
      </ul>
    </figure>
  );
}

function AreaPanel({
  area,
  figures,
  onDrill,
  onZoom,
}: {
  area: AreaFigures;
  figures: MapFigures;
  onDrill: (() => void) | null;
  onZoom: () => void;
}) {
  const t = useT();
  const format = useFormatValue();
  const quota = (q: AreaFigures['kpm']) =>
    q.quota === null
      ? format('count', q.active)
      : t('map.quotaUse', { active: format('count', q.active), quota: format('count', q.quota), use: format('kpmUse', q.use) });
  const rows: [string, string][] = [
    [t('map.figure.households'), format('count', area.households)],
    [t('map.figure.meanDesil'), format('meanDesil', area.meanDesil)],
    [t('map.figure.lowDesilShare'), format('lowDesilShare', area.lowDesilShare)],
    [t('map.figure.proposalsWaiting'), format('count', area.proposalsWaiting)],
    [t('map.kpm'), quota(area.kpm)],
    [t('map.pbi'), quota(area.pbi)],
  ];
  return (
    <section className="map-panel" aria-labelledby="map-panel-title" data-testid="map-panel">
      <h2 id="map-panel-title">
        {area.name} <span className="muted">({area.code})</span>
      </h2>
      <dl className="map-figures">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {figures.level !== 'provinsi' && <p className="hint">{t('map.quotaNote', { period: figures.period })}</p>}
      <div className="actions">
        <Link to={listHref(area.code)} className="btn btn-primary" data-testid="map-area-list-link">
          {t('map.openList')}
        </Link>
        <button type="button" className="btn btn-secondary" onClick={onZoom} data-testid="map-zoom-area">
          {t('map.zoomArea')}
        </button>
        {onDrill && (
          <button type="button" className="btn btn-secondary" onClick={onDrill} data-testid="map-drill">
            {t('map.drill')}
          </button>
        )}
      </div>
    </section>
  );
}

function PointsNote({ state, masked, district }: { state: PointsState; masked: boolean; district: boolean }) {
  const t = useT();
  const locale = useLocale();
  let text: string;
  if (masked) text = t('map.points.masked');
  else if (!district) text = t('map.points.zoomToDistrict');
  else if (state.kind === 'loading') text = t('map.points.loading');
  else if (state.kind === 'error') text = t('map.points.error');
  else if (state.kind === 'tooWide') text = t('map.points.tooWide');
  else if (state.kind === 'shown')
    text = t(state.answer.kind === 'points' ? 'map.points.points' : 'map.points.clusters', {
      n: formatNumber(state.answer.total, locale),
      zoom: MAP_POINTS_MIN_ZOOM,
    });
  else text = '';
  return (
    <p className="hint map-points-note" role="status" data-testid={masked ? 'map-no-points' : 'map-points-status'}>
      {text}
    </p>
  );
}

function MapView({ parent, figure, start }: { parent: string; figure: MapFigure; start: string }) {
  const t = useT();
  const allowed = useCan();
  const format = useFormatValue();
  const [selected, setSelected] = useState<string | null>(null);
  const [points, setPoints] = useState<PointsState>({ kind: 'idle' });
  const [focus, setFocus] = useState<{ code: string; at: number } | null>(null);
  const figures = useData((signal) => mapApi.figures(parent, signal), [parent]);
  const shapes = useData((signal) => mapApi.boundaries(parent, signal), [parent]);
  const items = figures.data?.items ?? [];
  const breaks = useMemo(
    () =>
      classBreaks(
        figure,
        items.map((a) => figureValue(a, figure)),
      ),
    [figure, items],
  );
  const colours = useMemo(() => new Map(items.map((a) => [a.code, colourOf(figureValue(a, figure), breaks)])), [items, figure, breaks]);
  const area = items.find((a) => a.code === selected) ?? null;
  const masked = !allowed('personal:unmasked');
  const district = parent.length >= 4;
  // The shapes of the areas the user may see (an operator's map of its district shows its kecamatan).
  const visibleShapes = useMemo(() => {
    if (!shapes.data || !figures.data) return null;
    const shown = new Set(figures.data.items.map((a) => a.code));
    return { ...shapes.data, features: shapes.data.features.filter((f) => shown.has(f.id)) };
  }, [shapes.data, figures.data]);

  const columns: Column<AreaFigures>[] = [
    {
      key: 'name',
      header: t('map.col.area'),
      rowHeader: true,
      cell: (a) => (
        <button type="button" className="map-link-button" onClick={() => setSelected(a.code)} data-testid={`map-row-${a.code}`}>
          {a.name}
        </button>
      ),
    },
    { key: 'households', header: t('map.figure.households'), num: true, cell: (a) => format('count', a.households) },
    { key: 'meanDesil', header: t('map.figure.meanDesil'), num: true, cell: (a) => format('meanDesil', a.meanDesil) },
    { key: 'low', header: t('map.figure.lowDesilShare'), num: true, cell: (a) => format('lowDesilShare', a.lowDesilShare) },
    { key: 'waiting', header: t('map.figure.proposalsWaiting'), num: true, cell: (a) => format('count', a.proposalsWaiting) },
    { key: 'kpm', header: t('map.figure.kpmUse'), num: true, cell: (a) => format('kpmUse', a.kpm.use) },
    { key: 'pbi', header: t('map.figure.pbiUse'), num: true, cell: (a) => format('pbiUse', a.pbi.use) },
  ];

  return (
    <>
      <nav aria-label={t('map.breadcrumbs')} className="map-breadcrumbs" data-testid="map-breadcrumbs">
        <ol>
          {crumbCodes(start, parent).map((code, i, all) => (
            <Crumb key={code || 'national'} code={code} last={i === all.length - 1} figure={figure} />
          ))}
        </ol>
      </nav>
      <div className="map-toolbar">
        <SelectField
          id="map-figure"
          label={t('map.figure')}
          value={figure}
          onChange={(v) => navigate(mapHref(parent, v as MapFigure), { replace: true })}
          options={MAP_FIGURES.map((f) => ({ value: f, label: t(FIGURE_LABEL[f]) }))}
        />
        <PointsNote state={points} masked={masked} district={district} />
      </div>
      {(figures.error || shapes.error) && (
        <ErrorBox message={figures.error ?? shapes.error ?? ''} onRetry={figures.error ? figures.reload : shapes.reload} />
      )}
      <div className="map-layout">
        <div className="map-main">
          <LeafletMap
            shapes={visibleShapes}
            colours={colours}
            selected={selected}
            onSelect={setSelected}
            pointsKab={!masked && district ? parent.slice(0, 4) : null}
            onPoints={setPoints}
            focus={focus}
            label={t('map.canvasLabel')}
          />
          {shapes.data && shapes.data.features.length === 0 && (
            <p className="hint" data-testid="map-no-shapes">
              {t('map.noShapes')}
            </p>
          )}
          <Legend figure={figure} breaks={breaks} />
        </div>
        <aside className="map-side">
          {area && figures.data ? (
            <AreaPanel
              area={area}
              figures={figures.data}
              onDrill={figures.data.level === 'desa' ? null : () => navigate(mapHref(area.code, figure))}
              onZoom={() => setFocus({ code: area.code, at: Date.now() })}
            />
          ) : (
            <p className="hint">{t('map.pickArea')}</p>
          )}
        </aside>
      </div>
      <DataTable
        caption={t('map.tableCaption')}
        idPrefix="map-areas"
        columns={columns}
        rows={figures.data ? items : null}
        rowKey={(a) => a.code}
        loading={figures.loading}
        empty={t('map.noAreas')}
      />
    </>
  );
}

/** The map page (default export for React.lazy). */
export default function MapPage() {
  const t = useT();
  const allowed = useCan();
  const { me } = useSession();
  const location = useLocation();
  useDocumentTitle(t('map.title'));
  if (!allowed('registry:read')) return <Forbidden title={t('map.title')} message={t('map.forbidden')} />;
  // Where the user's map starts: the nation, its province, or its district.
  const start = hasNationalScope(me) ? '' : (ownProvince(me) ?? me.regions[0]?.code.slice(0, 4) ?? '');
  const { parent, figure } = parseMapState(location.search, start);
  return (
    <div className="map-page">
      <h1>{t('map.title')}</h1>
      <MapView key={parent} parent={parent} figure={figure} start={start} />
    </div>
  );
}

// The map's figures as colour classes: which value of an area a figure reads, the class breaks,
// and a colour-blind-safe sequential palette (ColorBrewer YlGnBu, 5 classes). No React, no Leaflet.
import type { AreaFigures } from '../../api/map.ts';
import { EMPTY_FILTER, serializeFilter } from '../../filters.ts';
import type { MessageKey } from '../../i18n/index.ts';

export const MAP_FIGURES = ['households', 'meanDesil', 'lowDesilShare', 'proposalsWaiting', 'kpmUse', 'pbiUse'] as const;
export type MapFigure = (typeof MAP_FIGURES)[number];

export const FIGURE_LABEL: Record<MapFigure, MessageKey> = {
  households: 'map.figure.households',
  meanDesil: 'map.figure.meanDesil',
  lowDesilShare: 'map.figure.lowDesilShare',
  proposalsWaiting: 'map.figure.proposalsWaiting',
  kpmUse: 'map.figure.kpmUse',
  pbiUse: 'map.figure.pbiUse',
};

/** Light to dark: a low value is light, a high one dark. */
export const PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** Areas without a value (no households, no quota). */
export const NO_DATA_COLOUR = '#d9d9d9';

/** The value an area has for a figure, or null when it has none. */
export function figureValue(a: AreaFigures, figure: MapFigure): number | null {
  switch (figure) {
    case 'households':
      return a.households;
    case 'meanDesil':
      return a.meanDesil;
    case 'lowDesilShare':
      return a.lowDesilShare;
    case 'proposalsWaiting':
      return a.proposalsWaiting;
    case 'kpmUse':
      return a.kpm.use;
    case 'pbiUse':
      return a.pbi.use;
  }
}

/** Whether a figure is a share (shown as a percentage). */
export function isShare(figure: MapFigure): boolean {
  return figure === 'lowDesilShare' || figure === 'kpmUse' || figure === 'pbiUse';
}

/** A round step for equal classes up to `max`: 1, 2 or 5 times a power of ten. */
function niceStep(max: number, classes: number): number {
  const raw = max / classes;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

/**
 * The upper bounds of the first four classes (the fifth is open): fixed for desil (2, 4, 6, 8)
 * and shares (20 %, 40 %, …) so that maps of different areas compare; round equal steps from 0
 * for counts.
 */
export function classBreaks(figure: MapFigure, values: readonly (number | null)[]): number[] {
  if (figure === 'meanDesil') return [2, 4, 6, 8];
  if (isShare(figure)) return [0.2, 0.4, 0.6, 0.8];
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  const step = max <= 5 ? 1 : niceStep(max, PALETTE.length);
  return [1, 2, 3, 4].map((i) => i * step);
}

/** The class (0–4) of a value, or null for none. */
export function classOf(value: number | null, breaks: readonly number[]): number | null {
  if (value === null) return null;
  const i = breaks.findIndex((b) => value < b);
  return i === -1 ? breaks.length : i;
}

/** The colour of a value. */
export function colourOf(value: number | null, breaks: readonly number[]): string {
  const c = classOf(value, breaks);
  return c === null ? NO_DATA_COLOUR : PALETTE[c]!;
}

/** The View Data Kesos list of an area: its AKTIF households, filtered by the area's code. */
export function listHref(code: string): string {
  const filter = {
    ...EMPTY_FILTER,
    provinsi: code.slice(0, 2),
    kab: code.length >= 4 ? code.slice(0, 4) : '',
    kecamatan: code.length >= 6 ? code.slice(0, 6) : '',
    desa: code.length === 10 ? code : '',
    status: 'AKTIF' as const,
  };
  return `/data-kesos${serializeFilter(filter)}`;
}

/** The region codes from the user's starting area down to `parent` (the breadcrumbs). */
export function crumbCodes(start: string, parent: string): string[] {
  return ['', parent.slice(0, 2), parent.slice(0, 4), parent.slice(0, 6)].filter(
    (c, i, all) => c.length >= start.length && c.length <= parent.length && all.indexOf(c) === i,
  );
}

/** The map's address for an area and a figure. */
export function mapHref(parent: string, figure: MapFigure): string {
  const sp = new URLSearchParams();
  if (parent) sp.set('parent', parent);
  if (figure !== 'households') sp.set('figure', figure);
  const q = sp.toString();
  return `/peta${q ? `?${q}` : ''}`;
}

/** Reads the map's address: the area shown (its children) and the figure. */
export function parseMapState(search: string, start: string): { parent: string; figure: MapFigure } {
  const sp = new URLSearchParams(search);
  const raw = sp.get('parent') ?? '';
  const parent = /^(\d{2}|\d{4}|\d{6})$/.test(raw) && raw.startsWith(start) ? raw : start;
  const f = sp.get('figure') ?? '';
  return { parent, figure: (MAP_FIGURES as readonly string[]).includes(f) ? (f as MapFigure) : 'households' };
}

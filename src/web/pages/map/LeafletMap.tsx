// The Leaflet view of the map page: region shapes on a plain background (no tile server), coloured
// by the page, and, for a district and below, household clusters or points loaded per viewport.
// Leaflet is imported here only, inside the map page's lazily loaded chunk.
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { MAP_MAX_CELLS, mapCellSize } from '../../../shared/api/map.ts';
import { isAbort } from '../../api/client.ts';
import { type BoundaryCollection, mapApi, type MapPoints } from '../../api/map.ts';

const POINTS_DEBOUNCE_MS = 300;
const INDONESIA: L.LatLngBoundsExpression = [
  [-11, 95],
  [6, 141],
];

export type PointsState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'shown'; answer: MapPoints }
  | { kind: 'error' }
  | { kind: 'tooWide' };

export interface LeafletMapProps {
  shapes: BoundaryCollection | null;
  /** Fill colour per region code. */
  colours: ReadonlyMap<string, string>;
  selected: string | null;
  onSelect: (code: string) => void;
  /** The district whose households are drawn (null: none, e.g. a masked role or a province map). */
  pointsKab: string | null;
  onPoints: (state: PointsState) => void;
  /** An area to fit into view (`at` tells a repeated request from the last one). */
  focus: { code: string; at: number } | null;
  label: string;
}

/** The part of the viewport inside the district's shapes, or null when there is none. */
function viewportBox(map: L.Map, limit: readonly number[] | null): [number, number, number, number] | null {
  const b = map.getBounds();
  let box: [number, number, number, number] = [
    Math.max(b.getWest(), -180),
    Math.max(b.getSouth(), -90),
    Math.min(b.getEast(), 180),
    Math.min(b.getNorth(), 90),
  ];
  if (limit) box = [Math.max(box[0], limit[0]!), Math.max(box[1], limit[1]!), Math.min(box[2], limit[2]!), Math.min(box[3], limit[3]!)];
  return box[0] < box[2] && box[1] < box[3] ? box : null;
}

function drawPoints(layer: L.LayerGroup, answer: MapPoints): void {
  layer.clearLayers();
  for (const c of answer.clusters) {
    const size = Math.round(22 + 6 * Math.log10(c.count));
    const icon = L.divIcon({ className: 'map-cluster', html: `<span>${c.count}</span>`, iconSize: [size, size] });
    const m = L.marker([c.lat, c.lng], { icon, keyboard: false, interactive: false }).addTo(layer);
    m.getElement()?.setAttribute('data-testid', 'map-cluster');
  }
  for (const p of answer.points) {
    const m = L.circleMarker([p.lat, p.lng], {
      radius: 5,
      color: '#fff',
      weight: 1,
      fillColor: '#7a0177',
      fillOpacity: 0.9,
      className: 'map-point',
    })
      .bindTooltip(`${p.idbdt}${p.desil ? ` · desil ${p.desil}` : ''}`)
      .addTo(layer);
    m.getElement()?.setAttribute('data-testid', 'map-point');
  }
}

export default function LeafletMap({ shapes, colours, selected, onSelect, pointsKab, onPoints, focus, label }: LeafletMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const areas = useRef<L.GeoJSON | null>(null);
  // The latest handlers, read by Leaflet's listeners without re-binding them.
  const handlers = useRef({ onSelect, onPoints });
  handlers.current = { onSelect, onPoints };

  useEffect(() => {
    const m = L.map(box.current!, { attributionControl: false, zoomSnap: 1, minZoom: 3, maxZoom: 19 });
    m.fitBounds(INDONESIA);
    setMap(m);
    return () => {
      m.remove();
    };
  }, []);

  // The shapes of the level: redrawn when the area changes, fitted into view.
  useEffect(() => {
    if (!map || !shapes) return;
    const layer = L.geoJSON(shapes as unknown as GeoJSON.FeatureCollection, {
      onEachFeature: (feature, l) => {
        const code = String(feature.id);
        l.bindTooltip(String(feature.properties?.name ?? code), { sticky: true });
        l.on('click', () => handlers.current.onSelect(code));
        l.on('add', () => {
          const el = (l as L.Path).getElement();
          el?.setAttribute('data-testid', `map-area-${code}`);
          el?.setAttribute('data-code', code);
        });
      },
    }).addTo(map);
    areas.current = layer;
    if (shapes.bbox) {
      const [w, s, e, n] = shapes.bbox as [number, number, number, number];
      map.fitBounds(
        [
          [s, w],
          [n, e],
        ],
        { padding: [12, 12] },
      );
    }
    return () => {
      layer.remove();
      areas.current = null;
    };
  }, [map, shapes]);

  // Colours and the selection: restyled in place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new shapes layer (map, shapes) needs its colours too
  useEffect(() => {
    areas.current?.setStyle((feature) => {
      const code = String(feature?.id);
      const chosen = code === selected;
      return { fillColor: colours.get(code) ?? '#d9d9d9', fillOpacity: 0.8, color: chosen ? '#000' : '#555', weight: chosen ? 3 : 1 };
    });
    areas.current?.eachLayer((l) => {
      const feature = (l as L.Polygon).feature as GeoJSON.Feature | undefined;
      if (selected && String(feature?.id) === selected) (l as L.Path).bringToFront();
    });
  }, [colours, selected, shapes, map]);

  useEffect(() => {
    if (!map || !focus) return;
    areas.current?.eachLayer((l) => {
      const feature = (l as L.Polygon).feature as GeoJSON.Feature | undefined;
      if (String(feature?.id) === focus.code) map.fitBounds((l as L.Polygon).getBounds());
    });
  }, [map, focus]);

  // Households of the viewport: after each move or zoom (debounced), the previous request aborted.
  useEffect(() => {
    if (!map || !pointsKab) {
      handlers.current.onPoints({ kind: 'idle' });
      return;
    }
    const layer = L.layerGroup().addTo(map);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let request: AbortController | undefined;
    const load = () => {
      request?.abort();
      const zoom = map.getZoom();
      const bbox = viewportBox(map, shapes?.bbox ?? null);
      const cell = mapCellSize(zoom);
      if (!bbox) {
        layer.clearLayers();
        handlers.current.onPoints({ kind: 'idle' });
        return;
      }
      if (((bbox[2] - bbox[0]) / cell) * ((bbox[3] - bbox[1]) / cell) > MAP_MAX_CELLS) {
        layer.clearLayers();
        handlers.current.onPoints({ kind: 'tooWide' });
        return;
      }
      const controller = new AbortController();
      request = controller;
      handlers.current.onPoints({ kind: 'loading' });
      mapApi.points(pointsKab, bbox, zoom, controller.signal).then(
        (answer) => {
          if (controller.signal.aborted) return;
          drawPoints(layer, answer);
          handlers.current.onPoints({ kind: 'shown', answer });
        },
        (e: unknown) => {
          if (!isAbort(e) && !controller.signal.aborted) handlers.current.onPoints({ kind: 'error' });
        },
      );
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(load, POINTS_DEBOUNCE_MS);
    };
    map.on('moveend', schedule);
    schedule();
    return () => {
      map.off('moveend', schedule);
      clearTimeout(timer);
      request?.abort();
      layer.remove();
    };
  }, [map, pointsKab, shapes]);

  return <div ref={box} className="map-canvas" data-testid="map" role="region" aria-label={label} />;
}

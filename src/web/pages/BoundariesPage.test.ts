import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../i18n/index.ts';
import { expectToShow, meOf, renderAs } from '../test-support.ts';
import { BoundariesPage, BoundaryLoadSummary } from './BoundariesPage.tsx';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate(key, params, 'id');

describe('Batas Wilayah', () => {
  it('offers Pusdatin the upload of a GeoJSON or zipped Shapefile', () => {
    const html = renderAs(meOf('PUSDATIN'), createElement(BoundariesPage));
    expectToShow(html, t('boundaries.title'), t('boundaries.file'), t('boundaries.submit'), 'type="file"', '.geojson,.json,.zip');
  });

  it('refuses everyone else', () => {
    for (const role of ['PFM', 'PROVINSI', 'SUPERVISOR', 'OPERATOR'] as const) {
      const html = renderAs(meOf(role), createElement(BoundariesPage));
      expect(html, role).toContain(t('boundaries.forbidden'));
      expect(html, role).not.toContain('type="file"');
    }
  });

  it('shows what a load stored per level and lists the unknown codes', () => {
    const html = renderAs(
      meOf('PUSDATIN'),
      createElement(BoundaryLoadSummary, {
        result: {
          source: 'batas.geojson',
          features: 1204,
          loaded: 1201,
          replaced: 3,
          byLevel: { provinsi: 0, kabkota: 1, kecamatan: 10, desa: 1190 },
          unknownCodes: ['3174999001', '9999'],
          withoutCode: 1,
        },
      }),
    );
    expectToShow(
      html,
      t('boundaries.result.title', { file: 'batas.geojson' }),
      t('boundaries.result.loaded', { loaded: '1.201', features: '1.204', replaced: '3' }),
      '1.190',
      t('boundaries.result.unknown', { count: '2' }),
      '<code>3174999001</code>',
      '<code>9999</code>',
      t('boundaries.result.withoutCode', { count: '1' }),
    );
  });
});

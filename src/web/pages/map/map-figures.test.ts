import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../filters.ts';
import { classBreaks, classOf, colourOf, crumbCodes, listHref, NO_DATA_COLOUR, PALETTE, parseMapState } from './map-figures.ts';

describe('map figures', () => {
  it('puts counts into round equal classes and shares and desil into fixed ones', () => {
    expect(classBreaks('households', [12, 930, 400, null])).toEqual([200, 400, 600, 800]);
    expect(classBreaks('proposalsWaiting', [0, 3])).toEqual([1, 2, 3, 4]);
    expect(classBreaks('meanDesil', [3.2])).toEqual([2, 4, 6, 8]);
    expect(classBreaks('kpmUse', [0.1, 1.4])).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(classOf(930, [200, 400, 600, 800])).toBe(4);
    expect(classOf(199, [200, 400, 600, 800])).toBe(0);
    expect(colourOf(200, [200, 400, 600, 800])).toBe(PALETTE[1]);
    expect(colourOf(null, [200, 400, 600, 800])).toBe(NO_DATA_COLOUR);
  });

  it("links an area to its View Data list, filtered by the area's code", () => {
    expect(parseFilter(listHref('3404012005').split('?')[1]!)).toMatchObject({
      provinsi: '34',
      kab: '3404',
      kecamatan: '340401',
      desa: '3404012005',
      status: 'AKTIF',
    });
    expect(parseFilter(listHref('340401').split('?')[1]!)).toMatchObject({ kecamatan: '340401', desa: '' });
  });

  it('keeps the map within the user area and builds the crumbs from there down', () => {
    expect(parseMapState('?parent=3171', '3404').parent).toBe('3404');
    expect(parseMapState('?parent=340401&figure=meanDesil', '3404')).toEqual({ parent: '340401', figure: 'meanDesil' });
    expect(parseMapState('?figure=nope', '')).toEqual({ parent: '', figure: 'households' });
    expect(crumbCodes('', '3404')).toEqual(['', '34', '3404']);
    expect(crumbCodes('3404', '340401')).toEqual(['3404', '340401']);
  });
});

import { describe, expect, it } from 'vitest';
import { regionTitle } from './HomePage.tsx';

const levels = { provinsi: 'Provinsi', kabkota: 'Kabupaten/Kota', kecamatan: 'Kecamatan', desa: 'Desa/Kelurahan' } as const;

describe('regionTitle', () => {
  it('shows the level and the upper-case name', () => {
    expect(regionTitle({ code: '3174', name: 'Kota Administrasi Jakarta Selatan', level: 'kabkota' }, (l) => levels[l], 'Nasional')).toBe(
      'Kabupaten/Kota - KOTA ADMINISTRASI JAKARTA SELATAN',
    );
    expect(regionTitle({ code: '31', name: 'DKI JAKARTA', level: 'provinsi' }, (l) => levels[l], 'Nasional')).toBe('Provinsi - DKI JAKARTA');
  });

  it('is national without a region', () => {
    expect(regionTitle(null, (l) => levels[l], 'Nasional')).toBe('Nasional');
  });
});

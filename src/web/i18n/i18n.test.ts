import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { id } from './id.ts';
import { interpolate, translate } from './index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n tables', () => {
  it('have the same keys and placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const [key, text] of Object.entries(id)) {
      expect(placeholders(en[key as keyof typeof id]), key).toEqual(placeholders(text));
    }
  });

  it('interpolates parameters', () => {
    expect(interpolate('Menampilkan {from}–{to} dari {total}', { from: '1', to: '25', total: '20.000' })).toBe(
      'Menampilkan 1–25 dari 20.000',
    );
    expect(interpolate('{a} {b}', { a: 1 })).toBe('1 {b}');
  });

  it('translates in both languages', () => {
    expect(translate('home.loggedInAs', { role: 'Supervisor Kabupaten/Kota' }, 'id')).toBe(
      'Anda Login Sebagai : Supervisor Kabupaten/Kota',
    );
    expect(translate('login.forgot', undefined, 'id')).toBe('Lupa password? Kirim surat resmi ke Pusdatin Kesos untuk reset password.');
    expect(translate('header.logout', undefined, 'en')).toBe('Log Out');
  });
});

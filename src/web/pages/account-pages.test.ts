// Static markup of the account pages (no DOM: effects do not run, so lists show their loading
// state and the captcha its placeholder).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ApiToken, UserItem } from '../api/access.ts';
import { Layout } from '../components/Layout.tsx';
import { expectToShow, meOf, renderAs as as } from '../test-support.ts';
import { ChangePasswordPage } from './ChangePasswordPage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { TokensTable } from './TokensPage.tsx';
import { NewUserForm, ScopePicker, UsersPage, UsersTable } from './UsersPage.tsx';

const pusdatin = meOf('PUSDATIN', { name: 'Pusdatin Kesos' });
const supervisor = meOf('SUPERVISOR', { name: 'Dinas Sosial Jaksel' });

describe('login page', () => {
  it('shows the "Saya bukan robot" box unticked inside the form, before the button', () => {
    const html = renderToStaticMarkup(createElement(LoginPage, { onLoggedIn: () => {} }));
    expect(html).toMatch(/<form[^>]*>[\s\S]*class="captcha"[\s\S]*<button type="submit"[^>]*>Login<\/button>[\s\S]*<\/form>/);
    expect(html).toMatch(/<label class="captcha-box"><input type="checkbox"[^>]*\/><span class="captcha-label">Saya bukan robot<\/span>/);
    expect(html).not.toMatch(/type="checkbox"[^>]*checked/);
  });
});

describe('header', () => {
  it('offers Ganti Password and Token API to every user, Pengguna only to PUSDATIN', () => {
    const sup = as(supervisor, createElement(Layout, null, 'x'));
    expect(sup).toContain('<a href="/akun/password" class="user-menu-link">Ganti Password</a>');
    expect(sup).toContain('<a href="/akun/token" class="user-menu-link">Token API</a>');
    expect(sup).not.toContain('>Pengguna</a>');
    expect(as(pusdatin, createElement(Layout, null, 'x'))).toContain('<a href="/pengguna">Pengguna</a>');
  });
});

describe('Ganti Password', () => {
  it('has the three labelled fields and the button; the forced page explains why', () => {
    const html = as(supervisor, createElement(ChangePasswordPage, { forced: true }));
    expect(html).toContain('<h1>Ganti Password</h1>');
    for (const label of ['Password lama', 'Password baru', 'Ulangi password baru'])
      expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(html).toMatch(/<button type="submit"[^>]*>Simpan password<\/button>/);
    expect(html).toContain('direset oleh Pusdatin Kesos');
    expect(html).toContain('Log Out');
    expect(as(supervisor, createElement(ChangePasswordPage))).not.toContain('Log Out');
  });
});

describe('Pengguna', () => {
  const now = new Date('2019-03-13T07:00:00Z');
  const items: UserItem[] = [
    {
      id: 1,
      username: '3174_supervisor',
      name: 'Dinsos Jaksel',
      role: 'SUPERVISOR',
      status: 'ACTIVE',
      mustChangePassword: true,
      lockedUntil: '2019-03-13T07:10:00Z',
      createdAt: '2019-01-02T03:00:00Z',
      regions: ['3174'],
    },
    {
      id: 2,
      username: 'pfm',
      name: 'Ditjen PFM',
      role: 'PFM',
      status: 'DISABLED',
      mustChangePassword: false,
      lockedUntil: null,
      createdAt: '2019-01-02T03:00:00Z',
      regions: [],
    },
  ];

  it('lists users with badges and per-row actions named after the user', () => {
    const html = renderToStaticMarkup(createElement(UsersTable, { items, me: 'pusdatin', now, onAction: () => {} }));
    expect(html).toMatch(/Terkunci s\.d\. 13 Mar 2019/);
    expectToShow(
      html,
      '<td class="mono">31.74</td>',
      '>Nasional<',
      'Supervisor Kabupaten/Kota',
      'Wajib ganti password',
      '>Nonaktif<',
      'Nonaktifkan<span class="visually-hidden"> 3174_supervisor</span>',
      'Buka kunci<span class="visually-hidden"> 3174_supervisor</span>',
      'Reset password<span class="visually-hidden"> 3174_supervisor</span>',
      'Aktifkan<span class="visually-hidden"> pfm</span>',
    );
  });

  it('is not found for other roles', () => {
    expect(as(supervisor, createElement(UsersPage))).toContain('Halaman tidak ditemukan');
    expect(as(pusdatin, createElement(UsersPage))).toContain('<h1>Pengguna</h1>');
  });

  it('the "Tambah Pengguna" form starts with role, name and User ID', () => {
    const html = as(pusdatin, createElement(NewUserForm, { onCreated: () => {}, onCancel: () => {} }));
    for (const label of ['Peran', 'Nama', 'User ID']) expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(html).toContain('Operator Kecamatan/Desa');
    expect(html).toMatch(/<button type="submit"[^>]*>Simpan pengguna<\/button>/);
  });

  it('asks for the scope the new role needs: nothing, a province, or a cascade from the province', () => {
    const scope = (role: UserItem['role']) => as(pusdatin, createElement(ScopePicker, { role, value: [], onChange: () => {} }));
    expect(scope('PFM')).toContain('nasional');
    for (const role of ['PROVINSI', 'SUPERVISOR', 'OPERATOR'] as const) {
      expect(scope(role)).toMatch(/<label for="[^"]+-provinsi">Provinsi<\/label>/);
      // the district select appears once a province is chosen
      expect(scope(role)).not.toContain('Kabupaten/Kota</label>');
    }
    expect(scope('OPERATOR')).toContain('Wilayah terpilih (0)');
    expect(scope('SUPERVISOR')).not.toContain('Wilayah terpilih');
    // An integration: the nation unless a province or district is chosen, one region, no checklist.
    expect(scope('INTEGRASI')).toContain('Kosongkan untuk cakupan nasional');
    expect(scope('INTEGRASI')).toMatch(/<label for="[^"]+-provinsi">Provinsi<\/label>/);
    expect(scope('INTEGRASI')).not.toContain('Wilayah terpilih');
  });

  it('shows the empty state and paging of the user list', () => {
    const empty = renderToStaticMarkup(
      createElement(UsersTable, {
        items: [],
        me: 'pusdatin',
        now,
        onAction: () => {},
        paging: { page: 1, pageSize: 25, total: 0, onPage: () => {} },
      }),
    );
    expect(empty).toContain('Tidak ada pengguna');
    expect(empty).not.toContain('<table');
    const paged = renderToStaticMarkup(
      createElement(UsersTable, {
        items,
        me: 'pusdatin',
        now,
        onAction: () => {},
        paging: { page: 1, pageSize: 25, total: 60, onPage: () => {} },
      }),
    );
    expect(paged).toContain('Halaman 1 dari 3');
  });
});

describe('Token API', () => {
  it('lists tokens with dates, never-used and revoked states, and revoke buttons for live ones', () => {
    const items: ApiToken[] = [
      { id: 1, name: 'skrip rekap', created_at: '2019-03-13T07:05:00Z', last_used_at: null, revoked_at: null },
      {
        id: 2,
        name: 'lama',
        created_at: '2019-01-01T00:00:00Z',
        last_used_at: '2019-02-01T00:00:00Z',
        revoked_at: '2019-03-01T12:00:00Z',
      },
    ];
    const html = renderToStaticMarkup(createElement(TokensTable, { items, onRevoke: () => {} }));
    expect(html).toContain('Belum pernah');
    expect(html).toContain('Cabut<span class="visually-hidden"> skrip rekap</span>');
    expect(html).not.toContain('Cabut<span class="visually-hidden"> lama</span>');
    // The Dicabut column shows when the token was revoked, in the zone of the user's district and labelled.
    expect(html).toContain('<time dateTime="2019-03-01T12:00:00Z">1 Mar 2019 19.00 WIB</time>');
    expect(html).toContain('<span class="badge badge-active">Aktif</span>');
    expect(renderToStaticMarkup(createElement(TokensTable, { items: [], onRevoke: () => {} }))).toContain('Anda belum memiliki token API.');
  });
});

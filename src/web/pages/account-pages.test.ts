// Static markup of the account pages (no DOM: effects do not run, so lists show their loading
// state and the captcha its placeholder).
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Me } from '../api/client.ts';
import type { ApiToken, UserItem } from '../api/access.ts';
import { Layout } from '../components/Layout.tsx';
import { SessionContext } from '../session.ts';
import { ChangePasswordPage } from './ChangePasswordPage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { TokensTable } from './TokensPage.tsx';
import { NewUserForm, UsersPage, UsersTable } from './UsersPage.tsx';

const pusdatin: Me = {
  username: 'pusdatin',
  name: 'Pusdatin Kesos',
  role: 'PUSDATIN',
  roleLabel: { id: 'Pusdatin Kesos', en: 'Pusdatin Kesos (central)' },
  regions: [],
  language: 'id',
  mustChangePassword: false,
};
const supervisor: Me = {
  ...pusdatin,
  username: '3174_supervisor',
  name: 'Dinas Sosial Jaksel',
  role: 'SUPERVISOR',
  regions: [{ code: '3174', name: 'JAKARTA SELATAN', level: 'kabkota' }],
};

function as(me: Me, el: ReactElement): string {
  return renderToStaticMarkup(createElement(SessionContext.Provider, { value: { me, logout: async () => {} } }, el));
}

describe('login page', () => {
  it('keeps a place for the "Saya bukan robot" captcha inside the form, before the button', () => {
    const html = renderToStaticMarkup(createElement(LoginPage, { onLoggedIn: () => {} }));
    expect(html).toMatch(/<form[^>]*>[\s\S]*class="captcha"[\s\S]*<button type="submit"[^>]*>Login<\/button>[\s\S]*<\/form>/);
    expect(html).toContain('Memuat verifikasi &quot;Saya bukan robot&quot;…');
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
    expect(html).toContain('<td class="mono">31.74</td>');
    expect(html).toContain('>Nasional<');
    expect(html).toContain('Supervisor Kabupaten/Kota');
    expect(html).toMatch(/Terkunci s\.d\. 13 Mar 2019/);
    expect(html).toContain('Wajib ganti password');
    expect(html).toContain('>Nonaktif<');
    expect(html).toContain('Nonaktifkan<span class="visually-hidden"> 3174_supervisor</span>');
    expect(html).toContain('Buka kunci<span class="visually-hidden"> 3174_supervisor</span>');
    expect(html).toContain('Reset password<span class="visually-hidden"> 3174_supervisor</span>');
    expect(html).toContain('Aktifkan<span class="visually-hidden"> pfm</span>');
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
    expect(html).toMatch(/1 Mar 2019/);
    expect(renderToStaticMarkup(createElement(TokensTable, { items: [], onRevoke: () => {} }))).toContain('Anda belum memiliki token API.');
  });
});

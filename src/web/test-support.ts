// Fixtures of the web app's rendering tests: a logged-in user of any role and rendering as them.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect } from 'vitest';
import { abilitiesOf, ROLE_LABELS, type Role } from '../shared/roles.ts';
import type { Me } from './api/client.ts';
import { SessionContext } from './session.ts';

const SCOPES: Record<Role, Me['regions']> = {
  PUSDATIN: [],
  PFM: [],
  PROVINSI: [{ code: '31', name: 'DKI JAKARTA', level: 'provinsi' }],
  SUPERVISOR: [{ code: '3174', name: 'KOTA ADM. JAKARTA SELATAN', level: 'kabkota' }],
  OPERATOR: [{ code: '317401', name: 'TEBET', level: 'kecamatan' }],
  INTEGRASI: [{ code: '3174', name: 'KOTA ADM. JAKARTA SELATAN', level: 'kabkota' }],
};

/** A user of `role` with the role's abilities and a typical scope (Jakarta Selatan for a supervisor). */
export function meOf(role: Role, overrides: Partial<Me> = {}): Me {
  return {
    username: role === 'SUPERVISOR' ? '3174_supervisor' : role.toLowerCase(),
    name: ROLE_LABELS[role].id,
    role,
    roleLabel: ROLE_LABELS[role],
    regions: SCOPES[role],
    language: 'id',
    mustChangePassword: false,
    abilities: abilitiesOf(role),
    ...overrides,
  };
}

/** Static markup of `el` rendered inside `me`'s session. */
export function renderAs(me: Me, el: ReactElement): string {
  return renderToStaticMarkup(createElement(SessionContext.Provider, { value: { me, logout: async () => {} } }, el));
}

/** Asserts that `html` shows every one of `texts` (each failure names the missing text). */
export function expectToShow(html: string, ...texts: string[]): void {
  for (const text of texts) expect(html, `shows ${text}`).toContain(text);
}

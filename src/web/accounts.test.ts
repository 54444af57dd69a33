import { describe, expect, it } from 'vitest';
import {
  isLocked,
  newUserProblems,
  normalizeOperatorScope,
  passwordProblem,
  scopeProblem,
  supervisorUsername,
  toggleOperatorRegion,
  userActions,
  userBadges,
} from './accounts.ts';
import { translate } from './i18n/index.ts';

const now = new Date('2019-03-13T07:00:00Z');

describe('scope shapes per role', () => {
  it('national roles take no region', () => {
    expect(scopeProblem('PUSDATIN', [])).toBeNull();
    expect(scopeProblem('PFM', [])).toBeNull();
    expect(scopeProblem('PUSDATIN', ['31'])).toBe('scope.error.national');
  });

  it('PROVINSI takes exactly one 2-digit province', () => {
    expect(scopeProblem('PROVINSI', ['31'])).toBeNull();
    expect(scopeProblem('PROVINSI', [])).toBe('scope.error.province');
    expect(scopeProblem('PROVINSI', ['31', '32'])).toBe('scope.error.province');
    expect(scopeProblem('PROVINSI', ['3174'])).toBe('scope.error.province');
  });

  it('INTEGRASI takes the nation (no region), one province or one district', () => {
    expect(scopeProblem('INTEGRASI', [])).toBeNull();
    expect(scopeProblem('INTEGRASI', ['31'])).toBeNull();
    expect(scopeProblem('INTEGRASI', ['3174'])).toBeNull();
    expect(scopeProblem('INTEGRASI', ['3174', '3171'])).toBe('scope.error.integration');
    expect(scopeProblem('INTEGRASI', ['317401'])).toBe('scope.error.integration');
  });

  it('SUPERVISOR takes exactly one 4-digit district', () => {
    expect(scopeProblem('SUPERVISOR', ['3174'])).toBeNull();
    expect(scopeProblem('SUPERVISOR', ['3174', '3174'])).toBeNull(); // a repeat is one district
    expect(scopeProblem('SUPERVISOR', ['3174', '3171'])).toBe('scope.error.district');
    expect(scopeProblem('SUPERVISOR', ['31'])).toBe('scope.error.district');
    expect(scopeProblem('SUPERVISOR', [])).toBe('scope.error.district');
  });

  it('OPERATOR takes one or more 6- or 10-digit kecamatan/desa', () => {
    expect(scopeProblem('OPERATOR', ['317401'])).toBeNull();
    expect(scopeProblem('OPERATOR', ['317401', '3174021001', '3174021002'])).toBeNull();
    expect(scopeProblem('OPERATOR', [])).toBe('scope.error.operator');
    expect(scopeProblem('OPERATOR', ['3174'])).toBe('scope.error.operator');
    expect(scopeProblem('OPERATOR', ['317401', '31740x'])).toBe('scope.error.operator');
  });

  it('every problem has a message in both languages', () => {
    for (const k of ['scope.error.national', 'scope.error.province', 'scope.error.district', 'scope.error.operator'] as const) {
      expect(translate(k, undefined, 'id')).not.toBe(translate(k, undefined, 'en'));
    }
    expect(translate('scope.error.district', undefined, 'id')).toBe('Pilih satu kabupaten/kota.');
  });
});

describe('operator scope picking', () => {
  it('drops repeats and desa covered by a chosen kecamatan, sorted', () => {
    expect(normalizeOperatorScope(['3174021001', '317401', '3174011001', '317401'])).toEqual(['317401', '3174021001']);
  });

  it('choosing a kecamatan absorbs its desa; removing it leaves the others', () => {
    let s = toggleOperatorRegion([], '3174011001', true);
    s = toggleOperatorRegion(s, '3174011002', true);
    s = toggleOperatorRegion(s, '3174021001', true);
    expect(s).toEqual(['3174011001', '3174011002', '3174021001']);
    s = toggleOperatorRegion(s, '317401', true);
    expect(s).toEqual(['317401', '3174021001']);
    s = toggleOperatorRegion(s, '317401', false);
    expect(s).toEqual(['3174021001']);
  });
});

describe('the "Tambah Pengguna" form', () => {
  it('prefills a supervisor User ID from the district', () => {
    expect(supervisorUsername('3174')).toBe('3174_supervisor');
  });

  it('reports missing role, name, User ID and scope by field', () => {
    expect(newUserProblems({ role: '', name: ' ', username: '', regions: [] })).toEqual({
      role: 'users.error.role',
      name: 'users.error.name',
      username: 'users.error.username',
    });
    expect(newUserProblems({ role: 'OPERATOR', name: 'Operator Tebet', username: 'op_tebet', regions: [] })).toEqual({
      regions: 'scope.error.operator',
    });
    expect(newUserProblems({ role: 'PROVINSI', name: 'Dinsos DKI', username: 'a b', regions: ['31'] })).toEqual({
      username: 'users.error.username',
    });
  });

  it('lets a supervisor User ID default on the server, and accepts complete drafts', () => {
    expect(newUserProblems({ role: 'SUPERVISOR', name: 'Dinsos Jaksel', username: '', regions: ['3174'] })).toEqual({});
    expect(newUserProblems({ role: 'SUPERVISOR', name: 'Dinsos Jaksel', username: '3174_supervisor', regions: ['3174'] })).toEqual({});
    expect(newUserProblems({ role: 'PUSDATIN', name: 'Admin', username: 'admin.pusdatin', regions: [] })).toEqual({});
  });
});

describe('the "Ganti Password" form', () => {
  const ok = { current: 'lama-Pa55word', next: 'baru-Pa55word!', repeat: 'baru-Pa55word!' };
  it('accepts a good change', () => {
    expect(passwordProblem('3174_supervisor', ok)).toBeNull();
  });
  it('requires every field', () => {
    expect(passwordProblem('u', { ...ok, current: '' })).toBe('password.required');
    expect(passwordProblem('u', { ...ok, repeat: '' })).toBe('password.required');
  });
  it('checks length in characters, the User ID, the current password and the repetition', () => {
    expect(passwordProblem('u', { ...ok, next: 'pendek123', repeat: 'pendek123' })).toBe('password.tooShort');
    // characters, as the server counts them: 9 code points are too few even if UTF-16 has 10 units
    expect(passwordProblem('u', { ...ok, next: 'abcdefgh😀', repeat: 'abcdefgh😀' })).toBe('password.tooShort');
    expect(passwordProblem('u', { ...ok, next: 'ąęłńóśźżćx', repeat: 'ąęłńóśźżćx' })).toBeNull();
    expect(passwordProblem('3174_supervisor', { ...ok, next: '3174_SUPERVISOR', repeat: '3174_SUPERVISOR' })).toBe('password.sameAsUser');
    expect(passwordProblem('u', { ...ok, next: ok.current, repeat: ok.current })).toBe('password.sameAsCurrent');
    expect(passwordProblem('u', { ...ok, repeat: 'baru-Pa55word?' })).toBe('password.mismatch');
  });
});

describe('user rows', () => {
  const user = { username: '3174_supervisor', status: 'ACTIVE' as const, lockedUntil: null, mustChangePassword: false };

  it('knows when a lock is in force', () => {
    expect(isLocked(null, now)).toBe(false);
    expect(isLocked('2019-03-13T07:10:00Z', now)).toBe(true);
    expect(isLocked('2019-03-13T06:59:59Z', now)).toBe(false);
    expect(isLocked('not a date', now)).toBe(false);
  });

  it('shows status, lock and pending password change', () => {
    expect(userBadges(user, now)).toEqual(['active']);
    expect(userBadges({ ...user, status: 'DISABLED', lockedUntil: '2019-03-13T07:10:00Z', mustChangePassword: true }, now)).toEqual([
      'disabled',
      'locked',
      'mustChange',
    ]);
    expect(userBadges({ ...user, lockedUntil: '2019-03-13T06:00:00Z' }, now)).toEqual(['active']);
  });

  it('offers the actions that apply; nobody disables or resets themself', () => {
    expect(userActions(user, 'pusdatin', now)).toEqual(['disable', 'reset']);
    expect(userActions({ ...user, status: 'DISABLED' }, 'pusdatin', now)).toEqual(['enable', 'reset']);
    expect(userActions({ ...user, lockedUntil: '2019-03-13T07:10:00Z' }, 'pusdatin', now)).toEqual(['disable', 'unlock', 'reset']);
    expect(userActions({ ...user, username: 'pusdatin' }, 'pusdatin', now)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { matchPath, safeNextPath } from './router.tsx';

describe('matchPath', () => {
  it('matches static paths, ignoring a trailing slash', () => {
    expect(matchPath('/data-kesos', '/data-kesos')).toEqual({});
    expect(matchPath('/data-kesos', '/data-kesos/')).toEqual({});
    expect(matchPath('/data-kesos', '/data-kesos/x')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
  });

  it('extracts params', () => {
    expect(matchPath('/data-kesos/:idbdt', '/data-kesos/3174011001000123')).toEqual({ idbdt: '3174011001000123' });
    expect(matchPath('/data-kesos/:idbdt', '/data-kesos/')).toBeNull();
    expect(matchPath('/data-kesos/:idbdt', '/data-kesos/%E0%A4%A')).toBeNull();
  });
});

describe('safeNextPath', () => {
  it('keeps paths of this site', () => {
    expect(safeNextPath('/data-kesos?q=budi')).toBe('/data-kesos?q=budi');
  });

  it('refuses other sites, the login page and nothing', () => {
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});

// Issue 17, lean pages: a production build of both browser apps (into a temporary directory) and
// the compressed JavaScript each kind of page loads, followed through Vite's manifest from the
// HTML entry (scripts/bundle-budget.ts). About 10 s on the 2-core CI machine.
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, CEILINGS, measureAll, type PageLoad } from '../../scripts/bundle-budget.ts';

const KB = 1000;
let pages: PageLoad[] = [];
let notCachedOffline: string[] = [];

function page(prefix: string): PageLoad {
  const p = pages.find((x) => x.name.startsWith(prefix));
  if (!p) throw new Error(`no measure for ${prefix}`);
  return p;
}
const has = (p: PageLoad, name: RegExp) => p.files.some((f) => name.test(f.file));

describe('lean pages: compressed JavaScript per page (issue 17)', () => {
  beforeAll(async () => {
    ({ pages, notCachedOffline } = await measureAll());
  }, 180_000);

  it('a logged-in page (Beranda, View Data Kesos, a household) loads at most 150 KB', () => {
    for (const name of ['web: Beranda', 'web: View Data Kesos', 'web: household page']) {
      const p = page(name);
      expect(p.brotli, name).toBeLessThanOrEqual(BUDGETS.loggedIn * KB);
      // The captcha solver is the login page's alone; React and the Indonesian messages are shared.
      expect(has(p, /pow\.worker|\/solve-/), name).toBe(false);
      expect(has(p, /\/id-app-[\w-]+\.js$/), name).toBe(true);
      expect(has(p, /\/en-[\w-]+\.js$/), name).toBe(false);
    }
  });

  it('the login page loads its form and the captcha solver, and no other page nor the messages behind the login', () => {
    const login = page('web: login page');
    expect(has(login, /LoginPage-/)).toBe(true);
    expect(has(login, /pow\.worker-/)).toBe(true);
    expect(has(login, /HomePage-|HouseholdListPage-|MapPage-|\/id-app-/)).toBe(false);
    expect(login.brotli).toBeLessThanOrEqual((CEILINGS.login ?? BUDGETS.login) * KB);
    expect(login.brotli).toBeLessThan(page('web: Beranda').brotli);
  });

  it('the offline app first loads at most 150 KB, without the import worker or the other screens', () => {
    for (const name of ['offline: first load (household list)', 'offline: first load before set-up']) {
      const p = page(name);
      expect(p.brotli, name).toBeLessThanOrEqual(BUDGETS.offline * KB);
      expect(has(p, /import\.worker/), name).toBe(false);
      expect(has(p, /\/(Household|Programme|Export|Usulan)-[\w-]+\.js$/), name).toBe(false);
    }
  });

  it("every file of the offline build is in its service worker's list (it works offline after install)", () => {
    expect(notCachedOffline).toEqual([]);
  });
});

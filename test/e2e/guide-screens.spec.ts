// The Petunjuk Teknis (issue 14) kept true by the browser: every role of the demo district walks its
// menu; each page is photographed into docs/panduan/gambar/<section>.jpg (so a changed screen
// changes its picture), its Panduan link must open a section that exists, and the PDF must name
// every menu item. Run alone with `npm run guide:screens`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { Role } from '../../src/shared/roles.ts';
import { guideAnchor } from '../../src/web/guide.ts';
import { knownPassword, login } from './support.ts';

const SHOTS = path.resolve('docs/panduan/gambar');
const VIEWPORT = { width: 1280, height: 800 };

/** The demo district's users (src/server/modules/demo): one per role that signs in on the web. */
const DEMO_USERS: readonly { username: string; role: Role }[] = [
  { username: '3174_supervisor', role: 'SUPERVISOR' },
  { username: '3174_operator', role: 'OPERATOR' },
  { username: 'pfm', role: 'PFM' },
  { username: 'pusdatin', role: 'PUSDATIN' },
  { username: 'provinsi_31', role: 'PROVINSI' },
];

test.use({ viewport: VIEWPORT, deviceScaleFactor: 1 });

/** Waits until a page shows its heading and has stopped loading. */
async function settled(page: Page) {
  await expect(page.locator('#main h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByText('Memuat…')).toHaveCount(0);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.jpg`), type: 'jpeg', quality: 70, animations: 'disabled', caret: 'hide' });
}

/** The sections /panduan holds, and the PDF's text. */
async function guideTexts(page: Page): Promise<{ ids: Set<string>; pdf: string }> {
  const html = await (await page.request.get('/panduan')).text();
  const ids = new Set([...html.matchAll(/ id="([a-z0-9-]+)"/g)].map((m) => m[1] ?? ''));
  const res = await page.request.get('/panduan.pdf');
  expect(res.headers()['content-type']).toBe('application/pdf');
  const file = test.info().outputPath('panduan.pdf');
  fs.writeFileSync(file, await res.body());
  let pdf: string;
  try {
    pdf = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`pdftotext could not read the guide (install it: apt-get install -y poppler-utils): ${String(e)}`);
  }
  return { ids, pdf: pdf.replace(/\s+/g, ' ') };
}

test('the guide: every menu item of every role has its section, its screenshot and its title in the PDF', async ({ page }) => {
  test.setTimeout(600_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.goto('/login');
  await expect(page.getByLabel('User ID')).toBeVisible();
  await shoot(page, 'umum-login');
  await page.goto('/offline/');
  await page.waitForLoadState('networkidle');
  await shoot(page, 'offline-pemasangan');

  // What each role's menu shows: checked against the guide once every picture is taken.
  const seen: { role: Role; path: string; title: string; anchor: string; help: string | null }[] = [];
  let commonDone = false;
  for (const user of DEMO_USERS) {
    await page.context().clearCookies();
    await login(page, user.username, knownPassword(user.username));
    // The login page has a heading too: wait for the logged-in frame.
    await expect(page.locator('#sidenav a').first()).toBeVisible();
    await settled(page);
    // The navigation and the user menu, as this role sees them.
    const navLinks = page.locator('#sidenav a');
    const nav = await navLinks.evaluateAll((as) =>
      as.map((a) => ({ path: a.getAttribute('href') ?? '', title: a.textContent?.trim() ?? '' })),
    );
    const menu = commonDone
      ? []
      : await page
          .locator('.user-menu-panel a')
          .evaluateAll((as) => as.map((a) => ({ path: a.getAttribute('href') ?? '', title: a.textContent?.trim() ?? '' })));
    const items = [...nav, ...menu.filter((m) => !nav.some((n) => n.path === m.path))];
    expect(nav.length, `${user.role} sees a menu`).toBeGreaterThan(2);
    for (const item of items) {
      const anchor = guideAnchor(user.role, item.path);
      await page.goto(item.path);
      await settled(page);
      await shoot(page, anchor);
      seen.push({ role: user.role, ...item, anchor, help: await page.getByTestId('guide-link').getAttribute('href') });
    }
    commonDone = true;
  }

  // The guide's own links resolve: every #anchor it links to is one of its ids, every image loads.
  const { ids, pdf } = await guideTexts(page);
  const html = await (await page.request.get('/panduan')).text();
  for (const [, anchor] of html.matchAll(/href="#([a-z0-9-]+)"/g)) expect(ids.has(anchor ?? ''), `#${anchor} exists`).toBe(true);
  for (const [, src] of html.matchAll(/<img src="([^"]+)"/g))
    expect((await page.request.get(src ?? '')).status(), `${src} loads`).toBe(200);
  // Each page's Panduan link opens its section, and the PDF names every menu item.
  for (const s of seen) {
    expect(s.help, `the Panduan link of ${s.path} (${s.role})`).toMatch(new RegExp(`#${s.anchor}$`));
    expect(ids.has(s.anchor), `/panduan has the section #${s.anchor}`).toBe(true);
    expect(pdf, `/panduan.pdf names "${s.title}"`).toContain(s.title);
  }
});

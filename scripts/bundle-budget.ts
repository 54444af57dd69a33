// Issue 17, lean pages: how much compressed JavaScript each kind of page loads, measured on a real
// production build of both browser apps (into a temporary directory, never dist/).
//
// What a page loads is read from Vite's manifest, not guessed from file names: the HTML entry's
// chunk and its static imports, every lazy chunk those chunks fetch on their own (e.g. the captcha
// widget of the login form), and the page's lazy chunk with everything it imports, statically or
// lazily. Only the lazy chunks of *other* pages (App.tsx's routes) and the optional English message
// table are left out. Each file counts with its brotli size at quality 11, as precompressed by
// vite.precompress.ts and sent by the server.
//
//   npx tsx scripts/bundle-budget.ts        prints the table (npm run budget), exits 1 over budget
//   test/unit/bundle-budget.test.ts          asserts the same budgets
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { build, loadConfigFromFile, type InlineConfig, type Manifest, type PluginOption } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KB = 1000; // the issue's kilobytes

/** The budgets of issue 17 (compressed JavaScript, KB of 1,000 bytes). */
export const BUDGETS = { login: 80, loggedIn: 150, offline: 150 } as const;

/** What a page is held to where the aim is out of reach (none now; docs/performance.md, "Lean pages"). */
export const CEILINGS: Partial<Record<keyof typeof BUDGETS, number>> = {};

/** The Indonesian messages of the pages behind the login: fetched by every page but the login page. */
const LOGGED_IN_MESSAGES = 'i18n/id-app.ts';

export interface Bundle {
  dir: string;
  manifest: Manifest;
}

export interface PageLoad {
  name: string;
  /** The files with their brotli sizes. */
  files: { file: string; brotli: number }[];
  /** Brotli bytes of `files`. */
  brotli: number;
  raw: number;
  budgetKB: number;
  /** The most it may load (the budget, or a ceiling where the budget is missed). */
  heldToKB: number;
}

function flatPlugins(list: PluginOption[]): PluginOption[] {
  return list.flatMap((p) => (Array.isArray(p) ? flatPlugins(p) : [p]));
}

/**
 * Builds one app with its own config into `outDir` with a manifest. The precompress plugin is left
 * out (it compresses every file; only the loaded ones are measured, at its settings).
 */
export async function buildApp(configFile: string, outDir: string): Promise<Bundle> {
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, path.join(ROOT, configFile), ROOT, 'silent');
  if (!loaded) throw new Error(`no Vite config in ${configFile}`);
  const config = loaded.config;
  const plugins = flatPlugins(config.plugins ?? []).filter(
    (p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'siks-precompress'),
  );
  const inline: InlineConfig = {
    ...config,
    configFile: false,
    mode: 'production',
    logLevel: 'silent',
    plugins,
    build: { ...config.build, outDir, emptyOutDir: true, manifest: true, reportCompressedSize: false },
  };
  // A production build whatever runs this (vitest sets NODE_ENV=test, which would bundle React's
  // development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build(inline);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  // The manifest's entry must be the script the HTML page starts (or nothing here measures a page).
  const entry = manifest['index.html']?.file;
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  if (!entry || !new RegExp(`<script type="module"[^>]*src="[^"]*${entry.replace(/[.]/g, '\\.')}"`).test(html)) {
    throw new Error(`${configFile}: index.html does not start ${entry}`);
  }
  return { dir: outDir, manifest };
}

/** The chunk keys reachable from `keys` through static imports. */
function staticClosure(m: Manifest, keys: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length > 0) {
    const k = stack.pop() as string;
    if (seen.has(k)) continue;
    const chunk = m[k];
    if (!chunk) throw new Error(`${k} is not in the build's manifest`);
    seen.add(k);
    stack.push(...(chunk.imports ?? []));
  }
  return seen;
}

/** `keys` with everything they import, statically or lazily, except the lazy chunks `skip` accepts. */
function fullClosure(m: Manifest, keys: Iterable<string>, skip: (key: string) => boolean): Set<string> {
  const seen = new Set<string>();
  let frontier = [...keys];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const k of staticClosure(m, frontier)) {
      if (seen.has(k)) continue;
      seen.add(k);
      for (const d of m[k]?.dynamicImports ?? []) if (!skip(d) && !seen.has(d)) next.push(d);
    }
    frontier = next;
  }
  return seen;
}

const brotliCache = new Map<string, number>();
function brotliSize(file: string): number {
  let n = brotliCache.get(file);
  if (n === undefined) {
    const data = fs.readFileSync(file);
    // The settings of vite.precompress.ts: what the server actually sends.
    n = zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length;
    brotliCache.set(file, n);
  }
  return n;
}

/** Files of the chunks `keys` (with the web workers they start if `workers`), and their sizes. */
function measure(b: Bundle, name: string, keys: Set<string>, budget: keyof typeof BUDGETS, workers: boolean): PageLoad {
  const files = new Set<string>();
  for (const k of keys) {
    const chunk = b.manifest[k];
    if (!chunk) continue;
    files.add(chunk.file);
    // Web workers the chunk starts (altcha's proof of work, the offline import) are its assets.
    if (workers) for (const a of chunk.assets ?? []) if (a.endsWith('.js')) files.add(a);
  }
  const list = [...files].filter((f) => f.endsWith('.js')).sort();
  let raw = 0;
  const sized = list.map((file) => {
    const p = path.join(b.dir, file);
    raw += fs.statSync(p).size;
    return { file, brotli: brotliSize(p) };
  });
  const budgetKB = BUDGETS[budget];
  return { name, files: sized, brotli: sized.reduce((n, f) => n + f.brotli, 0), raw, budgetKB, heldToKB: CEILINGS[budget] ?? budgetKB };
}

/** Where each app's routes (lazily loaded pages or screens) live. */
const ROUTE_DIRS: Record<string, string> = { 'src/web': 'pages', 'src/offline': 'screens' };

/**
 * The lazy chunks a page does not fetch: the other routes (lazy pages or screens imported by the
 * entry; a page chunk may import the entry back) and, in Indonesian, the web app's English
 * messages. Those are the only lazy imports an entry may have: anything else it imports lazily
 * could be fetched on every page and is not left out (this throws instead).
 */
function notFetchedBy(m: Manifest, srcDir: string, page: string | null, loginPage: boolean): (key: string) => boolean {
  const dir = ROUTE_DIRS[srcDir] ?? 'pages';
  const routes = new Set<string>();
  for (const d of m['index.html']?.dynamicImports ?? []) {
    if (d === 'i18n/en.ts' || d === LOGGED_IN_MESSAGES) continue;
    const c = m[d];
    // A page shared with another page's chunk is keyed by its chunk ("_VerifikasiUsulanPage-….js").
    const isRoute = c?.src?.startsWith(`${dir}/`) || (c && !c.src && fs.existsSync(path.join(ROOT, srcDir, dir, `${c.name}.tsx`)));
    if (!isRoute) throw new Error(`the entry lazily imports ${d}, which is no page`);
    routes.add(d);
  }
  if (page) routes.delete(page);
  return (key) => routes.has(key) || key === 'i18n/en.ts' || (loginPage && key === LOGGED_IN_MESSAGES);
}

/**
 * What an app loads for `page` (its source under `srcDir`, e.g. pages/HomePage.tsx; null: only
 * what the entry renders itself): the entry with its own lazy helpers, and the page with everything
 * it imports. A page bundled into the entry is counted with the entry.
 */
export function pageLoad(
  b: Bundle,
  srcDir: string,
  name: string,
  page: string | null,
  budget: keyof typeof BUDGETS,
  workers: boolean,
): PageLoad {
  if (page && !fs.existsSync(path.join(ROOT, srcDir, page))) throw new Error(`${srcDir}/${page} does not exist`);
  const keys = fullClosure(
    b.manifest,
    page && b.manifest[page] ? ['index.html', page] : ['index.html'],
    notFetchedBy(b.manifest, srcDir, page, budget === 'login'),
  );
  return measure(b, name, keys, budget, workers);
}

/** Files of the offline build missing from its service worker's list (the app must work offline after install). */
export function missingFromServiceWorker(dir: string): string[] {
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const listed = new Set<string>(
    (JSON.parse(/\{"version":"[0-9a-f]+","files":\[[^\]]*\]\}/.exec(sw)?.[0] ?? '{"files":[]}') as { files: string[] }).files,
  );
  const all = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return all
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => f !== 'sw.js' && !f.startsWith('.vite/') && !listed.has(f))
    .sort();
}

/** Builds both apps into a temporary directory and measures every budget; the directory is removed afterwards. */
export async function measureAll(): Promise<{ pages: PageLoad[]; notCachedOffline: string[]; seconds: number }> {
  const started = performance.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-budget-'));
  try {
    const web = await buildApp('vite.config.ts', path.join(tmp, 'web'));
    const offline = await buildApp('vite.offline.config.ts', path.join(tmp, 'offline'));
    const w = (name: string, page: string, budget: keyof typeof BUDGETS) => pageLoad(web, 'src/web', name, page, budget, true);
    // The offline import worker starts when a release is opened, not on the screen's load.
    const o = (name: string, page: string | null) => pageLoad(offline, 'src/offline', name, page, 'offline', false);
    const pages = [
      w('web: login page (with the captcha solver)', 'pages/LoginPage.tsx', 'login'),
      w('web: Beranda', 'pages/HomePage.tsx', 'loggedIn'),
      w('web: View Data Kesos', 'pages/HouseholdListPage.tsx', 'loggedIn'),
      w('web: household page', 'pages/HouseholdPage.tsx', 'loggedIn'),
      o('offline: first load (household list)', null),
      o('offline: first load before set-up', 'screens/Setup.tsx'),
    ];
    return { pages, notCachedOffline: missingFromServiceWorker(offline.dir), seconds: (performance.now() - started) / 1000 };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const kb = (n: number) => (n / KB).toFixed(1);

/** The table printed by `npm run budget`. */
export function formatTable(pages: readonly PageLoad[]): string {
  const rows = pages.map(
    (p) =>
      `| ${p.name} | ${kb(p.raw)} | ${kb(p.brotli)} | ≤ ${p.budgetKB} | ${p.brotli <= p.budgetKB * KB ? 'met' : p.brotli <= p.heldToKB * KB ? `missed (held to ≤ ${p.heldToKB})` : 'OVER'} |`,
  );
  return ['| Page | JS raw (KB) | JS brotli (KB) | Aim (KB) | |', '|---|---:|---:|---:|---|', ...rows].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { pages, notCachedOffline, seconds } = await measureAll();
  console.log(formatTable(pages));
  if (notCachedOffline.length > 0) console.log(`\nnot in the offline service worker's list: ${notCachedOffline.join(', ')}`);
  if (process.argv.includes('--files')) {
    for (const p of pages) console.log(`\n${p.name}:\n${p.files.map((f) => `  ${kb(f.brotli).padStart(6)}  ${f.file}`).join('\n')}`);
  }
  console.log(`\nbuilt and measured in ${seconds.toFixed(1)} s`);
  if (pages.some((p) => p.brotli > p.heldToKB * KB) || notCachedOffline.length > 0) process.exitCode = 1;
}

// Service worker of SIKS-NG Offline (hand-written; the build fills in the file list and version).
// The app shell is cached under a versioned name at install; every request inside the scope is
// answered from the caches first, so the app opens with the network switched off. Data never
// passes through here: it lives in IndexedDB.
//
// Updates: a new version installs its cache beside the old one and takes over at once
// (skipWaiting + claim), but a page keeps the code it started with, so the new version runs from
// the next load on. Older caches stay readable (a page still running the old code may need one
// of its lazily loaded files) until a page running the current version starts and says so
// ("CLEANUP"), which removes them.
/* global self, caches */

const MANIFEST = self.__SIKS_MANIFEST__; // { version: string, files: string[] } (relative to the scope)
const PREFIX = 'siks-offline-';
const CACHE = PREFIX + MANIFEST.version;

// Each cache records when its version was installed, so that a cleanup never removes the cache
// of a newer version (one being installed has no stamp yet and is left alone as well).
const STAMP = '__siks_installed__';

const scopeUrl = () => new URL(self.registration.scope);
const inScope = (url) => url.href.startsWith(scopeUrl().href);
const toUrl = (file) => new URL(file, scopeUrl()).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // cache: 'reload' bypasses the HTTP cache so that the new version's files are fetched fresh.
      .then(async (cache) => {
        await cache.addAll(MANIFEST.files.map((f) => new Request(toUrl(f), { cache: 'reload' })));
        await cache.put(toUrl(STAMP), new Response(String(Date.now())));
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'CLEANUP' || typeof data.script !== 'string') return;
  // Only a page that runs this version's code may retire the older caches. The answer tells the
  // page whether it runs the current version (else it offers a reload).
  const url = new URL(data.script, scopeUrl());
  const rel = url.href.startsWith(scopeUrl().href) ? url.href.slice(scopeUrl().href.length) : '';
  const current = MANIFEST.files.includes(rel);
  if (event.ports?.[0]) event.ports[0].postMessage({ current, version: MANIFEST.version });
  if (!current) return;
  event.waitUntil(removeOlderCaches());
});

async function stampOf(name) {
  const r = await (await caches.open(name)).match(toUrl(STAMP));
  return r ? Number(await r.text()) : NaN;
}

async function removeOlderCaches() {
  const mine = await stampOf(CACHE);
  if (!Number.isFinite(mine)) return;
  for (const k of await caches.keys()) {
    if (!k.startsWith(PREFIX) || k === CACHE) continue;
    const other = await stampOf(k);
    if (Number.isFinite(other) && other < mine) await caches.delete(k);
  }
}

async function fromCaches(request) {
  const current = await caches.open(CACHE);
  const hit = await current.match(request, { ignoreSearch: request.mode === 'navigate' });
  if (hit) return hit;
  // A file of an older version, for a page that still runs it.
  const keys = (await caches.keys()).filter((k) => k.startsWith(PREFIX) && k !== CACHE);
  for (const k of keys) {
    const old = await (await caches.open(k)).match(request);
    if (old) return old;
  }
  return undefined;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !inScope(url)) return;
  event.respondWith(
    (async () => {
      // Any page of the app (navigation) is index.html: routes live in the #fragment.
      const hit = await fromCaches(req.mode === 'navigate' ? new Request(toUrl('index.html')) : req);
      if (hit) return hit;
      return fetch(req);
    })(),
  );
});

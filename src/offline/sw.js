// Service worker of SIKS-NG Offline (hand-written; the build fills in the file list and version).
// The app shell is cached under a versioned name at install; every request inside the scope is
// answered from that cache first, so the app opens with the network switched off. A new version
// installs beside the old one and takes over on the next load (the page asks it to, see
// sw-register.tsx); old caches are removed when it activates. Data never passes through here: it
// lives in IndexedDB.
/* global self, caches */

const MANIFEST = self.__SIKS_MANIFEST__; // { version: string, files: string[] } (relative to the scope)
const PREFIX = 'siks-offline-';
const CACHE = PREFIX + MANIFEST.version;

const scopeUrl = () => new URL(self.registration.scope);
const inScope = (url) => url.href.startsWith(scopeUrl().href);
const toUrl = (file) => new URL(file, scopeUrl()).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // cache: 'reload' bypasses the HTTP cache so that the new version's files are fetched fresh.
      cache.addAll(MANIFEST.files.map((f) => new Request(toUrl(f), { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !inScope(url)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Any page of the app (navigation) is index.html: routes live in the #fragment.
      const key = req.mode === 'navigate' ? toUrl('index.html') : req;
      const hit = await cache.match(key, { ignoreSearch: req.mode === 'navigate' });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (err) {
        if (req.mode === 'navigate') {
          const shell = await cache.match(toUrl('index.html'));
          if (shell) return shell;
        }
        throw err;
      }
    })(),
  );
});

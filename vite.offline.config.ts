// Vite build of the offline operator application (src/offline → dist/offline).
//
// Asset URLs are relative (`base: './'`) and the service worker's scope is "./": the same build
// works at /offline/ of the online server and at the root of the folder unpacked from the
// "Download Aplikasi Offline" ZIP (`node serve.mjs` → http://127.0.0.1:8080/). Routes live in the
// URL fragment (#/rt/…), so no server-side routing is needed.
//
// After the bundle is written, the `siks-offline-sw` plugin writes dist/offline/sw.js from
// src/offline/sw.js with the list of files to cache and a version (hash of every file), so any
// change of the app gives a new cache and a new worker.
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './vite.precompress.ts';

const root = fileURLToPath(new URL('./src/offline', import.meta.url));
const defaultOutDir = fileURLToPath(new URL('./dist/offline', import.meta.url));

function listFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.name.startsWith('.')) return [];
    return e.isDirectory() ? listFiles(dir, r) : [r];
  });
}

function serviceWorker(): Plugin {
  // The build's own output directory (a `--outDir` elsewhere must not rewrite dist/offline/sw.js).
  let outDir = defaultOutDir;
  return {
    name: 'siks-offline-sw',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const template = fs.readFileSync(path.join(root, 'sw.js'), 'utf8');
      const files = listFiles(outDir)
        // The .br/.gz twins are the same files for the browser (Content-Encoding): not cached twice.
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map') && !/\.(br|gz)$/.test(f))
        .sort();
      const h = createHash('sha256').update(template);
      for (const f of files)
        h.update(f)
          .update('\0')
          .update(fs.readFileSync(path.join(outDir, f)));
      const manifest = { version: h.digest('hex').slice(0, 16), files };
      fs.writeFileSync(path.join(outDir, 'sw.js'), template.replace('self.__SIKS_MANIFEST__', JSON.stringify(manifest)));
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), serviceWorker(), precompress()],
  worker: { format: 'es' },
  build: {
    outDir: defaultOutDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});

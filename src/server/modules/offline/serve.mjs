#!/usr/bin/env node
// SIKS-NG Offline: serves this folder on http://127.0.0.1:8080/ with nothing but Node.js.
// Usage: node serve.mjs            (port 8080)
//        node serve.mjs 8081       (another port; or PORT=8081 node serve.mjs)
// The app needs http://localhost or http://127.0.0.1 (not file://): browsers run service
// workers and WebCrypto only there. The data stays in the browser (IndexedDB), not in this folder.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    // Never outside this folder, never hidden files (of the folder's own tree).
    if (
      !file.startsWith(root) ||
      file
        .slice(root.length)
        .split(sep)
        .some((p) => p.startsWith('.'))
    ) {
      res.writeHead(404).end('Not found');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Tidak ditemukan / Not found');
      return;
    }
    const name = rel.slice(1);
    const fresh = name === 'index.html' || name === 'sw.js' || name === 'manifest.webmanifest';
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': fresh ? 'no-cache' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    };
    if (name === 'sw.js') headers['service-worker-allowed'] = '/';
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else res.end(await readFile(file));
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});

server.on('error', (err) => {
  if (err.code === 'EADDRINUSE')
    console.error(
      `Port ${port} sudah dipakai. Jalankan: node serve.mjs ${port + 1}\nPort ${port} is in use. Run: node serve.mjs ${port + 1}`,
    );
  else console.error(err);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(
    `SIKS-NG Offline: buka http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/ di Chrome/Edge/Firefox (Ctrl+C untuk berhenti).`,
  );
  console.log(`SIKS-NG Offline: open http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/ in Chrome/Edge/Firefox (Ctrl+C to stop).`);
});

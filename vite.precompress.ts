// Vite plugin shared by both builds (issue 17, lean pages): after the bundle is written, every
// text asset (JavaScript, CSS, HTML, JSON, SVG, web manifest) gets a brotli (.br) and a gzip (.gz)
// twin, whatever its size, so that the server sends compressed bytes without compressing per
// request (@fastify/static preCompressed). Listed last among the plugins: it compresses what the
// others wrote (the offline app's sw.js included).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|html|json|svg|webmanifest|txt)$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.isFile() && TEXT.test(e.name) ? [p] : [];
  });
}

/** Writes `<file>.br` and `<file>.gz` beside every text file under `dir`; returns how many files it compressed. */
export function precompressDir(dir: string): number {
  const list = files(dir);
  for (const f of list) {
    const data = fs.readFileSync(f);
    const br = zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    });
    fs.writeFileSync(`${f}.br`, br);
    fs.writeFileSync(`${f}.gz`, zlib.gzipSync(data, { level: 9 }));
  }
  return list.length;
}

/** The plugin: compresses the build's output directory once the bundle is closed. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'siks-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}

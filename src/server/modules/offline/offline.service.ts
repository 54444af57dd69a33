// "Download Aplikasi Offline" (F5): the built offline app (dist/offline) as a ZIP with a README in
// Bahasa Indonesia and serve.mjs, a dependency-free local web server. The ZIP holds no data.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/scope.ts';
import { logRegionOf } from '../access/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where `npm start` / `vite build --config vite.offline.config.ts` puts the offline app. */
export const OFFLINE_DIST = path.resolve(here, '../../../../dist/offline');

export const OFFLINE_ZIP_NAME = 'siks-ng-offline.zip';

export const README_TXT = `SIKS-NG OFFLINE - Aplikasi operator kecamatan/desa
=================================================

Aplikasi ini dipakai operator untuk verifikasi dan validasi (verval) data BDT tanpa internet:
membuka rilis basis data (.siksdb) dari Supervisor Kabupaten/Kota, mencatat hasil kunjungan,
memperbaiki data rumah tangga dan anggotanya, mengusulkan rumah tangga baru, lalu mengekspor
paket usulan (.siks) untuk diimpor di SIKS-NG Online. Berkas umpan balik (.siksfb) dari
supervisor dibuka di menu "Umpan Balik".

MENJALANKAN DARI FOLDER INI (SATU PERINTAH)
------------------------------------------
1. Ekstrak ZIP ini ke sebuah folder, misalnya D:\\siks-offline atau ~/siks-offline.
2. Buka terminal (Command Prompt / PowerShell / Terminal) di folder itu, lalu jalankan:

       node serve.mjs

   (perlu Node.js 18 atau lebih baru, tanpa paket tambahan). Jika Node.js tidak ada tetapi
   Python 3 ada, jalankan sebagai gantinya:

       python3 -m http.server 8080 --bind 127.0.0.1

   (di Windows: py -m http.server 8080 --bind 127.0.0.1)
3. Buka http://127.0.0.1:8080/ di Chrome, Edge atau Firefox versi terbaru.
4. Lakukan "Inisiasi Awal": pilih berkas .siksdb, masukkan kata sandi rilis, pilih kecamatan
   atau desa/kelurahan wilayah kerja, dan isi nama operator.

Setelah dibuka sekali, aplikasi tetap berjalan walaupun internet mati. Data tersimpan di
penyimpanan peramban (IndexedDB) dan tetap ada setelah peramban atau komputer dinyalakan ulang.
Selalu buka alamat yang sama (http://127.0.0.1:8080/): alamat atau port lain berarti
penyimpanan lain. Perintah "node serve.mjs" hanya perlu berjalan saat aplikasi dibuka; jika
port 8080 sudah dipakai, jalankan "node serve.mjs 8081" dan buka http://127.0.0.1:8081/.

PENTING
-------
- Jangan membuka index.html langsung (file://...): peramban hanya menyediakan service worker dan
  fungsi kriptografi untuk http://localhost, http://127.0.0.1 atau https.
- Ekspor usulan secara berkala (menu "Usulan & Ekspor") dan serahkan berkas .siks kepada
  Supervisor Kabupaten/Kota. Menghapus data peramban (riwayat/cookie) menghapus juga data aplikasi.
- Satu perangkat dapat dipakai beberapa operator, tetapi setiap paket mencantumkan nama operator
  yang diisi pada Pengaturan.
- Aplikasi ini juga tersedia langsung di SIKS-NG Online pada alamat /offline/ (misalnya
  https://siks.example.go.id/offline/) dan bekerja sama persis.

SIKS-NG Offline - Kementerian Sosial Republik Indonesia. Data wilayah: Kemendagri melalui
idn-area-data (ODbL).
`;

function listFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    // Dotfiles, and the build's .br/.gz twins (served by the online server only; serve.mjs sends plain files).
    if (e.name.startsWith('.') || /\.(br|gz)$/.test(e.name)) return [];
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, r) : e.isFile() ? [r] : [];
  });
}

/** Whether the offline app has been built into `dist`. */
export function offlineAppBuilt(dist: string = OFFLINE_DIST): boolean {
  return fs.existsSync(path.join(dist, 'index.html')) && fs.existsSync(path.join(dist, 'sw.js'));
}

const STORED = /\.(png|jpe?g|gif|webp|woff2?|zip|gz)$/i;

/**
 * A ZIP stream of the built app (every file of `dist` but dotfiles) plus README.txt and
 * serve.mjs at the root. 404 when the app was never built.
 */
export function offlineAppZip(dist: string = OFFLINE_DIST): Readable {
  if (!offlineAppBuilt(dist))
    throw new AppError(
      'NOT_FOUND',
      { reason: 'offline app not built' },
      {
        id: 'Aplikasi offline belum dibangun di server ini. Jalankan "npm start" atau "npm run build:offline".',
        en: 'The offline app has not been built on this server. Run "npm start" or "npm run build:offline".',
      },
    );
  const files = listFiles(dist).sort();
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) return out.destroy(err);
    out.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (final) out.end();
  });
  const add = (name: string, data: Uint8Array) => {
    const entry = STORED.test(name) ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(data, true);
  };
  // Files are small (the whole app is under 1 MB); each is read and added in turn.
  void (async () => {
    try {
      add('README.txt', new TextEncoder().encode(README_TXT.replace(/\n/g, '\r\n')));
      add('serve.mjs', await fs.promises.readFile(path.join(here, 'serve.mjs')));
      for (const f of files) add(f, await fs.promises.readFile(path.join(dist, f)));
      zip.end();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** The log action of a download of the offline app (Beranda counts them per district). */
export const OFFLINE_APP_DOWNLOAD = 'DOWNLOAD_OFFLINE_APP';

/** Logs one download of the offline app under the user's district (or province), before a byte is sent. */
export async function logOfflineAppDownload(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.database.transaction((tx) =>
    recordAudit(tx, {
      actor: { id: actor.userId, username: actor.username },
      action: OFFLINE_APP_DOWNLOAD,
      text: { id: 'Download Aplikasi Offline', en: 'Downloaded the offline app' },
      subject: 'offline-app',
      regionCode: logRegionOf(actor),
    }),
  );
}

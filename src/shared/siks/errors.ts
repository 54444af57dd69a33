// The one error type of the SIKS codec. Every rejection has a stable code (for tests, logs and the
// server's error catalogue) and a message in Bahasa Indonesia and English that a district officer
// can act on. Messages never quote file content beyond a short, sanitised entry name.

export type SiksErrorCode =
  | 'SIKS_MAGIC'
  | 'SIKS_VERSION'
  | 'SIKS_HEADER'
  | 'SIKS_FORMAT_VERSION'
  | 'SIKS_KIND'
  | 'SIKS_PASSPHRASE'
  | 'SIKS_UNKNOWN_RELEASE'
  | 'SIKS_AUTH'
  | 'SIKS_ZIP'
  | 'SIKS_ENTRY_NAME'
  | 'SIKS_DUPLICATE_ENTRY'
  | 'SIKS_ENTRY_MISSING'
  | 'SIKS_TOO_MANY_ENTRIES'
  | 'SIKS_TOO_LARGE'
  | 'SIKS_RATIO'
  | 'SIKS_NDJSON'
  | 'SIKS_MEDIA'
  | 'SIKS_PROPOSAL_ID'
  | 'SIKS_RELEASE_JSON'
  | 'SIKS_RELEASE_MISMATCH'
  | 'SIKS_COUNTS';

export interface SiksMessages {
  id: string;
  en: string;
}

/** A SIKS file (or a value given to a SIKS writer) breaks a rule of the format. */
export class SiksFormatError extends Error {
  readonly code: SiksErrorCode;
  readonly messages: SiksMessages;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: SiksErrorCode, messages: SiksMessages, details?: Record<string, unknown>) {
    super(messages.en);
    this.name = 'SiksFormatError';
    this.code = code;
    this.messages = messages;
    this.details = details;
  }
}

/** True when `e` is a SiksFormatError, optionally with the given code. */
export function isSiksFormatError(e: unknown, code?: SiksErrorCode): e is SiksFormatError {
  return e instanceof SiksFormatError && (code === undefined || e.code === code);
}

const KIND_ID: Record<string, string> = {
  release: 'rilis basis data (.siksdb)',
  package: 'paket usulan (.siks)',
  feedback: 'berkas umpan balik (.siksfb)',
};
const KIND_EN: Record<string, string> = {
  release: 'database release (.siksdb)',
  package: 'proposal package (.siks)',
  feedback: 'feedback file (.siksfb)',
};

/** Quote an attacker-controlled name safely and briefly for a message. */
export function quoteName(name: string): string {
  const q = JSON.stringify(name);
  return q.length > 80 ? `${q.slice(0, 77)}…"` : q;
}

/** A short, safe rendering of an attacker-controlled JSON value for a message. */
function brief(value: unknown): string {
  const s = value === undefined ? 'undefined' : JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function e(code: SiksErrorCode, id: string, en: string, details?: Record<string, unknown>): SiksFormatError {
  return new SiksFormatError(code, { id, en }, details);
}

export type ZipReason =
  | 'structure'
  | 'multi-disk'
  | 'directory'
  | 'symlink'
  | 'special-file'
  | 'encrypted'
  | 'flags'
  | 'method'
  | 'local-header'
  | 'overlap'
  | 'hidden-data'
  | 'size'
  | 'crc'
  | 'deflate';

// One text per way an archive can be broken; `n` is the quoted entry name.
const ZIP_TEXTS: Record<ZipReason, (n: string, x: Record<string, unknown>) => [string, string]> = {
  structure: (_, x) => [`struktur arsip rusak (${String(x.what)}).`, `the archive structure is broken (${String(x.what)}).`],
  'multi-disk': () => ['arsip terpecah ke beberapa bagian (multi-disk).', 'the archive is split over several disks.'],
  directory: (n) => [
    `arsip memuat folder ${n}; hanya berkas yang diizinkan.`,
    `the archive holds a directory ${n}; only files are allowed.`,
  ],
  symlink: (n) => [`arsip memuat tautan simbolik ${n}.`, `the archive holds a symbolic link ${n}.`],
  'special-file': (n) => [`arsip memuat berkas khusus ${n}.`, `the archive holds a special file ${n}.`],
  encrypted: (n) => [`bagian ${n} memakai enkripsi ZIP, yang tidak diizinkan.`, `${n} uses ZIP encryption, which is not allowed.`],
  flags: (n) => [`bagian ${n} memakai fitur ZIP yang tidak didukung.`, `${n} uses an unsupported ZIP feature.`],
  method: (n, x) => [
    `metode kompresi ${String(x.method)} pada ${n} tidak didukung (hanya 0 dan 8).`,
    `compression method ${String(x.method)} of ${n} is not supported (only 0 and 8).`,
  ],
  'local-header': (n, x) => [
    `header lokal ${n} tidak sesuai dengan direktori pusat (${String(x.field)}).`,
    `the local header of ${n} disagrees with the central directory (${String(x.field)}).`,
  ],
  overlap: () => ['bagian-bagian arsip saling tumpang tindih.', 'entries of the archive overlap.'],
  'hidden-data': () => ['arsip memuat data tersembunyi di luar daftar isinya.', 'the archive holds hidden data outside its directory.'],
  size: (n) => [`ukuran ${n} tidak sesuai dengan yang tercatat.`, `the size of ${n} differs from the recorded size.`],
  crc: (n) => [`${n} gagal uji CRC; isinya rusak.`, `${n} fails its CRC check; its content is damaged.`],
  deflate: (n) => [`data terkompresi ${n} rusak.`, `the compressed data of ${n} is corrupt.`],
};

const MiB = 1024 * 1024;
function size(n: number): string {
  return n >= 1024 * MiB ? `${n / (1024 * MiB)} GiB` : `${n / MiB} MiB`;
}

/** Factories for every rejection, so that all wording lives in one place. */
export const fail = {
  magic: () =>
    e('SIKS_MAGIC', 'Berkas ini bukan berkas SIKS (.siksdb, .siks atau .siksfb).', 'This is not a SIKS file (.siksdb, .siks or .siksfb).'),
  envelopeVersion: (found: number) =>
    e(
      'SIKS_VERSION',
      `Versi amplop berkas SIKS ini (${found}) tidak didukung; aplikasi ini membaca versi 1. Perbarui aplikasi atau minta berkas baru.`,
      `This SIKS envelope version (${found}) is not supported; this application reads version 1. Update the application or ask for a new file.`,
      { found },
    ),
  headerLength: (h: number) =>
    e(
      'SIKS_HEADER',
      `Panjang kepala berkas (${h} bita) di luar batas 2–65536; berkas ini tidak sah.`,
      `The file header length (${h} bytes) is outside 2–65536; the file is invalid.`,
      { reason: 'length', found: h },
    ),
  headerJson: (why: string) =>
    e(
      'SIKS_HEADER',
      'Kepala berkas bukan objek JSON UTF-8 yang sah; berkas ini tidak sah.',
      `The file header is not a valid UTF-8 JSON object (${why}); the file is invalid.`,
      { reason: 'json', why },
    ),
  headerField: (fullPath: string, problem: 'missing' | 'unknown' | 'invalid') => {
    const path = fullPath.length > 60 ? `${fullPath.slice(0, 57)}…` : fullPath;
    return e(
      'SIKS_HEADER',
      problem === 'missing'
        ? `Kepala berkas tidak lengkap: kolom "${path}" wajib ada.`
        : problem === 'unknown'
          ? `Kepala berkas memuat kolom yang tidak dikenal: "${path}".`
          : `Kepala berkas tidak sah: nilai kolom "${path}" tidak sesuai format SIKS.`,
      problem === 'missing'
        ? `The file header is incomplete: field "${path}" is required.`
        : problem === 'unknown'
          ? `The file header holds an unknown field: "${path}".`
          : `The file header is invalid: field "${path}" does not follow the SIKS format.`,
      { reason: 'field', path, problem },
    );
  },
  keyParams: (path: string) =>
    e(
      'SIKS_HEADER',
      `Parameter kunci berkas ("${path}") tidak didukung. Rilis SIKS selalu memakai scrypt dengan N=32768, r=8, p=1; berkas ini ditolak.`,
      `The file's key parameter ("${path}") is not supported. SIKS releases always use scrypt with N=32768, r=8, p=1; the file is rejected.`,
      { reason: 'key', path },
    ),
  formatVersion: (found: unknown) =>
    e(
      'SIKS_FORMAT_VERSION',
      `Berkas ini memakai format SIKS versi ${brief(found)}, sedangkan aplikasi ini hanya membaca versi 1. Perbarui aplikasi atau minta berkas versi 1.`,
      `This file uses SIKS format version ${brief(found)}, but this application reads only version 1. Update the application or ask for a version 1 file.`,
      { found: typeof found === 'number' ? found : brief(found) },
    ),
  kindUnknown: (found: unknown) =>
    e(
      'SIKS_KIND',
      `Jenis berkas ${brief(found)} tidak dikenal; yang sah hanya rilis, paket atau umpan balik.`,
      `File kind ${brief(found)} is unknown; only release, package and feedback exist.`,
      { found: brief(found) },
    ),
  kindUnexpected: (found: string, expected: string) =>
    e(
      'SIKS_KIND',
      `Berkas ini adalah ${KIND_ID[found] ?? found}, bukan ${KIND_ID[expected] ?? expected} yang diharapkan di sini.`,
      `This file is a ${KIND_EN[found] ?? found}, not the ${KIND_EN[expected] ?? expected} expected here.`,
      { found, expected },
    ),
  passphraseShort: (codePoints: number) =>
    e(
      'SIKS_PASSPHRASE',
      `Kata sandi rilis minimal 12 karakter (yang diberikan ${codePoints}).`,
      `The release passphrase must have at least 12 characters (${codePoints} given).`,
      { reason: 'short', codePoints },
    ),
  passphraseInvalid: () =>
    e('SIKS_PASSPHRASE', 'Kata sandi rilis memuat karakter yang tidak sah.', 'The release passphrase holds invalid characters.', {
      reason: 'invalid',
    }),
  unknownRelease: (releaseId: string) =>
    e(
      'SIKS_UNKNOWN_RELEASE',
      'Berkas ini dibuat dari rilis basis data yang tidak dikenal sistem; pastikan operator memakai rilis yang diunduh dari sistem ini.',
      'This file was made from a database release that this system does not know; make sure the operator uses a release downloaded from this system.',
      { releaseId },
    ),
  auth: (kind: string | undefined, reason: 'tag' | 'truncated') =>
    e(
      'SIKS_AUTH',
      kind === 'release'
        ? 'Berkas rusak atau telah diubah, atau kata sandinya salah. Periksa kata sandi, lalu unduh ulang rilis bila perlu.'
        : 'Berkas rusak atau telah diubah. Minta pengirim membuat dan mengirim ulang berkas tersebut.',
      kind === 'release'
        ? 'The file is damaged or has been altered, or the passphrase is wrong. Check the passphrase, then download the release again if needed.'
        : 'The file is damaged or has been altered. Ask the sender to make and send the file again.',
      { reason },
    ),
  zip: (reason: ZipReason, entry?: string, extra?: Record<string, unknown>) => {
    const [id, en] = ZIP_TEXTS[reason](entry === undefined ? '' : quoteName(entry), extra ?? {});
    const where = entry === undefined ? {} : { entry: entry.slice(0, 200) };
    return e('SIKS_ZIP', `Isi berkas tidak sah: ${id}`, `The file content is invalid: ${en}`, {
      reason,
      ...where,
      ...extra,
    });
  },
  entryName: (name: string) =>
    e(
      'SIKS_ENTRY_NAME',
      `Isi berkas memuat bagian yang tidak diizinkan: ${quoteName(name)}. Berkas ditolak.`,
      `The file holds a part that is not allowed: ${quoteName(name)}. The file is rejected.`,
      { entry: name.slice(0, 200) },
    ),
  duplicateEntry: (name: string) =>
    e(
      'SIKS_DUPLICATE_ENTRY',
      `Bagian ${quoteName(name)} muncul lebih dari sekali di dalam berkas. Berkas ditolak.`,
      `Part ${quoteName(name)} appears more than once in the file. The file is rejected.`,
      { entry: name },
    ),
  entryMissing: (name: string) =>
    e(
      'SIKS_ENTRY_MISSING',
      `Bagian wajib ${quoteName(name)} tidak ada di dalam berkas. Berkas tidak lengkap.`,
      `Required part ${quoteName(name)} is missing from the file. The file is incomplete.`,
      { entry: name },
    ),
  tooManyMedia: (max: number) =>
    e(
      'SIKS_TOO_MANY_ENTRIES',
      `Paket memuat lebih dari ${max.toLocaleString('id-ID')} foto. Bagi pekerjaan ke beberapa paket.`,
      `The package holds more than ${max.toLocaleString('en-US')} photos. Split the work into several packages.`,
      { max },
    ),
  tooLargeTotal: (limit: number) =>
    e(
      'SIKS_TOO_LARGE',
      `Isi berkas melebihi batas ${size(limit)} setelah dibuka. Berkas ditolak.`,
      `The file content exceeds the ${size(limit)} limit once unpacked. The file is rejected.`,
      { reason: 'total', limit },
    ),
  tooLargeMedia: (name: string, limit: number) =>
    e(
      'SIKS_TOO_LARGE',
      `Foto ${quoteName(name)} melebihi batas ${size(limit)} per foto.`,
      `Photo ${quoteName(name)} exceeds the ${size(limit)} limit per photo.`,
      { reason: 'media', entry: name, limit },
    ),
  tooLargeJson: (name: string, limit: number) =>
    e(
      'SIKS_TOO_LARGE',
      `Bagian ${quoteName(name)} melebihi batas ${size(limit)}.`,
      `Part ${quoteName(name)} exceeds the ${size(limit)} limit.`,
      {
        reason: 'json',
        entry: name,
        limit,
      },
    ),
  ratio: (name: string) =>
    e(
      'SIKS_RATIO',
      `Bagian ${quoteName(name)} mengembang tidak wajar saat dibuka (lebih dari 200 kali ukurannya); berkas ini berbahaya dan ditolak.`,
      `Part ${quoteName(name)} expands abnormally when unpacked (more than 200 times its size); the file is dangerous and rejected.`,
      { entry: name },
    ),
  ndjson: (name: string, line: number, reason: string) => {
    const what: Record<string, [string, string]> = {
      'blank-line': ['baris kosong', 'a blank line'],
      crlf: ['akhir baris CR (Windows); hanya LF yang sah', 'a CR (Windows) line ending; only LF is valid'],
      bom: ['penanda BOM di awal', 'a byte order mark at the start'],
      utf8: ['teks yang bukan UTF-8', 'text that is not UTF-8'],
      json: ['teks yang bukan JSON', 'text that is not JSON'],
      'not-object': ['nilai JSON yang bukan objek', 'a JSON value that is not an object'],
      'line-too-long': ['baris yang terlalu panjang', 'a line that is too long'],
    };
    const [wid, wen] = what[reason] ?? [reason, reason];
    return e(
      'SIKS_NDJSON',
      `Bagian ${quoteName(name)} baris ${line} memuat ${wid}. Setiap baris harus satu objek JSON.`,
      `Part ${quoteName(name)} line ${line} holds ${wen}. Every line must be one JSON object.`,
      { reason, entry: name, line },
    );
  },
  media: (reason: 'hash' | 'not-image' | 'extension' | 'unreferenced' | 'missing' | 'reference', name: string, line?: number) => {
    const texts: Record<typeof reason, [string, string]> = {
      hash: [
        `Foto ${quoteName(name)} tidak cocok dengan sidik (SHA-256) pada namanya; foto rusak atau telah diubah.`,
        `Photo ${quoteName(name)} does not match the SHA-256 in its name; it is damaged or altered.`,
      ],
      'not-image': [`Bagian ${quoteName(name)} bukan foto JPEG atau PNG.`, `Part ${quoteName(name)} is not a JPEG or PNG photo.`],
      extension: [
        `Jenis foto ${quoteName(name)} tidak sesuai dengan akhiran namanya (.jpg/.png).`,
        `The type of photo ${quoteName(name)} does not match its name's extension (.jpg/.png).`,
      ],
      unreferenced: [
        `Foto ${quoteName(name)} tidak dirujuk oleh usulan mana pun.`,
        `Photo ${quoteName(name)} is not referenced by any proposal.`,
      ],
      missing: [
        `Usulan merujuk foto ${quoteName(name)} yang tidak ada di dalam paket.`,
        `A proposal refers to photo ${quoteName(name)}, which is not in the package.`,
      ],
      reference: [
        `Rujukan foto pada usulan (baris ${line ?? '?'}) tidak sah: setiap foto harus berupa objek dengan "sha256" 64 digit heksadesimal.`,
        `A photo reference of a proposal (line ${line ?? '?'}) is invalid: each photo must be an object with a 64-hex-digit "sha256".`,
      ],
    };
    const [id, en] = texts[reason];
    return e('SIKS_MEDIA', id, en, { reason, entry: name, ...(line === undefined ? {} : { line }) });
  },
  proposalId: (name: string, line: number) =>
    e(
      'SIKS_PROPOSAL_ID',
      `Baris ${line} pada ${quoteName(name)} tidak memiliki "proposalId" berupa UUID yang sah.`,
      `Line ${line} of ${quoteName(name)} has no "proposalId" that is a valid UUID.`,
      { entry: name, line },
    ),
  releaseJson: (path: string) =>
    e('SIKS_RELEASE_JSON', `Bagian "release.json" tidak sah (kolom "${path}").`, `Part "release.json" is invalid (field "${path}").`, {
      path,
    }),
  releaseMismatch: (field: string) =>
    e(
      'SIKS_RELEASE_MISMATCH',
      `Kepala berkas dan "release.json" tidak sesuai pada "${field}". Berkas ditolak.`,
      `The file header and "release.json" disagree on "${field}". The file is rejected.`,
      { field },
    ),
  counts: (what: string, declared: number, found: number) =>
    e(
      'SIKS_COUNTS',
      `Jumlah ${what} yang tercatat di kepala berkas (${declared}) tidak sama dengan isi berkas (${found}). Berkas tidak lengkap atau telah diubah.`,
      `The number of ${what} declared in the file header (${declared}) differs from the content (${found}). The file is incomplete or altered.`,
      { what, declared, found },
    ),
};

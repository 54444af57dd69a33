// Pure helpers of F5 (Kirim MoU & Download): the scans' checks before upload, the release
// passphrase rules, the file name of a download, download progress. No React, no I/O.
import { IMAGE_MAX_BYTES } from '../shared/api/vocabulary.ts';
import type { Translate } from './i18n/index.ts';

/**
 * The codec's minimum passphrase length (MIN_PASSPHRASE_CODE_POINTS of src/shared/siks/keys.ts;
 * release.test.ts checks they agree). Not imported: that module would bring zod into the bundle.
 */
export const MIN_PASSPHRASE_CODE_POINTS = 12;

/** The server's limit per scan (2 MiB); checked before sending to say it at once. */
export const MOU_IMAGE_MAX_BYTES = IMAGE_MAX_BYTES;
/** What the file pickers offer; the server decides JPEG/PNG by content anyway. */
export const MOU_ACCEPT = '.jpg,.jpeg,.png';

const IMAGE_NAME = /\.(jpe?g|png)$/i;

export type MouFileErrors = Partial<Record<'mou' | 'permohonan', string>>;

/** Checks one chosen scan: present, named .jpg/.jpeg/.png (or typed image/jpeg|png), ≤ 2 MiB. */
export function checkMouFile(file: { name: string; size: number; type?: string } | null, t: Translate): string | undefined {
  if (!file) return t('mou.err.missing');
  const typeOk = file.type === 'image/jpeg' || file.type === 'image/png' || IMAGE_NAME.test(file.name);
  if (!typeOk) return t('mou.err.type');
  if (file.size === 0) return t('mou.err.empty');
  if (file.size > MOU_IMAGE_MAX_BYTES) return t('mou.err.tooLarge');
  return undefined;
}

/** Checks both scans; an empty object means they may be sent. */
export function checkMouFiles(
  files: {
    mou: { name: string; size: number; type?: string } | null;
    permohonan: { name: string; size: number; type?: string } | null;
  },
  t: Translate,
): MouFileErrors {
  const errors: MouFileErrors = {};
  const mou = checkMouFile(files.mou, t);
  const permohonan = checkMouFile(files.permohonan, t);
  if (mou) errors.mou = mou;
  if (permohonan) errors.permohonan = permohonan;
  return errors;
}

/** Length of a passphrase as the codec counts it: code points after NFC. */
export function passphraseLength(passphrase: string): number {
  return [...passphrase.normalize('NFC')].length;
}

export type PassphraseErrors = Partial<Record<'passphrase' | 'repeat', string>>;

/** The release passphrase: at least 12 characters (code points), typed twice the same. */
export function checkPassphrase(passphrase: string, repeat: string, t: Translate): PassphraseErrors {
  const errors: PassphraseErrors = {};
  const n = passphraseLength(passphrase);
  if (n === 0) errors.passphrase = t('release.err.required');
  else if (n < MIN_PASSPHRASE_CODE_POINTS) errors.passphrase = t('release.err.short', { min: MIN_PASSPHRASE_CODE_POINTS, count: n });
  if (repeat === '') {
    if (!errors.passphrase) errors.repeat = t('release.err.repeatRequired');
  } else if (repeat.normalize('NFC') !== passphrase.normalize('NFC')) errors.repeat = t('release.err.mismatch');
  return errors;
}

/**
 * The file name of a Content-Disposition header (RFC 6266: `filename*=UTF-8''…` preferred over
 * `filename="…"`), reduced to a plain name (no directories, no control characters); null if none.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  let name: string | null = null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      name = decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, ''));
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
    const plain = /filename\s*=\s*([^;\s]+)/i.exec(header);
    if (quoted) name = quoted[1]!.replace(/\\(.)/g, '$1');
    else if (plain) name = plain[1]!;
  }
  if (name === null) return null;
  // eslint-disable-next-line no-control-regex
  const clean = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' || clean === '.' || clean === '..' ? null : clean;
}

/** Whole percent of a download, or null when the total is unknown. */
export function progressPercent(received: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.floor((received / total) * 100));
}

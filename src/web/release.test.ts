import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE_CODE_POINTS as CODEC_MIN } from '../shared/siks/keys.ts';
import { translate, type MessageKey } from './i18n/index.ts';
import {
  MIN_PASSPHRASE_CODE_POINTS,
  checkMouFile,
  checkMouFiles,
  checkPassphrase,
  filenameFromDisposition,
  MOU_IMAGE_MAX_BYTES,
  passphraseLength,
  progressPercent,
} from './release.ts';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate(key, params, 'id');

describe('release passphrase', () => {
  it('has the minimum length of the codec', () => {
    expect(MIN_PASSPHRASE_CODE_POINTS).toBe(CODEC_MIN);
  });

  it('counts code points after NFC, as the codec does', () => {
    expect(passphraseLength('abc')).toBe(3);
    expect(passphraseLength('e\u0301')).toBe(1); // é decomposed
    expect(passphraseLength('😀😀')).toBe(2);
  });

  it('needs at least 12 characters, typed twice the same', () => {
    expect(checkPassphrase('kopi tubruk pagi', 'kopi tubruk pagi', t)).toEqual({});
    expect(checkPassphrase('', '', t)).toEqual({ passphrase: 'Kata sandi rilis wajib diisi.' });
    expect(checkPassphrase('pendek', 'pendek', t).passphrase).toBe('Kata sandi rilis minimal 12 karakter (sekarang 6).');
    expect(checkPassphrase('kopi tubruk pagi', '', t)).toEqual({ repeat: 'Ketik ulang kata sandi rilis.' });
    expect(checkPassphrase('kopi tubruk pagi', 'kopi tubruk sore', t)).toEqual({
      repeat: 'Kedua kata sandi tidak sama.',
    });
    // 12 emoji are 12 characters even though they are 24 UTF-16 units; 11 are too few.
    expect(checkPassphrase('😀'.repeat(12), '😀'.repeat(12), t)).toEqual({});
    expect(checkPassphrase('😀'.repeat(11), '😀'.repeat(11), t).passphrase).toBeDefined();
    // The same passphrase typed composed and decomposed is the same.
    expect(checkPassphrase('café café café', 'cafe\u0301 cafe\u0301 cafe\u0301', t)).toEqual({});
  });

  it('speaks English too', () => {
    expect(checkPassphrase('a', 'b', (k, p) => translate(k, p, 'en'))).toEqual({
      passphrase: 'The release passphrase needs at least 12 characters (now 1).',
      repeat: 'The two passphrases differ.',
    });
  });
});

describe('MoU scans', () => {
  it('accepts JPEG/PNG up to 2 MB and says what is wrong otherwise', () => {
    expect(checkMouFile({ name: 'mou.jpg', size: 1000, type: 'image/jpeg' }, t)).toBeUndefined();
    expect(checkMouFile({ name: 'SCAN.PNG', size: 1000, type: '' }, t)).toBeUndefined();
    expect(checkMouFile({ name: 'scan', size: 1000, type: 'image/png' }, t)).toBeUndefined();
    expect(checkMouFile(null, t)).toBe('Pilih berkas hasil scan.');
    expect(checkMouFile({ name: 'mou.pdf', size: 1000, type: 'application/pdf' }, t)).toBe('Pilih berkas JPG, JPEG atau PNG.');
    expect(checkMouFile({ name: 'mou.jpg', size: 0, type: 'image/jpeg' }, t)).toBe('Berkas ini kosong.');
    expect(checkMouFile({ name: 'mou.jpg', size: MOU_IMAGE_MAX_BYTES, type: 'image/jpeg' }, t)).toBeUndefined();
    expect(checkMouFile({ name: 'mou.jpg', size: MOU_IMAGE_MAX_BYTES + 1, type: 'image/jpeg' }, t)).toBe(
      'Ukuran gambar melebihi batas 2 MB. Perkecil gambar lalu pilih lagi.',
    );
  });

  it('needs both files at once', () => {
    const ok = { name: 'a.png', size: 10, type: 'image/png' };
    expect(checkMouFiles({ mou: ok, permohonan: ok }, t)).toEqual({});
    expect(Object.keys(checkMouFiles({ mou: ok, permohonan: null }, t))).toEqual(['permohonan']);
    expect(Object.keys(checkMouFiles({ mou: null, permohonan: null }, t))).toEqual(['mou', 'permohonan']);
  });
});

describe('download helpers', () => {
  it('reads the file name of Content-Disposition, without directories', () => {
    const headers = [
      'attachment; filename="BDT_3174_2019-01_2019-03-13.siksdb"',
      'attachment; filename=siks-offline.zip',
      'attachment; filename="x.zip"; filename*=UTF-8\'\'Aplikasi%20Offline.zip',
      'attachment; filename="a\\"b.zip"',
      'attachment; filename="../../etc/passwd"',
      'attachment; filename="..\\\\x.siksdb"',
      'attachment; filename=".."',
      'attachment',
    ];
    expect(headers.map(filenameFromDisposition)).toEqual([
      'BDT_3174_2019-01_2019-03-13.siksdb',
      'siks-offline.zip',
      'Aplikasi Offline.zip',
      'a"b.zip',
      'passwd',
      'x.siksdb',
      null,
      null,
    ]);
    expect(filenameFromDisposition(null)).toBeNull();
  });

  it('computes whole percents, or none without a total', () => {
    const cases: [number, number | null][] = [
      [0, 100],
      [999, 1000],
      [1000, 1000],
      [2000, 1000],
      [10, null],
      [10, 0],
    ];
    expect(cases.map(([received, total]) => progressPercent(received, total))).toEqual([0, 99, 100, 100, null, null]);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indonesianMoment, type LetterInput, renderLetter } from './finalisations.letter.ts';
import { buildRecap } from './finalisations.recap.ts';

// Issue 13 item 8: a letter prints the moment of its finalisation in the district's own zone,
// labelled — a Makassar (WITA) letter says WITA, not the server's UTC nor Jakarta's WIB.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-letter-zone-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function letterOf(kab: { code: string; name: string }, createdAt: Date): LetterInput {
  return {
    letterNumber: `1/SP-BDT/${kab.code}/2019-01`,
    number: 1,
    createdAt,
    dataSha256: 'a'.repeat(64),
    recap: buildRecap([{ code: `${kab.code}01`, name: 'Mariso' }], new Map(), []),
    letter: {
      kab,
      namaInstansi: 'Dinas Sosial',
      alamat: 'Jl. Contoh 1',
      nomorTelepon: null,
      namaBupati: 'Nama Kepala Daerah',
      kepalaDinas: { nama: 'Kepala Dinas', nip: null },
      pengesah: { nama: 'Pengesah', nip: '196501011990031001' },
      pengesahIsKepalaDinas: false,
      period: { code: '2019-01', name: 'BDT Januari 2019', skNumber: null },
    },
    logo: null,
    verifyUrl: 'https://siks.example/verifikasi/abc',
  };
}

async function letterText(input: LetterInput): Promise<string> {
  const file = path.join(dir, `${input.letter.kab.code}.pdf`);
  fs.writeFileSync(file, await renderLetter(input));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('the time on a letter', () => {
  const at = new Date('2019-03-13T07:05:00Z');

  it('is the moment in the district zone, labelled', () => {
    expect(indonesianMoment(at, '7371')).toBe('13 Maret 2019 pukul 15.05 WITA');
    expect(indonesianMoment(at, '3174')).toBe('13 Maret 2019 pukul 14.05 WIB');
    expect(indonesianMoment(at, '9171')).toBe('13 Maret 2019 pukul 16.05 WIT');
  });

  it('of a WITA district prints WITA', async () => {
    const text = await letterText(letterOf({ code: '7371', name: 'Kota Makassar' }, at));
    expect(text).toContain('Finalisasi ke-1 tanggal 13 Maret 2019 pukul 15.05 WITA');
    expect(text).not.toContain('WIB');
  });
});

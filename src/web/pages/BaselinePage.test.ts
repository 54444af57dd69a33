import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { BaselineLoad } from '../api/baseline.ts';
import { expectToShow, meOf, renderAs } from '../test-support.ts';
import { BaselineLoadPanel, BaselinePage, PublishDialog } from './BaselinePage.tsx';

const load = (over: Partial<BaselineLoad> = {}): BaselineLoad => ({
  id: '5b6f0a5e-0000-4000-8000-000000000001',
  kab: '3171',
  period: '2019-01',
  status: 'READY',
  phase: 'DONE',
  progress: 1,
  fileNames: 'households.csv, members.csv',
  households: 1200,
  members: 4800,
  errorCount: 0,
  createdAt: '2019-01-05T03:00:00.000Z',
  publishedAt: null,
  replacedHouseholds: null,
  existingHouseholds: 0,
  failure: null,
  ...over,
});

const panel = (l: BaselineLoad) => renderAs(meOf('PUSDATIN'), createElement(BaselineLoadPanel, { load: l, onChanged: () => {} }));

describe('Muat Data Awal', () => {
  it('shows the upload form to Pusdatin and refuses other roles', () => {
    const html = renderAs(meOf('PUSDATIN'), createElement(BaselinePage));
    expectToShow(html, '<h1>Muat Data Awal</h1>', 'type="file"', 'Unggah dan periksa');
    const refused = renderAs(meOf('SUPERVISOR'), createElement(BaselinePage));
    expect(refused).not.toContain('type="file"');
    expect(refused).toContain('hanya untuk Pusdatin Kesos');
  });

  it('shows the counts, the error report and no publish button for a load with errors', () => {
    const html = panel(load({ status: 'INVALID', errorCount: 3 }));
    expectToShow(html, '1.200 rumah tangga, 4.800 anggota rumah tangga', '3 kesalahan ditemukan', 'Unduh laporan kesalahan (CSV)');
    expect(html).not.toContain('>Terbitkan</button>');
    expect(html).toContain('Batalkan muatan');
  });

  it('offers publishing a ready load, with the second confirmation when it replaces households', () => {
    const ready = panel(load());
    expect(ready).toContain('Siap diterbitkan');
    expect(ready).toContain('>Terbitkan</button>');
    expect(ready).not.toContain('Ketik ulang kode');
    expect(panel(load({ existingHouseholds: 900 }))).toContain('sudah memiliki 900 rumah tangga');
    const dialog = (l: BaselineLoad) =>
      renderAs(meOf('PUSDATIN'), createElement(PublishDialog, { load: l, open: true, onDone: () => {}, onCancel: () => {} }));
    const plain = dialog(load());
    expect(plain).toContain('1.200 rumah tangga dan 4.800 anggota rumah tangga akan dimasukkan');
    expect(plain).not.toContain('Ketik ulang kode');
    // The second confirmation: the replace box and the district code typed again, publish disabled until then.
    const replacing = dialog(load({ existingHouseholds: 900 }));
    expect(replacing).toContain('Ketik ulang kode kabupaten/kota (3171) untuk mengonfirmasi');
    expect(replacing).toMatch(/<button type="button" class="btn btn-danger" disabled="">Terbitkan<\/button>/);
  });

  it('shows the progress of a load being checked', () => {
    const html = panel(load({ status: 'CHECKING', phase: 'CHECKING', progress: 0.42 }));
    expect(html).toMatch(/<progress[^>]*max="100"[^>]*value="42"/);
    expect(html).toContain('Memeriksa data terhadap kamus data: 42%');
  });
});

// Static rendering of the F5 / C3 / C2 pages (effects do not run) and the spec's exact messages.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Me } from '../api/client.ts';
import type { MouStatus, Period } from '../api/mou.ts';
import { translate } from '../i18n/index.ts';
import { meOf, renderAs } from '../test-support.ts';
import { MouPage, MouStateView } from './MouPage.tsx';
import { MouQueueTable, MouReviewPage, QueueView } from './MouReviewPage.tsx';
import { MouUploadForm } from './MouUpload.tsx';
import { OpenPeriodForm, PeriodsPage, PeriodsTable } from './PeriodsPage.tsx';
import { ReleaseForm, ReleasesTable } from './ReleaseDownload.tsx';

const as = (role: Me['role'], el: ReactElement) => renderAs(meOf(role), el);
const render = (el: ReactElement) => renderToStaticMarkup(el);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const status = (state: MouStatus['state'], extra: Partial<MouStatus> = {}): MouStatus => ({
  kab: '3174',
  state,
  submissionId: state === 'NOT_UPLOADED' ? null : 7,
  message: null,
  submittedAt: state === 'NOT_UPLOADED' ? null : '2019-03-13T07:05:00Z',
  reviewedAt: null,
  ...extra,
});

const NOT_UPLOADED =
  'Anda Belum Upload (1) file MOU dan (2) File Surat Permohonan BDT. Silahkan upload hasil scan dua file di atas sekaligus.';
const WAITING_1 = 'MOU sedang dalam pemeriksaan Ditjen PFM Kementerian Sosial';
const WAITING_2 =
  'Anda Sudah Melakukan Upload MOU, Namun Masih Menunggu Verifikasi Dari Ditjen PFM KEMENSOS. Mohon Menunggu, Database BDT Anda Bisa Didownload Setelah MOU Di-verifikasi';
const APPROVED_1 = 'Anda sudah mengupload MOU dan telah disetujui';
const APPROVED_2 = 'Database Siap Didownload, Silahkan Klik Tombol Dibawah Ini.';

describe('Kirim MoU & Download (F5)', () => {
  it('keeps the guide messages and labels word for word', () => {
    expect(translate('mou.notUploaded', undefined, 'id')).toBe(NOT_UPLOADED);
    expect(translate('mou.waitingTitle', undefined, 'id')).toBe(WAITING_1);
    expect(translate('mou.waitingText', undefined, 'id')).toBe(WAITING_2);
    expect(translate('mou.approved', undefined, 'id')).toBe(APPROVED_1);
    expect(translate('mou.ready', undefined, 'id')).toBe(APPROVED_2);
    expect(translate('release.download', undefined, 'id')).toBe('Download Database BDT Rilis');
    expect(translate('release.offline', undefined, 'id')).toBe('Download Aplikasi Offline');
    expect(translate('mou.fileMou', undefined, 'id')).toBe('(1) File MOU');
    expect(translate('mou.filePermohonan', undefined, 'id')).toBe('(2) File Surat Permohonan BDT');
  });

  it('not uploaded: the message and both file inputs with one Upload button', () => {
    const html = render(createElement(MouStateView, { status: status('NOT_UPLOADED'), onUploaded: () => {} }));
    expect(text(html)).toContain(NOT_UPLOADED);
    expect(html).toContain('(1) File MOU');
    expect(html).toContain('(2) File Surat Permohonan BDT');
    expect(html.match(/type="file"/g)).toHaveLength(2);
    expect(html.match(/accept="\.jpg,\.jpeg,\.png"/g)).toHaveLength(2);
    expect(html).toMatch(/<button type="submit"[^>]*>Upload<\/button>/);
  });

  it('waiting: both messages, no upload', () => {
    const html = render(createElement(MouStateView, { status: status('WAITING'), onUploaded: () => {} }));
    expect(text(html)).toContain(WAITING_1);
    expect(text(html)).toContain(WAITING_2);
    expect(html).toContain('13 Mar 2019');
    expect(html).not.toContain('type="file"');
  });

  it("returned: the reviewer's message and the upload again", () => {
    const html = render(
      createElement(MouStateView, {
        status: status('RETURNED', { message: 'Tanda tangan Kepala Dinas belum ada.' }),
        onUploaded: () => {},
      }),
    );
    expect(text(html)).toContain('Tanda tangan Kepala Dinas belum ada.');
    expect(html.match(/type="file"/g)).toHaveLength(2);
  });

  it('approved: the messages and both download buttons', () => {
    const html = as(
      'SUPERVISOR',
      createElement(MouStateView, {
        status: status('APPROVED', { reviewedAt: '2019-03-14T02:00:00Z' }),
        onUploaded: () => {},
      }),
    );
    expect(text(html)).toContain(APPROVED_1);
    expect(text(html)).toContain(APPROVED_2);
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*>Download Database BDT Rilis<\/button>/);
    expect(html).toMatch(/<button[^>]*>Download Aplikasi Offline<\/button>/);
  });

  it('approved: the release download only for users holding release:download', () => {
    const approved = createElement(MouStateView, { status: status('APPROVED', {}), onUploaded: () => {} });
    const html = renderAs(meOf('SUPERVISOR', { abilities: ['mou:submit'] }), approved);
    expect(html).not.toContain('Download Database BDT Rilis');
    expect(html).toContain('Download Aplikasi Offline');
  });

  it('the release form asks the passphrase twice and explains it', () => {
    const html = render(createElement(ReleaseForm, { onDownloaded: () => {} }));
    expect(html).toContain('>Kata sandi rilis</label>');
    expect(html).toContain('>Ulangi kata sandi rilis</label>');
    expect(html.match(/type="password"/g)).toHaveLength(2);
    expect(html).toContain('Minimal 12 karakter');
    expect(html).toContain('secara terpisah');
    expect(html).toContain('Mulai Download');
  });

  // The release history holding one release r1 (no KPM or PBI rows).
  function releasesTable(
    r: { period: string; counts: { households: number; members: number }; created_at: string; created_by: string | null },
    periods: Period[],
  ) {
    const item = { id: 'r1', ...r, counts: { ...r.counts, kpm: 0, pbi: 0 } };
    return render(createElement(ReleasesTable, { items: [item], periods }));
  }

  it('lists previous releases with grouped numbers', () => {
    const periods: Period[] = [
      {
        code: '2019-01',
        name: 'BDT Januari 2019',
        sk_number: null,
        starts_on: '2019-01-01',
        ends_on: '2019-06-30',
        status: 'OPEN',
        opened_at: '2019-01-01T00:00:00Z',
        closed_at: null,
      },
    ];
    const html = releasesTable(
      {
        period: '2019-01',
        counts: { households: 39776, members: 150123 },
        created_at: '2019-03-13T07:05:00Z',
        created_by: '3174_supervisor',
      },
      periods,
    );
    expect(html).toContain('BDT Januari 2019');
    expect(html).toContain('39.776');
    expect(html).toContain('150.123');
    expect(html).toContain('3174_supervisor');
    expect(render(createElement(ReleasesTable, { items: [], periods }))).toContain('Belum ada rilis');
  });

  it('the upload form: each scan labelled, described by its hint, one submit', () => {
    const html = render(createElement(MouUploadForm, { onUploaded: () => {} }));
    const ids = [...html.matchAll(/<input[^>]*\sid="([^"]+)"[^>]*aria-describedby="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(ids).toHaveLength(2);
    for (const [id, describedBy] of ids) {
      expect(describedBy).toBe(`${id}-hint`);
      expect(html).toContain(`<label for="${id}">`);
    }
  });

  it('the release history is a table named by its caption, numbers right-aligned', () => {
    const html = releasesTable(
      { period: '2019-07', counts: { households: 1200, members: 4800 }, created_at: '2019-08-01T02:00:00Z', created_by: null },
      [],
    );
    expect(html).toMatch(
      /<caption id="release-history-caption"><span class="visually-hidden">Rilis yang pernah diunduh<\/span><\/caption>/,
    );
    expect(html).toContain('<td class="num">1.200</td><td class="num">4.800</td>');
    expect(html).toContain('2019-07'); // no period name known: the code stands alone
    expect(html).toContain('<td>–</td>');
  });

  it('is for supervisors only', () => {
    expect(as('PFM', createElement(MouPage))).toContain('hanya untuk Supervisor');
    const html = as('SUPERVISOR', createElement(MouPage));
    expect(html).toContain('Kirim MoU &amp; Download');
    expect(html).toContain('Kabupaten/Kota - KOTA ADM. JAKARTA SELATAN');
  });
});

describe('Verifikasi MoU (C3)', () => {
  it('lists the queue with district, time and uploader', () => {
    const html = render(
      createElement(MouQueueTable, {
        items: [
          {
            id: 7,
            kab_kota: '3174',
            kab_name: 'KOTA ADM. JAKARTA SELATAN',
            submitted_at: '2019-03-13T07:05:00Z',
            submitted_by: '3174_supervisor',
          },
        ],
      }),
    );
    expect(html).toContain('KOTA ADM. JAKARTA SELATAN');
    expect(html).toContain('31.74');
    expect(html).toContain('3174_supervisor');
    expect(html).toContain('href="/mou-review/7"');
    expect(html).toContain('aria-label="Periksa MoU KOTA ADM. JAKARTA SELATAN"');
    expect(render(createElement(MouQueueTable, { items: [] }))).toContain('Tidak ada MoU');
  });
  it('offers the queue as xlsx and csv once it holds a submission', () => {
    const item = {
      id: 7,
      kab_kota: '3174',
      kab_name: 'KOTA ADM. JAKARTA SELATAN',
      submitted_at: '2019-03-13T07:05:00Z',
      submitted_by: null,
    };
    const view = (items: (typeof item)[]) => as('PFM', createElement(QueueView, { items, error: null, flash: null, onRetry: () => {} }));
    const html = view([item]);
    for (const label of ['Unduh Excel (.xlsx)', 'Unduh CSV']) expect(html).toContain(label);
    expect(view([])).not.toContain('Unduh CSV');
  });

  it('is for Ditjen PFM only', () => {
    expect(as('SUPERVISOR', createElement(MouReviewPage, {}))).toContain('hanya untuk Ditjen PFM');
    expect(as('PFM', createElement(MouReviewPage, {}))).toContain('<h1>Verifikasi MoU</h1>');
    expect(as('PFM', createElement(MouReviewPage, { id: 'abc' }))).toContain('alert-error');
  });
});

describe('Periode (C2)', () => {
  const periods: Period[] = [
    {
      code: '2019-07',
      name: 'BDT Juli 2019',
      sk_number: '146/HUK/2019',
      starts_on: '2019-07-01',
      ends_on: '2019-12-31',
      status: 'OPEN',
      opened_at: '2019-07-01T01:00:00Z',
      closed_at: null,
    },
    {
      code: '2019-01',
      name: 'BDT Januari 2019',
      sk_number: null,
      starts_on: '2019-01-01',
      ends_on: '2019-06-30',
      status: 'CLOSED',
      opened_at: '2019-01-01T01:00:00Z',
      closed_at: '2019-06-30T10:00:00Z',
    },
  ];

  it('lists periods with status and a close action on the open one', () => {
    const html = render(createElement(PeriodsTable, { items: periods, busyCode: null, onClose: () => {} }));
    expect(html).toContain('BDT Juli 2019');
    expect(html).toContain('146/HUK/2019');
    expect(html).toContain('1 Juli 2019 s.d. 31 Desember 2019');
    expect(html).toContain('Terbuka');
    expect(html).toContain('Ditutup');
    expect(html.match(/>Tutup periode<\/button>/g)).toHaveLength(1);
    expect(html).toContain('aria-label="Tutup periode BDT Juli 2019"');
  });

  it('offers the form with the open period noted', () => {
    const html = render(createElement(OpenPeriodForm, { existing: periods.map((p) => p.code), open: periods[0], onOpened: () => {} }));
    expect(html).toContain('Kode periode');
    expect(html).toContain('Nomor SK Mensos');
    expect(html).toContain('placeholder="2020-01"');
    expect(html).toContain('Periode BDT Juli 2019 masih terbuka');
    expect(html.match(/type="date"/g)).toHaveLength(2);
    expect(html).toMatch(/<button type="submit"[^>]*>Buka periode<\/button>/);
  });

  it('is for Pusdatin only', () => {
    expect(as('PFM', createElement(PeriodsPage))).toContain('hanya untuk Pusdatin');
    expect(as('PUSDATIN', createElement(PeriodsPage))).toContain('<h1>Periode</h1>');
  });
});

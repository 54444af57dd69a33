import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { settleUpload, type UploadRow, UploadRows } from './ImportPage.tsx';

// Issue 13 item 9: the error box of a failed upload goes away once a later upload succeeds.

const row = (key: number, batch: number, state: UploadRow['state'], error?: string): UploadRow => ({
  key,
  batch,
  name: `paket-${key}.siks`,
  size: 2048,
  loaded: state === 'uploading' ? 1024 : 0,
  state,
  error,
});
const render = (rows: readonly UploadRow[]) => renderToStaticMarkup(createElement(UploadRows, { rows, onDismiss: () => undefined }));

describe('upload rows of Import Data', () => {
  it('clears the error boxes of earlier files once a later upload succeeds', () => {
    const before = [row(1, 1, 'error', 'Berkas bukan paket .siks.'), row(2, 2, 'error', 'Paket rusak.'), row(3, 3, 'uploading')];
    const html = render(before);
    expect(html).toContain('paket-1.siks tidak dapat diunggah: Berkas bukan paket .siks.');
    expect(html).toContain('paket-2.siks tidak dapat diunggah: Paket rusak.');

    const after = settleUpload(before, 3);
    expect(after).toEqual([]);
    expect(render(after)).not.toContain('tidak dapat diunggah');
  });

  it('keeps the errors of files chosen with it or after it, and other uploads in progress', () => {
    const rows = [
      row(1, 1, 'error', 'Lama.'),
      row(2, 2, 'error', 'Bersama.'),
      row(3, 2, 'uploading'),
      row(4, 3, 'error', 'Baru.'),
      row(5, 3, 'waiting'),
    ];
    const after = settleUpload(rows, 3);
    expect(after.map((r) => r.key)).toEqual([2, 4, 5]);
    const html = render(after);
    expect(html).not.toContain('Lama.');
    expect(html).toContain('paket-2.siks tidak dapat diunggah: Bersama.');
    expect(html).toContain('paket-4.siks tidak dapat diunggah: Baru.');
  });

  it('leaves the rows alone for an upload it does not know', () => {
    const rows = [row(1, 1, 'error', 'Lama.')];
    expect(settleUpload(rows, 9)).toEqual(rows);
  });
});

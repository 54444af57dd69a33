import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { abilitiesOf } from '../../shared/roles.ts';
import type { Me } from '../api/client.ts';
import type { DocumentItem } from '../api/documents.ts';
import { translate, type MessageKey } from '../i18n/index.ts';
import { SessionContext } from '../session.ts';
import { DocumentsAdminPage, DocumentsTable, matchesRegion, validateDocumentForm, visibilitySummary } from './DocumentsAdminPage.tsx';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate(key, params, 'id');

const doc: DocumentItem = {
  id: 3,
  title: 'Format MoU',
  filename: 'format_mou.pdf',
  contentType: 'application/pdf',
  size: 2048,
  sha256: 'a'.repeat(64),
  sortOrder: 1,
  visibility: 'DISTRICTS',
  districts: [
    { code: '3171', name: 'Kota Administrasi Jakarta Pusat' },
    { code: '3172', name: 'Kota Administrasi Jakarta Utara' },
    { code: '3173', name: 'Kota Administrasi Jakarta Barat' },
    { code: '3174', name: 'Kota Administrasi Jakarta Selatan' },
  ],
  uploadedAt: '2019-03-13T07:05:00Z',
  updatedAt: '2019-03-13T07:05:00Z',
};

const me = (role: Me['role']): Me => ({
  username: 'u',
  name: 'U',
  role,
  roleLabel: { id: role, en: role },
  regions: [],
  language: 'id',
  mustChangePassword: false,
  abilities: abilitiesOf(role),
});

describe('documents admin page', () => {
  it('summarises visibility', () => {
    expect(visibilitySummary({ visibility: 'ALL', districts: [] }, t)).toBe('Semua kabupaten/kota');
    expect(visibilitySummary(doc, t)).toBe(
      'Kota Administrasi Jakarta Pusat, Kota Administrasi Jakarta Utara, Kota Administrasi Jakarta Barat dan 1 lainnya',
    );
  });

  it('searches region names without case or accents', () => {
    expect(matchesRegion('Kota Administrasi Jakarta Selatan', 'jakarta sel')).toBe(true);
    expect(matchesRegion('Kabupaten Pidie', 'PIDIE')).toBe(true);
    expect(matchesRegion('Kabupaten Pidie', 'bogor')).toBe(false);
    expect(matchesRegion('anything', '  ')).toBe(true);
  });

  it('checks the form before sending', () => {
    const ok = { title: 'Surat', order: '', file: { size: 100 }, visibility: 'ALL' as const, districts: [] };
    expect(validateDocumentForm(ok, true, t)).toEqual({});
    expect(validateDocumentForm({ ...ok, title: ' ' }, true, t).title).toBe('Judul dokumen wajib diisi.');
    expect(validateDocumentForm({ ...ok, file: null }, true, t).file).toBeDefined();
    expect(validateDocumentForm({ ...ok, file: null }, false, t)).toEqual({});
    expect(validateDocumentForm({ ...ok, file: { size: 25 * 1024 * 1024 } }, true, t).file).toBe('Ukuran dokumen melebihi batas 20 MB.');
    expect(validateDocumentForm({ ...ok, visibility: 'DISTRICTS' }, true, t).districts).toBeDefined();
    expect(validateDocumentForm({ ...ok, order: '-1' }, true, t).order).toBeDefined();
  });

  it('renders the table and the page for PUSDATIN, and refuses others', () => {
    const table = renderToStaticMarkup(createElement(DocumentsTable, { items: [doc], busyId: null, onEdit: () => {}, onDelete: () => {} }));
    expect(table).toContain('Format MoU');
    expect(table).toContain('PDF');
    expect(table).toContain('2 KB');
    const page = (role: Me['role']) =>
      renderToStaticMarkup(
        createElement(SessionContext.Provider, { value: { me: me(role), logout: async () => {} } }, createElement(DocumentsAdminPage)),
      );
    expect(page('PUSDATIN')).toContain('Unggah dokumen');
    expect(page('SUPERVISOR')).toContain('hanya untuk Pusdatin');
  });
});

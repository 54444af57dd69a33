// Rendering tests of Verifikasi & Validasi BSP/PBI without a DOM: static markup of the views from
// API-shaped data, as a supervisor (program:read, program:decide), a province (masked, read only)
// and a supervisor without program:decide.
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { abilitiesOf } from '../../../shared/roles.ts';
import { ApiError, type Page } from '../../api/client.ts';
import type { KpmItem, KpmWaitingItem, PbiItem, PbiWaitingItem, ProgrammeProposalView, QuotaUse } from '../../api/programs.ts';
import { errorText } from '../../lib/errors.ts';
import { expectToShow, meOf, renderAs } from '../../test-support.ts';
import { ListFilters } from './ListFilters.tsx';
import { KpmTable, PbiTable, WaitingTable } from './MembershipTables.tsx';
import { ProgramPage } from './ProgramPage.tsx';
import { ProposalReview } from './ProgramProposalPage.tsx';
import { BulkDecisions, bulkOutcomeText } from './ProposalsTab.tsx';
import { ProposeForm } from './ProposeDialog.tsx';
import { EMPTY_VALUES, proposeInput } from './propose.ts';
import { QuotaHeader } from './QuotaHeader.tsx';
import { EMPTY_STATE, listQuery, parseProgramState, programHref } from './state.ts';
import { translate } from '../../i18n/index.ts';

const supervisor = meOf('SUPERVISOR');
const provinsi = meOf('PROVINSI');
const readOnlySupervisor = meOf('SUPERVISOR', { abilities: abilitiesOf('SUPERVISOR').filter((v) => v !== 'program:decide') });

const noop = () => {};
const page = <T>(items: T[], total = items.length): Page<T> => ({ items, total, page: 1, pageSize: 25 });

const kpm: KpmItem = {
  program: 'BPNT',
  idbdt: '3174011001000123',
  kode_wilayah: '3174011001',
  nama_desa: 'Tebet Timur',
  nama_krt: 'SITI AMINAH',
  persentil: 7,
  id_pengurus: '317401100100012301',
  nama_pengurus: 'SITI AMINAH',
  no_kks: '6013010012345678',
  no_rekening: '0012345678901',
  status: 'AKTIF',
  since: '2025-01-01',
  until: null,
  reason: null,
};
// What the server sends a role without personal:unmasked (platform/masking.ts).
const maskedKpm: KpmItem = { ...kpm, nama_krt: 'S. A.', nama_pengurus: 'S. A.', no_kks: '****5678', no_rekening: '****8901' };

const waiting: KpmWaitingItem[] = [
  {
    idbdt: '3174011001000456',
    kodeWilayah: '3174011001',
    namaDesa: 'Tebet Timur',
    namaKrt: 'BUDI SANTOSO',
    persentil: 3,
    members: 5,
    vulnerable: 2,
    idPengurus: '317401100100045601',
  },
  {
    idbdt: '3174011002000789',
    kodeWilayah: '3174011002',
    namaDesa: 'Tebet Barat',
    namaKrt: 'ANI LESTARI',
    persentil: 4,
    members: 3,
    vulnerable: 1,
    idPengurus: null,
  },
];

const pbiWaiting: PbiWaitingItem = {
  ...waiting[0]!,
  idartbdt: '317401100100045602',
  nama: 'RINA SANTOSO',
  nik: '3174015501870003',
};

const pbi: PbiItem = {
  ...pbiWaiting,
  nama_desa: 'Tebet Timur',
  kode_wilayah: '3174011001',
  no_kartu: null,
  status: 'AKTIF',
  since: '2025-01-01',
  until: null,
  reason: null,
};

const use: QuotaUse = {
  kab: '3174',
  name: 'KOTA ADM. JAKARTA SELATAN',
  items: [
    { program: 'BPNT', quota: 1500, used: 1350 },
    { program: 'RASTRA', quota: null, used: 0 },
    { program: 'PBI', quota: 4000, used: 4100 },
  ],
};

const membership = {
  status: 'AKTIF' as const,
  idPengurus: '317401100100012301',
  namaPengurus: 'SITI AMINAH',
  noKks: '6013010012345678',
  noRekening: '0012345678901',
  noKartu: null,
  since: '2025-01-01',
  until: null,
  reason: null,
};

const view: ProgrammeProposalView = {
  proposal: {
    id: 'b1b2c3d4-0000-4000-8000-000000000001',
    module: 'BSP',
    type: 'BSP_GANTI',
    program: 'BPNT',
    idbdt: kpm.idbdt,
    idartbdt: null,
    replacementIdbdt: waiting[0]!.idbdt,
    reasonCode: 2,
    note: null,
    kodeWilayah: '3174011001',
    namaDesa: 'Tebet Timur',
    namaKrt: 'SITI AMINAH',
    nama: null,
    status: 'MENUNGGU',
    origin: 'ONLINE',
    operator: '3174_supervisor',
    importId: null,
    fileName: null,
    importedAt: '2026-01-10T03:00:00.000Z',
    errors: [],
    idPengurus: null,
    noKks: null,
    noRekening: null,
    decision: null,
  },
  subject: {
    household: {
      idbdt: kpm.idbdt,
      namaKrt: 'SITI AMINAH',
      kodeWilayah: '3174011001',
      namaDesa: 'Tebet Timur',
      persentil: 7,
      members: 4,
      status: 'AKTIF',
    },
    idartbdt: null,
    nama: null,
    current: membership,
    proposed: { ...membership, status: 'NONAKTIF', until: '2026-01-10', reason: 2 },
  },
  replacement: {
    household: {
      idbdt: waiting[0]!.idbdt,
      namaKrt: 'BUDI SANTOSO',
      kodeWilayah: '3174011001',
      namaDesa: 'Tebet Timur',
      persentil: 3,
      members: 5,
      status: 'AKTIF',
    },
    idartbdt: null,
    nama: null,
    current: { ...membership, status: null, idPengurus: null, namaPengurus: null, noKks: null, noRekening: null, since: null },
    proposed: {
      ...membership,
      idPengurus: '317401100100045601',
      namaPengurus: 'BUDI SANTOSO',
      noKks: null,
      noRekening: null,
      since: '2026-01-10',
    },
  },
  quota: { program: 'BPNT', period: '2026-01', quota: 1500, used: 1500 },
};

describe('Verifikasi & Validasi BSP: the list', () => {
  it('shows a supervisor used / quota and the KPM with their numbers and the proposal actions', () => {
    const header = renderAs(supervisor, createElement(QuotaHeader, { use, programs: ['BPNT'] }));
    expect(header).toContain('Kuota BPNT:');
    expect(header).toContain('terpakai 1.350 dari 1.500');
    expect(header).not.toContain('RASTRA');

    const html = renderAs(supervisor, createElement(KpmTable, { program: 'BPNT', data: page([kpm], 1234), onPage: noop, onAction: noop }));
    expectToShow(html, 'KPM BPNT', '31.74.01.1001.000123', 'SITI AMINAH', '6013010012345678', 'Menampilkan 1–25 dari 1.234');
    expect(html).toMatch(/<button[^>]*>Ganti<span class="visually-hidden"> untuk SITI AMINAH<\/span><\/button>/);
    expect(html).toContain('>Hapus<');
    expect(html).toContain('>Ubah<');
    expect(html).not.toContain('tersamar');
  });

  it('marks an over-full list and a programme without a quota', () => {
    expect(renderAs(supervisor, createElement(QuotaHeader, { use, programs: ['PBI'] }))).toContain(
      'terpakai 4.100 dari 4.000</span><span class="badge badge-warning"> melebihi kuota 100: penambahan ditolak',
    );
    expect(renderAs(supervisor, createElement(QuotaHeader, { use, programs: ['RASTRA'] }))).toContain('terpakai 0, kuota belum ditetapkan');
  });

  it('shows a province the masked list, says so, and offers no action', () => {
    const html = renderAs(provinsi, createElement(KpmTable, { program: 'BPNT', data: page([maskedKpm]), onPage: noop, onAction: noop }));
    expectToShow(html, 'Data pribadi ditampilkan tersamar', 'S. A.', '****5678');
    expect(html).not.toContain('SITI AMINAH');
    expect(html).not.toContain('>Ganti<');
    expect(html).not.toContain('>Hapus<');
  });

  it('asks a province for a district before loading anything, and refuses an operator', () => {
    const html = renderAs(provinsi, createElement(ProgramPage, { module: 'BSP' }));
    expectToShow(html, '<h1>Verifikasi &amp; Validasi BSP</h1>', 'Daftar KPM', 'Daftar Tunggu', 'Usulan');
    expect(html).not.toContain('Export Excel');
    expect(renderAs(meOf('OPERATOR'), createElement(ProgramPage, { module: 'PBI' }))).toContain('Anda tidak berwenang');
  });

  it('offers a supervisor the filters and the exports of the list', () => {
    const html = renderAs(supervisor, createElement(ProgramPage, { module: 'PBI' }));
    expectToShow(html, 'Daftar Peserta PBI', 'Persentil dari', 'Export Excel (.xlsx)', 'Export CSV');
  });
});

describe('online proposals', () => {
  it('offers the proposal filters of the module, each with its "Semua" choice and the address value selected', () => {
    const state = {
      ...EMPTY_STATE,
      tab: 'proposals' as const,
      status: 'MENUNGGU' as const,
      type: 'BSP_GANTI' as const,
      origin: 'ONLINE' as const,
    };
    const html = renderAs(supervisor, createElement(ListFilters, { module: 'BSP', state, district: null, update: noop }));
    expectToShow(
      html,
      'Semua status',
      'Semua jenis',
      'Semua asal',
      '<option value="BSP_GANTI" selected="">Penggantian KPM</option>',
      '<option value="ONLINE" selected="">Usulan online</option>',
    );
    expect(html).not.toContain('PBI_USUL');
  });
  it('"Ganti" proposes the top of the waiting list by default, and another can be chosen', () => {
    const action = { kind: 'GANTI' as const, kpm };
    const html = renderAs(supervisor, createElement(ProposeForm, { action, values: EMPTY_VALUES, onChange: noop, errors: {}, waiting }));
    expect(html).toContain('Rumah tangga pengganti');
    expect(html).toMatch(
      /<option value="3174011001000456" selected="">1\. BUDI SANTOSO – 31\.74\.01\.1001\.000456 \(persentil 3\)<\/option>/,
    );
    expectToShow(html, '<option value="3174011002000789">2. ANI LESTARI', '1. Meninggal', '6. Menolak');

    const chosen = renderAs(
      supervisor,
      createElement(ProposeForm, {
        action,
        values: { ...EMPTY_VALUES, replacement: '3174011002000789' },
        onChange: noop,
        errors: {},
        waiting,
      }),
    );
    expect(chosen).toMatch(/<option value="3174011002000789" selected="">/);
  });

  it('sends the top of the waiting list with the reason, and requires the reason', () => {
    const action = { kind: 'GANTI' as const, kpm };
    expect(proposeInput(action, 'BPNT', EMPTY_VALUES, waiting[0]!.idbdt)).toEqual({ ok: false, errors: { reason: 'prog.err.reason' } });
    expect(proposeInput(action, 'BPNT', { ...EMPTY_VALUES, reason: '2' }, waiting[0]!.idbdt)).toEqual({
      ok: true,
      input: {
        module: 'BSP',
        body: { type: 'BSP_GANTI', program: 'BPNT', idbdt: kpm.idbdt, replacementIdbdt: '3174011001000456', reason: 2, note: null },
      },
    });
    expect(proposeInput(action, 'BPNT', { ...EMPTY_VALUES, reason: '2', replacement: 'other', otherIdbdt: '123' }, undefined)).toEqual({
      ok: false,
      errors: { otherIdbdt: 'prog.err.idbdt' },
    });
  });

  it('"Ubah" sends only what changed and refuses a change of nothing or a malformed number', () => {
    const action = { kind: 'UBAH' as const, kpm };
    expect(proposeInput(action, 'BPNT', { ...EMPTY_VALUES, pengurus: kpm.id_pengurus! }, undefined)).toEqual({
      ok: false,
      errors: { pengurus: 'prog.err.ubahNone' },
    });
    expect(proposeInput(action, 'RASTRA', { ...EMPTY_VALUES, noKks: '12' }, undefined)).toEqual({
      ok: false,
      errors: { noKks: 'prog.err.noKks' },
    });
    const r = proposeInput(action, 'RASTRA', { ...EMPTY_VALUES, pengurus: '317401100100012302', noRekening: '1234567' }, undefined);
    expect(r).toEqual({
      ok: true,
      input: {
        module: 'BSP',
        body: {
          type: 'BSP_UBAH',
          program: 'RASTRA',
          idbdt: kpm.idbdt,
          id_pengurus: '317401100100012302',
          no_kks: null,
          no_rekening: '1234567',
          note: null,
        },
      },
    });
  });

  it('"Usulkan" from the PBI waiting list names the member; "Nonaktifkan" needs a reason', () => {
    expect(proposeInput({ kind: 'USUL', member: pbiWaiting }, 'BPNT', EMPTY_VALUES, undefined)).toEqual({
      ok: true,
      input: { module: 'PBI', body: { type: 'PBI_USUL', idartbdt: pbiWaiting.idartbdt, note: null } },
    });
    expect(proposeInput({ kind: 'NONAKTIF', pbi }, 'BPNT', EMPTY_VALUES, undefined)).toEqual({
      ok: false,
      errors: { reason: 'prog.err.reason' },
    });
    const html = renderAs(supervisor, createElement(WaitingTable, { data: page([pbiWaiting]), onPage: noop, onAction: noop }));
    expect(html).toContain('RINA SANTOSO (3174015501870003)');
    expect(html).toContain('>Usulkan<');
  });
});

describe('the review of a proposal', () => {
  it('shows the household going out beside the one coming in, and the quota it is checked against', () => {
    const html = renderAs(supervisor, createElement(ProposalReview, { view, onDecide: noop }));
    expectToShow(
      html,
      'KPM yang diganti',
      'Rumah tangga pengganti',
      'BUDI SANTOSO',
      'Tidak terdaftar',
      '2. Pindah',
      'Kuota BPNT periode 2026-01',
      'terpakai 1.500 dari 1.500',
      '>Setujui<',
      '>Tolak<',
    );
  });

  it('shows the server’s quota refusal, which names the quota', () => {
    const refusal = new ApiError(
      409,
      'QUOTA_EXCEEDED',
      'Kuota BPNT KOTA ADM. JAKARTA SELATAN periode 2026-01 sudah penuh (1.500 dari 1.500).',
    );
    const html = renderAs(supervisor, createElement(ProposalReview, { view, error: errorText(refusal), onDecide: noop }));
    expect(html).toContain(
      '<div class="alert alert-error" role="alert"><p>Kuota BPNT KOTA ADM. JAKARTA SELATAN periode 2026-01 sudah penuh (1.500 dari 1.500).</p>',
    );
  });

  it('says what a bulk approval left waiting because of the quota', () => {
    const text = bulkOutcomeText('APPROVE', { matched: 20, decided: 12, overQuota: 8, invalid: 0 }, translate, 'id-ID');
    expect(text).toBe('12 usulan disetujui. 8 ditolak karena kuota penuh dan tetap menunggu.');
  });
});

describe('without program:decide', () => {
  it('shows the lists, the waiting list and the review without any action or decision button', () => {
    const me = readOnlySupervisor;
    const kpmHtml = renderAs(me, createElement(KpmTable, { program: 'BPNT', data: page([kpm]), onPage: noop, onAction: noop }));
    expect(kpmHtml).toContain('SITI AMINAH');
    expect(kpmHtml).not.toMatch(/>(Ganti|Hapus|Ubah)</);
    expect(renderAs(me, createElement(PbiTable, { data: page([pbi]), onPage: noop, onAction: noop }))).not.toContain('>Nonaktifkan<');
    expect(renderAs(me, createElement(WaitingTable, { data: page([pbiWaiting]), onPage: noop, onAction: noop }))).not.toContain(
      '>Usulkan<',
    );
    const review = renderAs(me, createElement(ProposalReview, { view, onDecide: noop }));
    expect(review).toContain('KPM yang diganti');
    expect(review).not.toMatch(/>(Setujui|Tolak)</);
    const bulk = renderAs(
      me,
      createElement(BulkDecisions, { module: 'BSP', state: { ...EMPTY_STATE, tab: 'proposals' }, waiting: 5, onDone: noop }),
    );
    expect(bulk).toBe('');
    expect(
      renderAs(
        supervisor,
        createElement(BulkDecisions, { module: 'BSP', state: { ...EMPTY_STATE, tab: 'proposals' }, waiting: 5, onDone: noop }),
      ),
    ).toContain('Setujui semua');
  });
});

describe('page state in the address', () => {
  it('round-trips the tab, programme and filters, and drops tampered values', () => {
    const s = parseProgramState('?tab=list&program=RASTRA&kecamatan=317401&desa=3174011001&status=AKTIF&pmin=1&pmax=40&page=3');
    expect(s).toMatchObject({
      tab: 'list',
      program: 'RASTRA',
      kecamatan: '317401',
      desa: '3174011001',
      status: 'AKTIF',
      persentilMin: 1,
      persentilMax: 40,
      page: 3,
    });
    expect(programHref('BSP', s)).toBe(
      '/verifikasi-bsp?program=RASTRA&kecamatan=317401&desa=3174011001&status=AKTIF&pmin=1&pmax=40&page=3',
    );
    expect(listQuery('BSP', s, '3174')).toEqual({
      program: 'RASTRA',
      kab: undefined,
      kecamatan: '317401',
      desa: '3174011001',
      status: 'AKTIF',
      persentilMin: 1,
      persentilMax: 40,
    });
    expect(parseProgramState('?tab=proposals&status=AKTIF&type=DROP&origin=X&pmin=0&desa=3174021001&kecamatan=317401')).toMatchObject({
      tab: 'proposals',
      status: '',
      type: '',
      origin: '',
      persentilMin: null,
      desa: '',
    });
    expect(parseProgramState('?tab=proposals&status=MENUNGGU&type=PBI_USUL&origin=ONLINE').status).toBe('MENUNGGU');
  });
});

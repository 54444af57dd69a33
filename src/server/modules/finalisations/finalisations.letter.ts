// The Surat Pengesahan (F8): a PDF per finalisation, generated with pdfmake from what the
// finalisation stored (letterhead, signatures, period, recap, logo, hash), so the letter reads the
// same on every download whatever happens to the profile later. Only the verification address
// depends on the request (its origin). pdfmake may read nothing but its own Roboto fonts: no
// network, no other file.
import { renderPdf } from '../../platform/pdf.ts';
import QRCode from 'qrcode';
import { formatZonedDateTime, type IndonesianTimeZone, regionTimeZone } from '../../../shared/time-zones.ts';
import {
  approvedOf,
  VERVAL_RESULTS,
  type ProgrammeCounts,
  type ProgrammeModule,
  type ProgrammeRecap,
  type ProposalCounts,
  type ProposalRecap,
} from './finalisations.recap.ts';

/** What the letter prints of the district and period, frozen at finalisation. */
export interface LetterData {
  kab: { code: string; name: string };
  namaInstansi: string;
  alamat: string;
  nomorTelepon: string | null;
  namaBupati: string;
  kepalaDinas: { nama: string | null; nip: string | null };
  pengesah: { nama: string; nip: string };
  /** Profil Pengesahan "Sama dengan Kepala Dinas?". */
  pengesahIsKepalaDinas: boolean;
  period: { code: string; name: string; skNumber: string | null };
}

/** Everything a letter is drawn from. */
export interface LetterInput {
  letterNumber: string;
  number: number;
  createdAt: Date;
  dataSha256: string;
  recap: ProposalRecap;
  letter: LetterData;
  logo: { data: Buffer; contentType: string } | null;
  /** The public verification page of this letter, e.g. https://siks.example/verifikasi/<publicId>. */
  verifyUrl: string;
  /** The audit log checkpoint written with the finalisation (entries and HMAC); none before anchoring existed. */
  auditCheckpoint?: { count: number; hmac: string } | null;
}

/** The short form of a checkpoint's HMAC printed on the letter: its first 16 hex digits, in groups of 4. */
export function shortHmac(hmac: string): string {
  return hmac.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The IANA time zone of a district (by its province: WIB, WITA or WIT). */
export function districtTimeZone(kab: string): IndonesianTimeZone {
  return regionTimeZone(kab);
}

/** "13 Maret 2019": a moment as the district's calendar date, in Indonesian. */
export function indonesianDate(at: Date, kab: string): string {
  return new Intl.DateTimeFormat('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: districtTimeZone(kab),
  }).format(at);
}

/** "13 Maret 2019 pukul 14.05 WITA": the moment of a finalisation in the district's zone, labelled. */
export function indonesianMoment(at: Date, kab: string): string {
  return formatZonedDateTime(at, districtTimeZone(kab), 'id-ID', 'long');
}

/**
 * The number of a letter: `<number>/SP-BDT/<kab>/<period>` for the Surat Pengesahan (e.g.
 * 1/SP-BDT/3174/2019-01), `<number>/BA-BSP/…` and `<number>/BA-PBI/…` for the Berita Acara.
 */
export function letterNumberOf(number: number, kab: string, period: string, module: 'BDT' | ProgrammeModule = 'BDT'): string {
  return `${number}/${module === 'BDT' ? 'SP' : 'BA'}-${module}/${kab}/${period}`;
}

/** "Kota Administrasi Jakarta Selatan" → "Jakarta Selatan"; "Kabupaten Bogor" → "Bogor". */
export function placeName(kabName: string): string {
  return kabName.replace(/^(Kabupaten Administrasi|Kabupaten|Kab\.|Kota Administrasi|Kota)\s+/i, '');
}

/** "Wali Kota Jakarta Selatan" for a kota, "Bupati Bogor" for a kabupaten. */
export function headOfRegionTitle(kabName: string): string {
  return `${/^kota\b/i.test(kabName) ? 'Wali Kota' : 'Bupati'} ${placeName(kabName)}`;
}

/** An 18-digit NIP as printed: "19650101 199003 1 001". */
export function formatNip(nip: string | null): string {
  if (!nip || !/^\d{18}$/.test(nip)) return nip ?? '';
  return `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;
}

const num = (n: number) => n.toLocaleString('id-ID');

/** The legal basis printed under "Mengingat". */
export function legalBasis(period: LetterData['period']): string[] {
  return [
    'Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin;',
    'Peraturan Menteri Sosial Nomor 10 Tahun 2016 tentang Mekanisme Penggunaan Data Terpadu Program Penanganan Fakir Miskin;',
    'Peraturan Menteri Sosial Nomor 28 Tahun 2017 tentang Pedoman Umum Verifikasi dan Validasi Data Terpadu Penanganan Fakir Miskin dan Orang Tidak Mampu;',
    `Keputusan Menteri Sosial${period.skNumber ? ` Nomor ${period.skNumber}` : ''} tentang Data Terpadu Program Penanganan Fakir Miskin periode ${period.name}.`,
  ];
}

/** The rows of the summary on the letter's first page. */
export function summaryRows(c: ProposalCounts): [string, number][] {
  return [
    ['Jumlah usulan yang difinalisasi', c.proposals],
    ['Rumah tangga diverifikasi (usulan perbaikan)', c.perbaikan],
    ['Usulan baru', c.usulanBaru],
    // A partial approval is its own figure, in the summary as in the table (and on the screen).
    ['Disetujui', c.status.DISETUJUI],
    ['Disetujui sebagian', c.status.SEBAGIAN],
    ['Ditolak', c.status.DITOLAK],
    ['Gagal validasi', c.status.GAGAL_VALIDASI],
    ['Dikembalikan untuk perbaikan', c.status.PERLU_PERBAIKAN],
  ];
}

function summaryPairs(c: ProposalCounts) {
  const rows = summaryRows(c);
  const left = rows.slice(0, 3);
  const right = rows.slice(3);
  return right.map((r, i) => {
    const l = left[i];
    return [l ? l[0] : '', l ? { text: num(l[1]), alignment: 'right' } : '', r[0], { text: num(r[1]), alignment: 'right' }];
  });
}

/** The cells of one recap row of the Lampiran, after the name. */
export function recapCells(c: ProposalCounts): number[] {
  return [
    ...VERVAL_RESULTS.map((r) => c.result[r.key]),
    c.perbaikan,
    c.usulanBaru,
    c.status.DISETUJUI,
    c.status.SEBAGIAN,
    c.status.DITOLAK,
    c.status.GAGAL_VALIDASI,
    c.status.PERLU_PERBAIKAN,
    c.proposals,
  ];
}

const dataUrl = (bytes: Buffer, type: string) => `data:${type};base64,${bytes.toString('base64')}`;

// ---- The pieces every letter shares (Surat Pengesahan, Berita Acara) ----------------------------

/** What the shared pieces of a letter read: the frozen letter data, and what identifies and verifies it. */
type LetterFrame = Pick<LetterInput, 'letterNumber' | 'createdAt' | 'dataSha256' | 'letter' | 'logo' | 'verifyUrl' | 'auditCheckpoint'>;

const small = { fontSize: 8 };
const cell = (v: string | number, extra: Record<string, unknown> = {}) => ({
  text: typeof v === 'number' ? num(v) : v,
  alignment: typeof v === 'number' ? 'right' : 'left',
  ...extra,
});
const header = (text: string, extra: Record<string, unknown> = {}) => ({
  text,
  bold: true,
  alignment: 'center',
  fillColor: '#e8e8e8',
  ...extra,
});
const tableLayout = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingLeft: () => 3, paddingRight: () => 3 };

/** The body rows of a per-kecamatan table: one numbered row per kecamatan, then the JUMLAH row. */
function kecamatanRows<C>(rows: readonly { name: string; counts: C }[], totals: C, cellsOf: (c: C) => number[]): unknown[][] {
  return [
    ...rows.map((k, i) => [cell(String(i + 1), { alignment: 'right' }), cell(k.name), ...cellsOf(k.counts).map((n) => cell(n))]),
    [{ text: 'JUMLAH', bold: true, colSpan: 2 }, {}, ...cellsOf(totals).map((n) => cell(n, { bold: true }))],
  ];
}

/** The address the QR code holds: the verification page with the data hash to compare. */
const qrTargetOf = (f: LetterFrame) => `${f.verifyUrl}?hash=${f.dataSha256}`;

/** The letterhead: logo, government, institution, address and phone, and the double rule under them. */
function letterhead(f: LetterFrame): unknown[] {
  const L = f.letter;
  return [
    {
      columns: [
        f.logo ? { image: dataUrl(f.logo.data, f.logo.contentType), fit: [64, 64], width: 64 } : { text: '', width: 64 },
        {
          width: '*',
          alignment: 'center',
          stack: [
            { text: `PEMERINTAH ${L.kab.name.toUpperCase()}`, bold: true, fontSize: 11.5 },
            { text: L.namaInstansi.toUpperCase(), bold: true, fontSize: 13 },
            { text: L.alamat, fontSize: 9 },
            ...(L.nomorTelepon ? [{ text: `Telepon ${L.nomorTelepon}`, fontSize: 9 }] : []),
          ],
        },
        { text: '', width: 64 },
      ],
      columnGap: 8,
    },
    {
      canvas: [
        { type: 'line', x1: 0, y1: 6, x2: 483, y2: 6, lineWidth: 2 },
        { type: 'line', x1: 0, y1: 9, x2: 483, y2: 9, lineWidth: 0.5 },
      ],
      margin: [0, 0, 0, 10],
    },
  ];
}

/** The signatures: the Bupati/Wali Kota (Mengetahui) and the pengesah, dated at the district's place. */
function signatureBlock(f: LetterFrame, date: string): unknown {
  const L = f.letter;
  const pengesahTitle = L.pengesahIsKepalaDinas
    ? [`Kepala ${L.namaInstansi}`]
    : [`a.n. Kepala ${L.namaInstansi}`, 'Pejabat yang Mengesahkan'];
  return {
    columns: [
      {
        width: '*',
        alignment: 'center',
        stack: [
          { text: ' ' },
          { text: 'Mengetahui,' },
          { text: headOfRegionTitle(L.kab.name) },
          { text: ' ', margin: [0, 0, 0, 36] },
          { text: L.namaBupati, bold: true, decoration: 'underline' },
        ],
      },
      {
        width: '*',
        alignment: 'center',
        stack: [
          { text: `${placeName(L.kab.name)}, ${date}` },
          ...pengesahTitle.map((t) => ({ text: t })),
          { text: ' ', margin: [0, 0, 0, L.pengesahIsKepalaDinas ? 36 : 24] },
          { text: L.pengesah.nama, bold: true, decoration: 'underline' },
          { text: `NIP. ${formatNip(L.pengesah.nip)}` },
        ],
      },
    ],
    columnGap: 24,
    margin: [0, 8, 0, 8],
    unbreakable: true,
  };
}

/** The QR code with the verification address, the data hash and the audit log anchor. */
async function verificationBlock(f: LetterFrame): Promise<unknown> {
  const qrTarget = qrTargetOf(f);
  const qr = await QRCode.toDataURL(qrTarget, { errorCorrectionLevel: 'M', margin: 1, width: 300 });
  return {
    columns: [
      { image: qr, width: 64 },
      {
        width: '*',
        stack: [
          { text: 'Keaslian surat ini dapat diperiksa dengan memindai kode QR atau membuka alamat:', ...small },
          { text: f.verifyUrl, link: qrTarget, color: '#1a4f9c', ...small },
          { text: 'Kode verifikasi data hasil finalisasi (SHA-256):', ...small, margin: [0, 4, 0, 0] },
          { text: f.dataSha256, fontSize: 7.5 },
          ...(f.auditCheckpoint
            ? [
                {
                  text: `Jangkar log audit: ${num(f.auditCheckpoint.count)} entri, HMAC ${shortHmac(f.auditCheckpoint.hmac)}`,
                  ...small,
                  margin: [0, 4, 0, 0],
                },
              ]
            : []),
        ],
        margin: [8, 4, 0, 0],
      },
    ],
    unbreakable: true,
  };
}

/** The document around a letter's content: A4, metadata fixed at the finalisation's moment, numbered footer. */
function letterDocument(f: LetterFrame, meta: { title: string; subject: string }, content: unknown[]) {
  return {
    pageSize: 'A4',
    pageMargins: [56, 32, 56, 44],
    info: {
      title: meta.title,
      author: f.letter.namaInstansi,
      subject: meta.subject,
      keywords: `sha256:${f.dataSha256}`,
      creator: 'SIKS-NG',
      producer: 'SIKS-NG',
      // The finalisation's moment, so that the file does not change with the day of download.
      creationDate: f.createdAt,
      modDate: f.createdAt,
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.1 },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: `Nomor ${f.letterNumber}`, ...small },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right', ...small },
      ],
      margin: [56, 16, 56, 0],
      color: '#555555',
    }),
    content,
  };
}

/** Renders the letter to PDF bytes. */
export async function renderLetter(input: LetterInput): Promise<Buffer> {
  const { letter: L, recap } = input;
  const date = indonesianDate(input.createdAt, L.kab.code);
  const moment = indonesianMoment(input.createdAt, L.kab.code);

  const recapTable = {
    table: {
      headerRows: 2,
      widths: [18, '*', 44, 44, 40, 44, 40, 36, 44, 40, 44, 44, 36, 40, 50, 40],
      body: [
        [
          header('No', { rowSpan: 2 }),
          header('Kecamatan', { rowSpan: 2 }),
          header('Hasil Verval Usulan Perbaikan', { colSpan: 6 }),
          {},
          {},
          {},
          {},
          {},
          header('Jumlah Perbaikan', { rowSpan: 2 }),
          header('Usulan Baru', { rowSpan: 2 }),
          header('Keputusan', { colSpan: 5 }),
          {},
          {},
          {},
          {},
          header('Jumlah Usulan', { rowSpan: 2 }),
        ],
        [
          '',
          '',
          ...VERVAL_RESULTS.map((r) => header(r.label)),
          '',
          '',
          header('Disetujui'),
          header('Disetujui Sebagian'),
          header('Ditolak'),
          header('Gagal Validasi'),
          header('Dikembalikan'),
          '',
        ],
        ...kecamatanRows(recap.kecamatan, recap.totals, recapCells),
      ],
    },
    fontSize: 7.5,
    layout: tableLayout,
  };

  const doc = letterDocument(
    input,
    { title: `Surat Pengesahan ${input.letterNumber}`, subject: `Finalisasi BDT ke-${input.number} ${L.kab.name} ${L.period.name}` },
    [
      ...letterhead(input),
      { text: 'SURAT PENGESAHAN', bold: true, fontSize: 12, alignment: 'center', decoration: 'underline' },
      { text: 'HASIL VERIFIKASI DAN VALIDASI BASIS DATA TERPADU', bold: true, alignment: 'center' },
      { text: `Nomor: ${input.letterNumber}`, alignment: 'center', margin: [0, 2, 0, 12] },
      { text: 'Menimbang:', bold: true },
      {
        ol: [
          'bahwa untuk menjamin ketepatan sasaran program penanganan fakir miskin dan orang tidak mampu diperlukan Basis Data Terpadu yang mutakhir;',
          `bahwa Pemerintah ${L.kab.name} telah melaksanakan verifikasi dan validasi Basis Data Terpadu melalui kunjungan rumah tangga dan musyawarah desa/kelurahan, dan hasilnya telah diperiksa serta difinalisasi dalam aplikasi SIKS-NG;`,
        ],
        margin: [0, 2, 0, 6],
      },
      { text: 'Mengingat:', bold: true },
      { ol: legalBasis(L.period), margin: [0, 2, 0, 8] },
      {
        text: [
          'Dengan ini mengesahkan hasil verifikasi dan validasi Basis Data Terpadu (BDT) ',
          { text: L.kab.name, bold: true },
          ' periode ',
          { text: L.period.name, bold: true },
          L.period.skNumber ? ` (SK Mensos Nomor ${L.period.skNumber})` : '',
          `, Finalisasi ke-${input.number} tanggal ${moment}, dengan ringkasan sebagai berikut:`,
        ],
        alignment: 'justify',
      },
      {
        // Two label/value pairs per row, to keep the letter on one page.
        table: { widths: ['*', 36, '*', 36], body: summaryPairs(recap.totals) },
        layout: 'lightHorizontalLines',
        fontSize: 9.5,
        margin: [0, 4, 0, 6],
      },
      {
        text: 'Rincian per kecamatan tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari surat pengesahan ini. Data hasil finalisasi disampaikan kepada Pusat Data dan Informasi Kesejahteraan Sosial (Pusdatin Kesos) Kementerian Sosial sebagai bahan pemutakhiran Basis Data Terpadu.',
        alignment: 'justify',
        margin: [0, 0, 0, 4],
      },
      {
        text: 'Demikian surat pengesahan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
        alignment: 'justify',
      },
      signatureBlock(input, date),
      await verificationBlock(input),
      {
        text: `LAMPIRAN SURAT PENGESAHAN NOMOR ${input.letterNumber}`,
        bold: true,
        pageBreak: 'before',
        pageOrientation: 'landscape',
      },
      {
        text: `REKAPITULASI HASIL VERIFIKASI DAN VALIDASI BDT PER KECAMATAN — ${L.kab.name.toUpperCase()}`,
        bold: true,
      },
      { text: `Periode ${L.period.name} — Finalisasi ke-${input.number} tanggal ${moment}`, margin: [0, 0, 0, 8] },
      recapTable,
      {
        text: 'Hasil verval dihitung dari usulan perbaikan menurut hasil yang dicatat operator; keputusan dihitung dari seluruh usulan (perbaikan dan usulan baru); yang disetujui sebagian dihitung tersendiri.',
        ...small,
        margin: [0, 6, 0, 0],
      },
    ],
  );
  return renderPdf(doc);
}

// ---- Berita Acara (BSP and PBI finalisations) --------------------------------------------------

/** Everything a Berita Acara is drawn from: a letter's frame with the programme recap. */
export interface ProgrammeLetterInput extends Omit<LetterInput, 'recap'> {
  module: ProgrammeModule;
  recap: ProgrammeRecap;
}

/** The title lines of a Berita Acara and what its list is called. */
export const BERITA_ACARA = {
  BSP: {
    name: 'Berita Acara Daftar KPM Perubahan',
    title: 'BERITA ACARA',
    subtitle: 'DAFTAR KPM PERUBAHAN',
    programme: 'Program Bantuan Sosial Pangan (BPNT/Rastra)',
    member: 'KPM',
  },
  PBI: {
    name: 'Berita Acara Daftar Peserta PBI-JK Perubahan',
    title: 'BERITA ACARA',
    subtitle: 'DAFTAR PESERTA PBI-JK PERUBAHAN',
    programme: 'Penerima Bantuan Iuran Jaminan Kesehatan (PBI-JK)',
    member: 'Peserta',
  },
} as const;

/** The change columns of a module: its header and the count it shows. */
export function changeColumns(module: ProgrammeModule): [string, (c: ProgrammeCounts) => number][] {
  return module === 'BSP'
    ? [
        ['KPM Masuk (Pengganti)', (c) => c.masuk],
        ['KPM Keluar', (c) => c.keluar],
        ['KPM Diganti', (c) => c.diganti],
        ['Ubah Data', (c) => c.ubahData],
      ]
    : [
        ['Usulan Peserta Baru', (c) => c.masuk],
        ['Peserta Dinonaktifkan', (c) => c.keluar],
      ];
}

/** Renders the Berita Acara of a BSP or PBI finalisation to PDF bytes. */
export async function renderBeritaAcara(input: ProgrammeLetterInput): Promise<Buffer> {
  const { letter: L, recap, module } = input;
  const ba = BERITA_ACARA[module];
  const date = indonesianDate(input.createdAt, L.kab.code);
  const moment = indonesianMoment(input.createdAt, L.kab.code);
  const changes = changeColumns(module);
  const programTable = {
    table: {
      headerRows: 1,
      widths: ['*', ...changes.map(() => 50), 50, 50],
      body: [
        [header('Program'), ...changes.map(([h]) => header(h)), header(`${ba.member} Aktif`), header('Kuota')],
        ...recap.programs.map((p) => [
          cell(p.program),
          ...changes.map(([, of]) => cell(of(p.counts))),
          cell(p.active),
          cell(p.quota ?? '–', { alignment: 'right' }),
        ]),
      ],
    },
    fontSize: 9,
    layout: tableLayout,
    margin: [0, 4, 0, 6],
  };
  const areaCells = (c: ProgrammeCounts) => [...changes.map(([, of]) => of(c)), c.status.DITOLAK, c.proposals];
  const areaTable = {
    table: {
      headerRows: 1,
      widths: [18, '*', ...changes.map(() => 56), 50, 50],
      body: [
        [header('No'), header('Kecamatan'), ...changes.map(([h]) => header(h)), header('Ditolak'), header('Jumlah Usulan')],
        ...kecamatanRows(recap.kecamatan, recap.totals, areaCells),
      ],
    },
    fontSize: 8,
    layout: tableLayout,
  };
  const over = recap.programs.filter((p) => p.quota !== null && p.active > p.quota).map((p) => p.program);
  const doc = letterDocument(
    input,
    {
      title: `${ba.title} ${ba.subtitle} ${input.letterNumber}`,
      subject: `Finalisasi ${module} ke-${input.number} ${L.kab.name} ${L.period.name}`,
    },
    [
      ...letterhead(input),
      { text: ba.title, bold: true, fontSize: 12, alignment: 'center', decoration: 'underline' },
      { text: ba.subtitle, bold: true, alignment: 'center' },
      { text: `Nomor: ${input.letterNumber}`, alignment: 'center', margin: [0, 2, 0, 12] },
      {
        text: [
          `Pada tanggal ${moment}, Pemerintah `,
          { text: L.kab.name, bold: true },
          ` telah melaksanakan Finalisasi ke-${input.number} verifikasi dan validasi daftar ${ba.programme} periode `,
          { text: L.period.name, bold: true },
          L.period.skNumber ? ` (SK Mensos Nomor ${L.period.skNumber})` : '',
          `. Sebanyak ${num(recap.totals.proposals)} usulan perubahan telah diputuskan (${num(approvedOf(recap.totals))} disetujui, ${num(recap.totals.status.DITOLAK)} ditolak), dengan perubahan daftar sebagai berikut:`,
        ],
        alignment: 'justify',
      },
      programTable,
      {
        text:
          over.length === 0
            ? `Jumlah ${ba.member.toLowerCase()} aktif setelah perubahan berada dalam kuota yang ditetapkan untuk periode ini.`
            : `Jumlah ${ba.member.toLowerCase()} aktif program ${over.join(', ')} melebihi kuota yang ditetapkan; penambahan tidak dapat dilakukan sampai jumlahnya di bawah kuota.`,
        alignment: 'justify',
        margin: [0, 0, 0, 4],
      },
      {
        text: `Rincian per kecamatan tercantum dalam Lampiran, dan daftar ${ba.member.toLowerCase()} yang berubah tersedia sebagai data hasil finalisasi; keduanya merupakan bagian tidak terpisahkan dari berita acara ini.`,
        alignment: 'justify',
        margin: [0, 0, 0, 4],
      },
      { text: 'Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.', alignment: 'justify' },
      signatureBlock(input, date),
      await verificationBlock(input),
      { text: `LAMPIRAN BERITA ACARA NOMOR ${input.letterNumber}`, bold: true, pageBreak: 'before' },
      { text: `REKAPITULASI ${ba.subtitle} PER KECAMATAN — ${L.kab.name.toUpperCase()}`, bold: true },
      { text: `Periode ${L.period.name} — Finalisasi ke-${input.number} tanggal ${moment}`, margin: [0, 0, 0, 8] },
      areaTable,
      ...(module === 'BSP'
        ? [
            {
              text: 'KPM Diganti keluar dari daftar dan digantikan oleh KPM Masuk (Pengganti); KPM Keluar dihapus tanpa pengganti. Ubah Data: perubahan pengurus, nomor KKS atau nomor rekening.',
              ...small,
              margin: [0, 6, 0, 0],
            },
          ]
        : []),
    ],
  );
  return renderPdf(doc);
}

// F8 Finalisasi (/finalisasi, SUPERVISOR): the preview of the next finalisation of the open
// period — counts by status and by verval result, per kecamatan and desa — what blocks it
// (proposals still MENUNGGU, with links to them; missing letter profile), a confirmation that
// names the count, then the result with the letter and data downloads. Loaded lazily.
// Tabs BDT / BSP / PBI (?module=, F10/F11): a BSP or PBI finalisation previews the list changes
// with each programme's AKTIF count against its quota, and its letter is the Berita Acara.
import { useState } from 'react';
import {
  approvedOf,
  finalisasiApi,
  isProgrammeRecap,
  PROPOSAL_STATUS_KEYS,
  VERVAL_RESULT_KEYS,
  type FinalisationDetail,
  type FinalisationModule,
  type FinalisationPreview,
  type FinalisationSummary,
  type ProgrammeCounts,
  type ProgrammeRecap,
  type ProposalRecap,
  type RecapCounts,
  type WaitingProposal,
} from '../api/finalisasi.ts';
import { Can } from '../components/Can.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { DownloadButtons } from '../components/DownloadButtons.tsx';
import { FigureList } from '../components/FigureList.tsx';
import { ErrorBox, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { formatDateTime, formatIdbdt, formatNumber, formatRegionCode } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { useData, useMutation } from '../lib/useData.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { areaColumn, countColumns, numberColumn, RESULT_LABEL, STATUS_LABEL, totalRow } from './RecapColumns.tsx';
import '../account.css';
import '../mou.css';
import '../finalisasi.css';

const PROFILE_LABEL: Record<FinalisationPreview['profileMissing'][number], MessageKey> = {
  namaInstansi: 'fin.profile.namaInstansi',
  alamat: 'fin.profile.alamat',
  namaBupati: 'fin.profile.namaBupati',
  pengesahNama: 'fin.profile.pengesahNama',
  pengesahNip: 'fin.profile.pengesahNip',
};

/** Figures of a set of proposals: by status and by verval result. */
export function CountsSummary({ counts }: { counts: RecapCounts }) {
  const t = useT();
  return (
    <div className="fin-figures">
      <FigureList
        label={t('fin.byStatus')}
        figures={[
          { key: 'total', label: t('fin.total'), value: counts.proposals, className: 'fin-figure-total' },
          ...PROPOSAL_STATUS_KEYS.map((s) => ({
            key: s,
            label: t(STATUS_LABEL[s]),
            value: counts.status[s],
            className: s === 'MENUNGGU' && counts.status[s] > 0 ? 'fin-figure-alert' : undefined,
          })),
        ]}
      />
      <FigureList
        label={t('fin.byResult')}
        figures={[
          ...VERVAL_RESULT_KEYS.map((r) => ({ key: r, label: t(RESULT_LABEL[r]), value: counts.result[r] })),
          { key: 'usulanBaru', label: t('fin.usulanBaru'), value: counts.usulanBaru },
        ]}
      />
    </div>
  );
}

type AreaCounts = { code: string; name: string; counts: RecapCounts };

/** The recap per area (kecamatan or desa) with a totals row. */
export function AreaCountsTable({
  rows,
  totals,
  caption,
  areaLabel,
}: {
  rows: readonly AreaCounts[];
  totals: RecapCounts;
  caption: string;
  areaLabel: string;
}) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<AreaCounts>[] = [areaColumn(areaLabel), ...countColumns<AreaCounts>((r) => r.counts, t, locale)];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.code}
      footRows={[totalRow(t, { counts: totals })]}
      footRowClassName="fin-total-row"
      tableClassName="fin-table"
      empty={t('fin.recap.empty')}
      scrollable={false}
    />
  );
}

const TYPE_LABEL: Record<WaitingProposal['type'], MessageKey> = {
  PERBAIKAN: 'fin.type.PERBAIKAN',
  USULAN_BARU: 'fin.type.USULAN_BARU',
  BSP_GANTI: 'fin.type.BSP_GANTI',
  BSP_NONAKTIF: 'fin.type.BSP_NONAKTIF',
  BSP_UBAH: 'fin.type.BSP_UBAH',
  PBI_NONAKTIF: 'fin.type.PBI_NONAKTIF',
  PBI_USUL: 'fin.type.PBI_USUL',
};

/** Where a module's proposals are reviewed: Verifikasi Usulan (BDT), the BSP and PBI pages. */
const REVIEW_PATH: Record<FinalisationModule, string> = {
  BDT: '/verifikasi-usulan',
  BSP: '/verifikasi-bsp',
  PBI: '/verifikasi-pbi',
};
const reviewPathOf = (module: FinalisationModule, id: string) =>
  `${REVIEW_PATH[module]}${module === 'BDT' ? '' : '/usulan'}/${encodeURIComponent(id)}`;

/** The proposals still waiting, each a link to its review. */
export function WaitingList({
  waiting,
  module = 'BDT',
}: {
  waiting: { total: number; items: readonly WaitingProposal[] };
  module?: FinalisationModule;
}) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<WaitingProposal>[] = [
    {
      key: 'proposal',
      header: t('fin.col.proposal'),
      cell: (w) => (
        <>
          <Link to={reviewPathOf(module, w.id)}>{w.idbdt ? formatIdbdt(w.idbdt) : t('fin.type.USULAN_BARU')}</Link>
          {w.conflict && <span className="badge badge-conflict"> {t('fin.conflict')}</span>}
        </>
      ),
    },
    { key: 'type', header: t('fin.col.type'), cell: (w) => t(TYPE_LABEL[w.type]) },
    {
      key: 'region',
      header: t('fin.col.region'),
      cell: (w) => (
        <>
          {w.desa ?? formatRegionCode(w.kode_wilayah)}
          {w.kecamatan && <span className="muted">, {w.kecamatan}</span>}
        </>
      ),
    },
    { key: 'operator', header: t('fin.col.operator'), cell: (w) => w.operator_username ?? '–' },
    { key: 'imported', header: t('fin.col.imported'), className: 'nowrap', cell: (w) => formatDateTime(w.imported_at, locale) },
  ];
  return (
    <section className="card fin-blocking" aria-labelledby="fin-waiting-title">
      <h2 id="fin-waiting-title">{t('fin.waiting.title')}</h2>
      <p className="alert alert-error">{t('fin.waiting.text', { n: formatNumber(waiting.total, locale) })}</p>
      <DataTable
        idPrefix="fin-waiting"
        caption={t('fin.waiting.caption', {
          shown: formatNumber(waiting.items.length, locale),
          total: formatNumber(waiting.total, locale),
        })}
        columns={columns}
        rows={waiting.items}
        rowKey={(w) => w.id}
        empty={t('fin.waiting.text', { n: formatNumber(waiting.total, locale) })}
        scrollable={false}
      />
      <p>
        {module === 'BDT' ? (
          <Link to="/verifikasi-usulan?status=MENUNGGU" className="btn btn-secondary">
            {t('fin.waiting.open')}
          </Link>
        ) : (
          <Link to={REVIEW_PATH[module]} className="btn btn-secondary">
            {t('fin.waiting.openModule', { module })}
          </Link>
        )}
      </p>
    </section>
  );
}

/** The three downloads of a finalisation: its letter (Surat Pengesahan or Berita Acara), xlsx, csv (BSP/PBI: the list changes). */
export function FinalisationDownloads({
  f,
}: {
  f: Pick<FinalisationSummary, 'id' | 'kab' | 'period' | 'number'> & { module?: FinalisationModule };
}) {
  const t = useT();
  const programme = (f.module ?? 'BDT') !== 'BDT';
  return (
    <DownloadButtons
      items={[
        {
          key: 'letter',
          label: t(programme ? 'fin.download.beritaAcara' : 'fin.download.letter'),
          primary: true,
          download: () => finalisasiApi.downloadLetter(f),
        },
        { key: 'xlsx', label: t('fin.download.xlsx'), download: () => finalisasiApi.downloadData(f, 'xlsx') },
        {
          key: 'csv',
          label: t(programme ? 'fin.download.csvChanges' : 'fin.download.csv'),
          download: () => finalisasiApi.downloadData(f, 'csv', programme ? 'perubahan' : 'usulan'),
        },
      ]}
    />
  );
}

/** The change columns of a programme module: BSP masuk, keluar, diganti, ubah data; PBI new participants and deactivations. */
function changeColumns<T>(module: FinalisationModule, of: (row: T) => ProgrammeCounts, t: ReturnType<typeof useT>, locale: string) {
  const col = (key: keyof ProgrammeCounts & string, label: MessageKey) =>
    numberColumn<T>(key, t(label), (r) => of(r)[key] as number, locale);
  return module === 'PBI'
    ? [col('masuk', 'fin.prog.masuk.PBI'), col('keluar', 'fin.prog.keluar.PBI')]
    : [
        col('masuk', 'fin.prog.masuk.BSP'),
        col('keluar', 'fin.prog.keluar.BSP'),
        col('diganti', 'fin.prog.diganti'),
        col('ubahData', 'fin.prog.ubahData'),
      ];
}

type ProgrammeArea = { code: string; name: string; counts: ProgrammeCounts };

/** The recap of a BSP/PBI preview or finalisation: per programme the changes, AKTIF count and quota; per kecamatan and desa the changes. */
export function ProgrammeRecapView({ module, recap }: { module: FinalisationModule; recap: ProgrammeRecap }) {
  const t = useT();
  const locale = useLocale();
  type Program = ProgrammeRecap['programs'][number];
  const programColumns: Column<Program>[] = [
    { key: 'program', header: t('fin.prog.program'), rowHeader: true, cell: (p) => p.program },
    ...changeColumns<Program>(module, (p) => p.counts, t, locale),
    numberColumn<Program>('active', t('fin.prog.active'), (p) => p.active, locale),
    {
      key: 'quota',
      header: t('fin.prog.quota'),
      num: true,
      cell: (p) => (p.quota === null ? t('fin.prog.noQuota') : formatNumber(p.quota, locale)),
    },
  ];
  const areaColumns: Column<ProgrammeArea>[] = [
    areaColumn(t('fin.col.kecamatan')),
    ...changeColumns<ProgrammeArea>(module, (r) => r.counts, t, locale),
    numberColumn<ProgrammeArea>('approved', t('fin.approved'), (r) => approvedOf(r.counts), locale),
    numberColumn<ProgrammeArea>('DITOLAK', t('fin.status.DITOLAK'), (r) => r.counts.status.DITOLAK, locale),
    numberColumn<ProgrammeArea>('MENUNGGU', t('fin.status.MENUNGGU'), (r) => r.counts.status.MENUNGGU, locale),
    numberColumn<ProgrammeArea>('total', t('fin.total'), (r) => r.counts.proposals, locale),
  ];
  return (
    <>
      <DataTable
        caption={t('fin.prog.programs')}
        columns={programColumns}
        rows={recap.programs}
        rowKey={(p) => p.program}
        tableClassName="fin-table"
        empty={t('fin.recap.empty')}
        scrollable={false}
      />
      <DataTable
        caption={t('fin.recap.kecamatan')}
        columns={areaColumns}
        rows={recap.kecamatan}
        rowKey={(r) => r.code}
        footRows={[totalRow(t, { counts: recap.totals })]}
        footRowClassName="fin-total-row"
        tableClassName="fin-table"
        empty={t('fin.recap.empty')}
        scrollable={false}
      />
    </>
  );
}

/** The recap of a preview or finalisation of any module. */
export function AnyRecapView({ module, recap }: { module: FinalisationModule; recap: ProposalRecap | ProgrammeRecap }) {
  return isProgrammeRecap(recap) ? <ProgrammeRecapView module={module} recap={recap} /> : <RecapView recap={recap} />;
}

/** The recap of a preview or finalisation: figures, per kecamatan, and per desa on demand. */
export function RecapView({ recap }: { recap: ProposalRecap }) {
  const t = useT();
  return (
    <>
      <CountsSummary counts={recap.totals} />
      <AreaCountsTable rows={recap.kecamatan} totals={recap.totals} caption={t('fin.recap.kecamatan')} areaLabel={t('fin.col.kecamatan')} />
      {recap.desa.length > 0 && (
        <details className="fin-desa">
          <summary>{t('fin.recap.showDesa', { n: recap.desa.length })}</summary>
          <AreaCountsTable rows={recap.desa} totals={recap.totals} caption={t('fin.recap.desa')} areaLabel={t('fin.col.desa')} />
        </details>
      )}
    </>
  );
}

/** The preview with its blockers and the finalise action. */
export function PreviewView({ preview, onFinalise, busy }: { preview: FinalisationPreview; onFinalise: () => void; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const p = preview;
  return (
    <>
      <section className="card" aria-labelledby="fin-preview-title">
        <h2 id="fin-preview-title">{t('fin.preview.title', { n: p.nextNumber })}</h2>
        <p>
          {t('fin.preview.period', { period: p.period.name, kab: p.kab.name })}
          {p.period.skNumber && <> {t('fin.preview.sk', { sk: p.period.skNumber })}</>}
        </p>
        <AnyRecapView module={p.module} recap={p.recap} />
      </section>

      {p.waiting.total > 0 && <WaitingList waiting={p.waiting} module={p.module} />}

      {p.profileMissing.length > 0 && (
        <section className="card fin-blocking" aria-labelledby="fin-profile-title">
          <h2 id="fin-profile-title">{t('fin.profile.title')}</h2>
          <div className="alert alert-error">
            <p>{t('fin.profile.text')}</p>
            <ul>
              {p.profileMissing.map((f) => (
                <li key={f}>{t(PROFILE_LABEL[f])}</li>
              ))}
            </ul>
          </div>
          <p>
            <Link to="/profil" className="btn btn-secondary">
              {t('fin.profile.open')}
            </Link>
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="fin-action-title">
        <h2 id="fin-action-title">{t('fin.action.title')}</h2>
        {p.toFinalise === 0 && p.waiting.total === 0 ? (
          <p className="alert alert-info">{t('fin.action.nothing')}</p>
        ) : (
          <p>{t('fin.action.text', { n: formatNumber(p.toFinalise, locale), number: p.nextNumber })}</p>
        )}
        <button type="button" className="btn btn-primary" disabled={!p.canFinalise || busy} onClick={onFinalise}>
          {busy ? t('fin.action.busy') : t('fin.action.button')}
        </button>
        {!p.canFinalise && p.toFinalise > 0 && <p className="muted">{t('fin.action.blocked')}</p>}
      </section>

      {p.previous.length > 0 && (
        <section className="card" aria-labelledby="fin-previous-title">
          <h2 id="fin-previous-title">{t('fin.previous.title')}</h2>
          <ul className="fin-previous">
            {p.previous.map((f) => (
              <li key={f.id}>
                {t('fin.previous.item', {
                  number: f.number,
                  letter: f.letterNumber,
                  date: formatDateTime(f.createdAt, locale),
                  n: formatNumber(f.proposals, locale),
                })}
              </li>
            ))}
          </ul>
          <Can verb="letter:read">
            <Link to="/surat-pengesahan">{t('fin.previous.letters')}</Link>
          </Can>
        </section>
      )}
    </>
  );
}

/** What a finished finalisation shows: its number, letter number, recap and downloads. */
export function ResultView({ result }: { result: FinalisationDetail }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="fin-result-title">
      <h2 id="fin-result-title">{t('fin.result.title', { number: result.number })}</h2>
      <p className="alert alert-ok" role="status">
        {t(result.module === 'BDT' ? 'fin.result.text' : 'fin.result.textBa', {
          module: result.module,
          number: result.number,
          period: result.period.name,
          n: formatNumber(result.proposals, locale),
          letter: result.letterNumber,
        })}
      </p>
      <p className="fin-hash">
        {t('fin.result.hash')} <code>{result.dataSha256}</code>
      </p>
      <FinalisationDownloads f={result} />
      <AnyRecapView module={result.module} recap={result.recap} />
    </section>
  );
}

const MODULES: readonly FinalisationModule[] = ['BDT', 'BSP', 'PBI'];
const MODULE_LABEL: Record<FinalisationModule, MessageKey> = { BDT: 'fin.module.BDT', BSP: 'fin.module.BSP', PBI: 'fin.module.PBI' };

/** The /finalisasi page (finalisation:manage, the district's supervisor; the API checks again). */
export function FinalisasiPage() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const allowed = useCan()('finalisation:manage');
  useDocumentTitle(t('fin.title'));
  const asked = new URLSearchParams(location.search).get('module');
  const module: FinalisationModule = MODULES.find((m) => m === asked) ?? 'BDT';
  const preview = useData((signal) => finalisasiApi.preview(signal, module), [module], allowed);
  const finalise = useMutation((count: number) => finalisasiApi.finalise(count, module));
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<FinalisationDetail | null>(null);
  const choose = (m: FinalisationModule) => {
    setResult(null);
    finalise.clearError();
    navigate(m === 'BDT' ? '/finalisasi' : `/finalisasi?module=${m}`, { replace: true });
  };

  if (!allowed) return <Forbidden title={t('fin.title')} message={t('fin.forbidden')} />;

  const p = preview.data;
  const confirm = async () => {
    if (!p) return;
    const done = await finalise.run(p.toFinalise);
    setConfirming(false);
    if (done.ok) setResult(done.value);
    else preview.reload(); // the preview shows what changed
  };
  const error = finalise.error ?? preview.error;

  return (
    <div className="fin-page">
      <h1>{t('fin.title')}</h1>
      <p className="muted">{t('fin.intro')}</p>
      <Tabs
        label={t('fin.module.tabs')}
        tabs={MODULES.map((m) => ({ key: m, label: t(MODULE_LABEL[m]) }))}
        selected={module}
        onSelect={choose}
        idPrefix="fin-module"
        panelId="fin-module-panel"
      />
      <div id="fin-module-panel" role="tabpanel" aria-labelledby={`fin-module-${module}`}>
        {error && <ErrorBox message={error} onRetry={result ? undefined : preview.reload} />}
        {result ? (
          <>
            <ResultView result={result} />
            <p>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => {
                  setResult(null);
                  finalise.clearError();
                  preview.reload();
                }}
              >
                {t('fin.result.back')}
              </button>
            </p>
          </>
        ) : p && !preview.loading ? (
          <PreviewView preview={p} busy={finalise.busy} onFinalise={() => setConfirming(true)} />
        ) : (
          !error && <Loading />
        )}
      </div>
      <ConfirmDialog
        open={confirming && !!p}
        title={t('fin.confirm.title', { number: p?.nextNumber ?? 1 })}
        message={t('fin.confirm.text', {
          n: formatNumber(p?.toFinalise ?? 0, locale),
          period: p?.period.name ?? '',
          number: p?.nextNumber ?? 1,
        })}
        confirmLabel={t('fin.confirm.button')}
        busy={finalise.busy}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

export default FinalisasiPage;

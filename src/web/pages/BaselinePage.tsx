// C2 "Muat Data Awal" (/data-awal, PUSDATIN): choose a district and a period, upload the baseline
// (households.csv and members.csv, one ZIP of both, or one xlsx), follow the reading and checking
// (the load row's progress is polled, so a page reload finds it again), download the error report,
// then publish — with a second confirmation (the district code typed again) when it replaces data.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { type BaselineLoad, baselineApi, isBaselineActive } from '../api/baseline.ts';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { usePeriods } from '../components/PeriodSelect.tsx';
import { RegionPicker, type RegionPath } from '../components/RegionPicker.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { ErrorBox, Forbidden, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { errorText } from '../lib/errors.ts';
import { useData, useMutation } from '../lib/useData.ts';

const POLL_MS = 2000;

/**
 * "Terbitkan?" for a READY load. When the district already has households it is the second
 * confirmation too: the replacement must be ticked and the district code typed again.
 */
export function PublishDialog({
  load,
  open,
  onDone,
  onCancel,
}: {
  load: BaselineLoad;
  open: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [replace, setReplace] = useState(false);
  const [typed, setTyped] = useState('');
  const replacing = load.existingHouseholds > 0;
  const publish = useMutation(() => baselineApi.confirm(load.id, replacing ? { replace, confirmKab: typed.trim() } : {}));
  const n = (v: number) => formatNumber(v, locale);
  const reset = () => {
    setReplace(false);
    setTyped('');
  };
  return (
    <ConfirmDialog
      open={open}
      title={t('baseline.publishTitle')}
      message={t('baseline.publishMessage', {
        households: n(load.households),
        members: n(load.members),
        kab: load.kab,
        period: load.period,
      })}
      confirmLabel={t('baseline.publish')}
      danger={replacing}
      busy={publish.busy}
      confirmDisabled={replacing && !(replace && typed.trim() === load.kab)}
      onConfirm={() =>
        void publish.run().then((r) => {
          if (r.ok) {
            reset();
            onDone();
          }
        })
      }
      onCancel={() => {
        reset();
        onCancel();
      }}
    >
      {replacing && (
        <div className="baseline-replace">
          <p className="alert alert-warning">{t('baseline.replaceWarning', { count: n(load.existingHouseholds) })}</p>
          <label className="checkbox">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {t('baseline.replaceCheck')}
          </label>
          <div className="field">
            <label htmlFor={`${id}-kab`}>{t('baseline.replaceType', { kab: load.kab })}</label>
            <input
              id={`${id}-kab`}
              inputMode="numeric"
              maxLength={4}
              autoComplete="off"
              value={typed}
              disabled={!replace}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
        </div>
      )}
      {publish.error && <ErrorBox message={publish.error} />}
    </ConfirmDialog>
  );
}

/** What one load shows: its state, counts, progress, error report and the actions its state allows. */
export function BaselineLoadPanel({ load, onChanged }: { load: BaselineLoad; onChanged: () => void }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [asking, setAsking] = useState<'publish' | 'discard' | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const discard = useMutation(() => baselineApi.discard(load.id));
  const n = (v: number) => formatNumber(v, locale);
  const percent = Math.round(load.progress * 100);
  const close = () => setAsking(null);
  const done = () => {
    close();
    onChanged();
  };

  return (
    <section className="card baseline-load" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {load.kab} · {load.period} · {t(`baseline.status.${load.status}`)}
      </h2>
      <p>{t('baseline.counts', { households: n(load.households), members: n(load.members) })}</p>
      {load.fileNames && <p className="hint">{load.fileNames}</p>}
      {isBaselineActive(load) && (
        <div role="status">
          <p>
            {load.phase === 'READING'
              ? t('baseline.phase.READING', { households: n(load.households), members: n(load.members) })
              : t('baseline.phase.CHECKING', { percent })}
          </p>
          <progress max={100} value={load.phase === 'READING' ? undefined : percent} aria-label={t('baseline.progressLabel')} />
        </div>
      )}
      {load.failure && <ErrorBox message={t('baseline.failure', { reason: load.failure })} />}
      {load.status === 'PUBLISHED' && load.publishedAt && (
        <p className="alert alert-ok">{t('baseline.published', { date: formatDateTime(load.publishedAt, locale) })}</p>
      )}
      {load.status === 'READY' && <p className="alert alert-ok">{t('baseline.noErrors')}</p>}
      {load.errorCount > 0 && load.status !== 'DISCARDED' && (
        <div className="alert alert-error">
          <p>{t('baseline.errors', { count: n(load.errorCount) })}</p>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              setDownloadError(null);
              baselineApi.downloadErrors(load).catch((e: unknown) => setDownloadError(errorText(e, t)));
            }}
          >
            {t('baseline.downloadErrors')}
          </button>
        </div>
      )}
      {downloadError && <ErrorBox message={downloadError} />}
      <div className="actions">
        {load.status === 'READY' && (
          <button type="button" className="btn btn-primary" onClick={() => setAsking('publish')}>
            {t('baseline.publish')}
          </button>
        )}
        {(load.status === 'READY' || load.status === 'INVALID' || load.status === 'FAILED') && (
          <button type="button" className="btn btn-secondary" onClick={() => setAsking('discard')}>
            {t('baseline.discard')}
          </button>
        )}
      </div>
      {load.status === 'READY' && load.existingHouseholds > 0 && (
        <p className="alert alert-warning">{t('baseline.replaceWarning', { count: n(load.existingHouseholds) })}</p>
      )}
      <PublishDialog load={load} open={asking === 'publish'} onDone={done} onCancel={close} />
      <ConfirmDialog
        open={asking === 'discard'}
        title={t('baseline.discardTitle')}
        message={t('baseline.discardMessage')}
        confirmLabel={t('baseline.discard')}
        danger
        busy={discard.busy}
        onConfirm={() => void discard.run().then((r) => r.ok && done())}
        onCancel={close}
      >
        {discard.error && <ErrorBox message={discard.error} />}
      </ConfirmDialog>
    </section>
  );
}

/** The /data-awal page (users holding baseline:load; the API refuses others anyway). */
export function BaselinePage() {
  const t = useT();
  const locale = useLocale();
  const can = useCan();
  const id = useId();
  useDocumentTitle(t('baseline.title'));
  const allowed = can('baseline:load');
  const [path, setPath] = useState<RegionPath>({});
  const [period, setPeriod] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const periods = usePeriods();
  const kab = path.kabkota ?? '';
  const loads = useData((signal) => baselineApi.list(kab, signal), [kab], allowed && kab !== '');
  const upload = useMutation((k: string, p: string, f: readonly File[]) => baselineApi.upload(k, p, f));
  const active = upload.busy || (loads.data ?? []).some(isBaselineActive);
  const reload = loads.reload;

  // The upload answers only when the rows are read and checked: meanwhile (and after a reload of the
  // page) the load row's counts and progress are polled.
  useEffect(() => {
    if (!active || !kab) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active, kab, reload]);

  if (!allowed) return <Forbidden title={t('baseline.title')} message={t('baseline.forbidden')} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!kab || !period || files.length === 0) {
      setFormError(t('baseline.needAll'));
      return;
    }
    setFormError(null);
    setTimeout(reload, 500); // the new load appears (READING) while the upload runs
    const r = await upload.run(kab, period, files);
    reload();
    if (r.ok) setFiles([]);
  };

  const current = loads.data?.[0];
  const columns: Column<BaselineLoad>[] = [
    { key: 'created', header: t('baseline.col.created'), cell: (l) => formatDateTime(l.createdAt, locale), rowHeader: true },
    { key: 'period', header: t('baseline.period'), cell: (l) => l.period },
    { key: 'status', header: t('baseline.col.status'), cell: (l) => t(`baseline.status.${l.status}`) },
    { key: 'households', header: t('baseline.col.households'), cell: (l) => formatNumber(l.households, locale), num: true },
    { key: 'members', header: t('baseline.col.members'), cell: (l) => formatNumber(l.members, locale), num: true },
    { key: 'errors', header: t('baseline.col.errors'), cell: (l) => formatNumber(l.errorCount, locale), num: true },
  ];

  return (
    <div className="baseline-page">
      <h1>{t('baseline.title')}</h1>
      <p className="lead">{t('baseline.intro')}</p>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`}>{t('baseline.uploadTitle')}</h2>
        <RegionPicker
          to="kabkota"
          idPrefix={`${id}-region`}
          value={path}
          onChange={setPath}
          emptyLabels={{ provinsi: t('baseline.chooseProvince'), kabkota: t('baseline.chooseDistrict') }}
        />
        <SelectField
          id={`${id}-period`}
          label={t('baseline.period')}
          value={period}
          onChange={setPeriod}
          options={periods.map((p) => ({ value: p.code, label: p.name }))}
          emptyLabel={t('baseline.choosePeriod')}
        />
        <div className="field">
          <label htmlFor={`${id}-files`}>{t('baseline.files')}</label>
          <input
            id={`${id}-files`}
            type="file"
            multiple
            accept=".csv,.zip,.xlsx,text/csv,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${id}-files-hint`}
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
          <small id={`${id}-files-hint`} className="hint">
            {t('baseline.filesHint')}
          </small>
        </div>
        {formError && <ErrorBox message={formError} />}
        {upload.error && <ErrorBox message={upload.error} />}
        <button type="submit" className="btn btn-primary" disabled={upload.busy}>
          {upload.busy ? t('baseline.uploading') : t('baseline.upload')}
        </button>
      </form>
      {current && <BaselineLoadPanel key={current.id} load={current} onChanged={reload} />}
      {kab && loads.data && loads.data.length > 0 && <ExportButtons download={(format) => exportsApi.baseline(format, { kab })} />}
      {kab && (
        <DataTable<BaselineLoad>
          caption={t('baseline.history')}
          columns={columns}
          rows={loads.data}
          rowKey={(l) => l.id}
          loading={loads.loading}
          error={loads.error}
          onRetry={reload}
          empty={t('baseline.empty')}
        />
      )}
    </div>
  );
}

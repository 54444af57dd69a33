// F6 Import Data (/import, /import/:id; import:run): the import rules first, then an upload zone
// for one or many .siks files (drag and drop or choose). Each file is uploaded with its progress
// and becomes an import whose job is polled every second until it ends: refused whole with the
// reason, already imported (with a link to the first import), or accepted with its counts, links
// to its proposals and failed proposals, and the feedback file. Each import shows its package's
// module (BDT, BSP or PBI); BSP and PBI proposals are reviewed in their module's page. The list comes from the server,
// so it survives a reload. Loaded lazily (it carries the data dictionary for error paths).
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import {
  importsApi,
  isImportActive,
  uploadImport,
  type ImportCounts,
  type ImportDetail,
  type ImportItem,
  type ImportStatus,
} from '../api/proposals.ts';
import { Pagination } from '../components/DataTable.tsx';
import { ErrorBox, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatFileSize, formatNumber } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { errorText } from '../lib/errors.ts';
import { useData, useMutation } from '../lib/useData.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { checkSiksFile, EMPTY_PROPOSAL_FILTER, importLines, percent, proposalHref, proposalListHref } from '../verval.ts';
import { IssueList } from './ProposalIssues.tsx';
import { EMPTY_STATE, MODULE_PATHS, programHref } from './programs/state.ts';
import '../account.css';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';

const IMPORT_PAGE_SIZE = 20;
const POLL_MS = 1000;
/** Files uploaded at the same time. */
const UPLOAD_CONCURRENCY = 2;

export const IMPORT_STATUS_KEYS: Record<ImportStatus, MessageKey> = {
  QUEUED: 'import.status.QUEUED',
  RUNNING: 'import.status.RUNNING',
  DONE: 'import.status.DONE',
  REFUSED: 'import.status.REFUSED',
  ALREADY_IMPORTED: 'import.status.ALREADY_IMPORTED',
  FAILED: 'import.status.FAILED',
};

const MODULE_KEYS: Record<NonNullable<ImportItem['module']>, MessageKey> = {
  BDT: 'import.module.BDT',
  BSP: 'import.module.BSP',
  PBI: 'import.module.PBI',
};

// Where an import's proposals are reviewed: BDT ones in Verifikasi Usulan (filtered by the import),
// BSP and PBI ones in their module's page (its proposals tab, package proposals).
function proposalsHref(item: ImportItem, status: 'GAGAL_VALIDASI' | '' = ''): string {
  if (item.module === 'BSP' || item.module === 'PBI')
    return programHref(item.module, { ...EMPTY_STATE, tab: 'proposals', origin: 'PACKAGE', status });
  return proposalListHref({ ...EMPTY_PROPOSAL_FILTER, importId: item.id, ...(status ? { status } : {}) });
}

function failedProposalHref(item: ImportItem, proposalId: string): string {
  if (item.module === 'BSP' || item.module === 'PBI') return `${MODULE_PATHS[item.module]}/usulan/${encodeURIComponent(proposalId)}`;
  return proposalHref(proposalId, { ...EMPTY_PROPOSAL_FILTER, importId: item.id, status: 'GAGAL_VALIDASI' });
}

/** The import rules (ketentuan), shown before the upload zone. */
export function ImportRules() {
  const t = useT();
  const id = useId();
  return (
    <section className="card import-rules" aria-labelledby={id}>
      <h2 id={id}>{t('import.rules.title')}</h2>
      <ol>
        <li>{t('import.rules.file')}</li>
        <li>{t('import.rules.period')}</li>
        <li>{t('import.rules.many')}</li>
        <li>{t('import.rules.refused')}</li>
        <li>{t('import.rules.twice')}</li>
        <li>
          {t('import.rules.counts')}
          <dl className="import-rules-counts">
            <dt>{t('import.count.new')}</dt>
            <dd>{t('import.rules.count.new')}</dd>
            <dt>{t('import.count.failed')}</dt>
            <dd>{t('import.rules.count.failed')}</dd>
            <dt>{t('import.count.duplicate')}</dt>
            <dd>{t('import.rules.count.duplicate')}</dd>
            <dt>{t('import.count.conflict')}</dt>
            <dd>{t('import.rules.count.conflict')}</dd>
            <dt>{t('import.count.warnings')}</dt>
            <dd>{t('import.rules.count.warnings')}</dd>
          </dl>
          {t('import.rules.countsSum')}
        </li>
        <li>{t('import.rules.next')}</li>
      </ol>
    </section>
  );
}

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const t = useT();
  return <span className={`badge badge-import badge-import-${status.toLowerCase()}`}>{t(IMPORT_STATUS_KEYS[status])}</span>;
}

function FeedbackButton({ item }: { item: ImportItem }) {
  const t = useT();
  const download = useMutation(importsApi.downloadFeedback);
  return (
    <>
      <button type="button" className="btn btn-secondary" disabled={download.busy} onClick={() => void download.run(item)}>
        {download.busy ? t('import.feedbackBusy') : t('import.feedback')}
        <span className="visually-hidden"> {item.fileName}</span>
      </button>
      {download.error && (
        <p className="field-error" role="alert">
          {download.error}
        </p>
      )}
    </>
  );
}

/** The counts of a finished import, in the order of the rules; a class marks the ones to look at. */
function countRows(c: ImportCounts): { key: MessageKey; value: number; className?: string }[] {
  const mark = (n: number, className: string) => (n > 0 ? className : undefined);
  return [
    { key: 'import.count.new', value: c.new },
    { key: 'import.count.failed', value: c.failed, className: mark(c.failed, 'count-bad') },
    { key: 'import.count.duplicate', value: c.duplicate },
    { key: 'import.count.conflict', value: c.conflict, className: mark(c.conflict, 'count-warn') },
    { key: 'import.count.warnings', value: c.warnings, className: mark(c.warnings, 'count-warn') },
    { key: 'import.count.lines', value: importLines(c) },
  ];
}

/** One import: file, when, by whom, and its progress or result. `detailLink` adds "Lihat rincian". */
export function ImportCard({ item, detailLink = true }: { item: ImportItem; detailLink?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const n = (v: number) => formatNumber(v, locale);
  const active = isImportActive(item.status);
  const pct = percent(item.progress);
  return (
    <article className={`card import-card import-${item.status.toLowerCase()}`} aria-labelledby={headingId} aria-busy={active}>
      <header className="import-card-head">
        <h3 id={headingId} className="import-file">
          {item.fileName}
        </h3>
        {item.module && <span className="badge badge-module">{t(MODULE_KEYS[item.module])}</span>}
        <ImportStatusBadge status={item.status} />
      </header>
      <p className="import-meta">
        {t('import.meta', { date: formatDateTime(item.uploadedAt, locale), size: formatFileSize(item.fileSize, locale) })}
        {item.operator && <> · {t('import.operator', { operator: item.operator })}</>}
      </p>
      {active && (
        <div className="import-progress">
          <progress
            max={100}
            value={item.status === 'QUEUED' ? undefined : pct}
            aria-label={t('import.progressLabel', { file: item.fileName })}
          />
          <span aria-hidden="true">{item.status === 'QUEUED' ? t('import.queued') : t('import.running', { pct })}</span>
        </div>
      )}
      {item.status === 'REFUSED' && (
        <div className="alert alert-error import-result">
          <p className="import-result-title">{t('import.refused')}</p>
          <p>{item.reason ?? t('error.generic')}</p>
        </div>
      )}
      {item.status === 'FAILED' && (
        <div className="alert alert-error import-result">
          <p className="import-result-title">{t('import.failed')}</p>
          <p>{item.reason ?? t('error.generic')}</p>
        </div>
      )}
      {item.status === 'ALREADY_IMPORTED' && (
        <div className="alert alert-info import-result">
          <p className="import-result-title">{t('import.already')}</p>
          <p>{t('import.alreadyText')}</p>
          {item.firstImportId && (
            <p>
              <Link to={`/import/${item.firstImportId}`}>{t('import.firstImport')}</Link>
            </p>
          )}
        </div>
      )}
      {item.status === 'DONE' && item.counts && (
        <>
          <dl className="import-counts">
            {countRows(item.counts).map((c) => (
              <div key={c.key} className={c.className}>
                <dt>{t(c.key)}</dt>
                <dd>{n(c.value)}</dd>
              </div>
            ))}
          </dl>
          <div className="import-actions">
            <Link className="btn btn-primary" to={proposalsHref(item)}>
              {t('import.viewProposals')}
              <span className="visually-hidden"> {item.fileName}</span>
            </Link>
            {item.counts.failed > 0 && (
              <Link className="btn btn-secondary" to={`/import/${item.id}#gagal`}>
                {t('import.viewFailed', { n: n(item.counts.failed) })}
                <span className="visually-hidden"> {item.fileName}</span>
              </Link>
            )}
            <FeedbackButton item={item} />
          </div>
        </>
      )}
      {detailLink && !active && item.status !== 'DONE' && (
        <p className="import-detail-link">
          <Link to={`/import/${item.id}`}>{t('import.details')}</Link>
        </p>
      )}
    </article>
  );
}

/** The failed proposals of an import with their errors. */
export function FailedProposals({ item }: { item: ImportDetail }) {
  const t = useT();
  const locale = useLocale();
  const total = item.counts?.failed ?? item.failed.length;
  const allHref = proposalsHref(item, 'GAGAL_VALIDASI');
  return (
    <section id="gagal" className="failed-proposals" aria-labelledby="gagal-title" tabIndex={-1}>
      <h2 id="gagal-title">{t('import.failedTitle', { n: formatNumber(total, locale) })}</h2>
      {item.failed.length === 0 ? (
        <p className="muted">{t('import.failedNone')}</p>
      ) : (
        <>
          {item.failed.length < total && (
            <p className="hint">
              {t('import.failedShown', {
                shown: formatNumber(item.failed.length, locale),
                total: formatNumber(total, locale),
              })}{' '}
              <Link to={allHref}>{t('import.failedAll')}</Link>
            </p>
          )}
          {item.failed.map((f) => (
            <div key={f.proposalId} className="failed-proposal">
              <h3>
                {t('import.failedLine', { line: formatNumber(f.line, locale) })}{' '}
                <Link to={failedProposalHref(item, f.proposalId)} className="mono">
                  {t('import.failedOpen', { id: f.proposalId.slice(0, 8) })}
                </Link>
              </h3>
              <IssueList issues={f.errors} caption={t('import.failedErrors', { line: formatNumber(f.line, locale) })} />
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/** One file of the upload zone, from choosing it until it is an import (or failed). */
export interface UploadRow {
  key: number;
  /** The files chosen together share a batch; a later choice has a higher one. */
  batch: number;
  name: string;
  size: number;
  loaded: number;
  state: 'waiting' | 'uploading' | 'error';
  error?: string;
}

/**
 * The upload rows once upload `key` has succeeded: it leaves, and so do the error boxes of files
 * chosen before it (the user has moved on); errors of its own choice stay beside it.
 */
export function settleUpload(rows: readonly UploadRow[], key: number): UploadRow[] {
  const done = rows.find((r) => r.key === key);
  return rows.filter((r) => r.key !== key && !(done && r.state === 'error' && r.batch < done.batch));
}

/** The upload zone: drop or choose one or many .siks files. */
export function UploadZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const t = useT();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  };
  return (
    <section className="card upload-section" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('import.upload.title')}</h2>
      <div
        className={over ? 'dropzone dropzone-over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{t('import.upload.drop')}</p>
        <input
          id={inputId}
          type="file"
          accept=".siks"
          multiple
          className="dropzone-input"
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = ''; // the same file may be chosen again later
            if (files.length > 0) onFiles(files);
          }}
        />
        <label htmlFor={inputId} className="btn btn-primary">
          {t('import.upload.choose')}
        </label>
        <p id={`${inputId}-hint`} className="hint">
          {t('import.upload.hint')}
        </p>
      </div>
    </section>
  );
}

export function UploadRows({ rows, onDismiss }: { rows: readonly UploadRow[]; onDismiss: (key: number) => void }) {
  const t = useT();
  const locale = useLocale();
  if (rows.length === 0) return null;
  return (
    <ul className="upload-rows" aria-label={t('import.uploads')}>
      {rows.map((r) => {
        const pct = r.size > 0 ? percent(r.loaded / r.size) : 0;
        return (
          <li key={r.key} className={`upload-row upload-${r.state}`}>
            <span className="import-file">{r.name}</span> <span className="muted">({formatFileSize(r.size, locale)})</span>
            {r.state === 'error' ? (
              <>
                <p className="field-error" role="alert">
                  {t('import.uploadFailed', { file: r.name })} {r.error}
                </p>
                <button type="button" className="btn btn-small" onClick={() => onDismiss(r.key)}>
                  {t('import.dismiss')}
                  <span className="visually-hidden"> {r.name}</span>
                </button>
              </>
            ) : (
              <div className="import-progress">
                <progress max={100} value={r.state === 'waiting' ? 0 : pct} aria-label={t('import.uploadLabel', { file: r.name })} />
                <span aria-hidden="true">{r.state === 'waiting' ? t('import.uploadWaiting') : t('import.uploading', { pct })}</span>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Polls the given active imports every second; calls `onUpdate` with each fresh state. */
function usePolling(activeIds: readonly string[], onUpdate: (item: ImportDetail) => void): void {
  const key = activeIds.join(',');
  const update = useRef(onUpdate);
  update.current = onUpdate;
  useEffect(() => {
    if (key === '') return;
    const ids = key.split(',');
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await Promise.all(
        ids.map((id) =>
          importsApi.get(id, ctrl.signal).then(
            (d) => update.current(d),
            () => undefined, // a failed poll is retried on the next tick
          ),
        ),
      );
      if (!ctrl.signal.aborted) timer = setTimeout(() => void tick(), POLL_MS);
    };
    timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [key]);
}

function pageOf(search: string): number {
  const raw = new URLSearchParams(search).get('page') ?? '';
  return /^\d{1,6}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
}

function ImportList() {
  const t = useT();
  const locale = useLocale();
  useDocumentTitle(t('import.title'));
  const { search } = useLocation();
  const page = pageOf(search);
  const list = useData((signal) => importsApi.list(page, IMPORT_PAGE_SIZE, signal), [page]);
  const { data, setData, reload } = list;
  const [uploads, setUploads] = useState<UploadRow[]>([]);
  const nextKey = useRef(1);
  const nextBatch = useRef(1);
  const queue = useRef<{ key: number; file: File }[]>([]);
  const running = useRef(0);
  const pageRef = useRef(page);
  pageRef.current = page;

  const merge = useCallback(
    (item: ImportItem) => {
      setData((d) => {
        if (!d) return d;
        const at = d.items.findIndex((i) => i.id === item.id);
        if (at >= 0) {
          const items = [...d.items];
          items[at] = item;
          return { ...d, items };
        }
        // A new upload: newest first on page 1; elsewhere it shows when going back to page 1.
        if (pageRef.current !== 1) return { ...d, total: d.total + 1 };
        return { ...d, items: [item, ...d.items].slice(0, IMPORT_PAGE_SIZE), total: d.total + 1 };
      });
    },
    [setData],
  );

  usePolling(
    (data?.items ?? []).filter((i) => isImportActive(i.status)).map((i) => i.id),
    merge,
  );

  const patch = useCallback(
    (key: number, p: Partial<UploadRow>) => setUploads((rows) => rows.map((r) => (r.key === key ? { ...r, ...p } : r))),
    [],
  );

  const pump = useCallback(() => {
    while (running.current < UPLOAD_CONCURRENCY && queue.current.length > 0) {
      const job = queue.current.shift()!;
      running.current++;
      patch(job.key, { state: 'uploading' });
      uploadImport(job.file, job.file.name, (p) => patch(job.key, { loaded: p.loaded }))
        .then(async ({ id }) => {
          setUploads((rows) => settleUpload(rows, job.key));
          // Shown at once; if its state cannot be read now, through a reload of the list.
          await importsApi.get(id).then(merge, reload);
        })
        .catch((e: unknown) => patch(job.key, { state: 'error', error: errorText(e) }))
        .finally(() => {
          running.current--;
          pump();
        });
    }
  }, [merge, patch, reload]);

  const onFiles = (files: File[]) => {
    const rows: UploadRow[] = [];
    const batch = nextBatch.current++;
    for (const file of files) {
      const key = nextKey.current++;
      const problem = checkSiksFile(file, t);
      rows.push({ key, batch, name: file.name, size: file.size, loaded: 0, state: problem ? 'error' : 'waiting', error: problem });
      if (!problem) queue.current.push({ key, file });
    }
    setUploads((prev) => [...prev, ...rows]);
    pump();
  };

  return (
    <>
      <UploadZone onFiles={onFiles} />
      <UploadRows rows={uploads} onDismiss={(key) => setUploads((rows) => rows.filter((r) => r.key !== key))} />
      <section className="import-history" aria-labelledby="import-history-title">
        <h2 id="import-history-title">{t('import.history')}</h2>
        {data && data.items.length > 0 && <ExportButtons download={(format) => exportsApi.imports(format)} />}
        {list.error && <ErrorBox message={list.error} onRetry={reload} />}
        {!data && !list.error && <Loading />}
        {data && data.items.length === 0 && <p className="muted">{t('import.empty')}</p>}
        {data && data.items.length > 0 && (
          <>
            <p className="result-count">{t('import.total', { total: formatNumber(data.total, locale) })}</p>
            <div className="import-list">
              {data.items.map((item) => (
                <ImportCard key={item.id} item={item} />
              ))}
            </div>
          </>
        )}
        {data && data.total > IMPORT_PAGE_SIZE && (
          <Pagination
            page={page}
            pageSize={data.pageSize || IMPORT_PAGE_SIZE}
            total={data.total}
            onPage={(p) => navigate(p > 1 ? `/import?page=${p}` : '/import')}
          />
        )}
      </section>
    </>
  );
}

/** /import/:id: one import with its failed proposals and their errors. */
function ImportDetailView({ id }: { id: string }) {
  const t = useT();
  const detail = useData((signal) => importsApi.get(id, signal), [id]);
  const item = detail.data;
  const title = item ? t('import.detailTitle', { file: item.fileName }) : t('import.title');
  useDocumentTitle(title);

  usePolling(item && isImportActive(item.status) ? [item.id] : [], detail.setData);

  // "#gagal": bring the failed proposals into view once they are there.
  const scrolled = useRef(false);
  const loaded = item !== null;
  useEffect(() => {
    if (!loaded || scrolled.current || window.location.hash !== '#gagal') return;
    const el = document.getElementById('gagal');
    if (el) {
      scrolled.current = true;
      el.scrollIntoView();
    }
  }, [loaded]);

  return (
    <div className="import-page">
      <p className="back">
        <Link to="/import">← {t('import.back')}</Link>
      </p>
      <h1>{title}</h1>
      {detail.error && <ErrorBox message={detail.error} onRetry={detail.reload} />}
      {!item && !detail.error && <Loading />}
      {item && (
        <>
          <ImportCard item={item} detailLink={false} />
          {item.status === 'DONE' && <FailedProposals item={item} />}
        </>
      )}
    </div>
  );
}

/** The /import and /import/:id pages (import:run; the API refuses others anyway). */
export function ImportPage({ id }: { id?: string }) {
  const t = useT();
  const allowed = useCan()('import:run');
  if (!allowed) return <Forbidden title={t('import.title')} message={t('verval.forbidden')} />;
  if (id !== undefined) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return <Forbidden title={t('import.title')} message={t('page.notFound.text')} />;
    return <ImportDetailView key={id} id={id} />;
  }
  return (
    <div className="import-page">
      <h1>{t('import.title')}</h1>
      <p className="lead">{t('import.intro')}</p>
      <ImportRules />
      <ImportList />
    </div>
  );
}

export default ImportPage;

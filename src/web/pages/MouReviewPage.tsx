// C3 "Verifikasi MoU" (/mou-review, PFM): the queue of uploaded MoUs, oldest first; each opens
// (/mou-review/:id) with both scans shown, to approve or to return with a message, after a
// confirmation. The queue and the review share one component so that the result message stays
// when going back to the queue.
import { useEffect, useId, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { mouApi, mouScanUrl, type MouQueueItem, type MouScan, type MouStatus } from '../api/mou.ts';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { ErrorBox, Flash, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatNumber, formatRegionCode } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { Link, navigate } from '../router.tsx';
import { useCan } from '../lib/abilities.ts';
import { useData } from '../lib/useData.ts';
import { errorText } from '../lib/errors.ts';
import '../account.css';
import '../mou.css';

const STATE_KEYS: Record<MouStatus['state'], MessageKey> = {
  NOT_UPLOADED: 'mouReview.state.NOT_UPLOADED',
  WAITING: 'mouReview.state.WAITING',
  RETURNED: 'mouReview.state.RETURNED',
  APPROVED: 'mouReview.state.APPROVED',
};

/** The queue: district, uploaded at, by, and a link to review each. */
export function MouQueueTable({ items }: { items: readonly MouQueueItem[] }) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<MouQueueItem>[] = [
    {
      key: 'district',
      header: t('mouReview.col.district'),
      rowHeader: true,
      cell: (m) => (
        <>
          {m.kab_name} <span className="muted mono">{formatRegionCode(m.kab_kota)}</span>
        </>
      ),
    },
    { key: 'submitted', header: t('mouReview.col.submitted'), className: 'nowrap', cell: (m) => formatDateTime(m.submitted_at, locale) },
    { key: 'by', header: t('mouReview.col.by'), cell: (m) => m.submitted_by ?? '–' },
    {
      key: 'action',
      header: t('mouReview.col.action'),
      cell: (m) => (
        <Link to={`/mou-review/${m.id}`} className="btn btn-small" aria-label={t('mouReview.openLabel', { name: m.kab_name })}>
          {t('mouReview.open')}
        </Link>
      ),
    },
  ];
  return (
    <DataTable
      idPrefix="mou-queue"
      caption={`${t('mouReview.caption')} (${formatNumber(items.length, locale)})`}
      columns={columns}
      rows={items}
      rowKey={(m) => m.id}
      empty={t('mouReview.empty')}
      scrollable={false}
    />
  );
}

/** One scan, shown fitted, opening at full size in a new tab. */
function Scan({ id, scan, name }: { id: number; scan: MouScan; name: string }) {
  const t = useT();
  const label = t(scan === 'mou' ? 'mou.fileMou' : 'mou.filePermohonan');
  const url = mouScanUrl(id, scan);
  return (
    <figure className="scan">
      <a href={url} target="_blank" rel="noopener noreferrer" aria-label={t('mouReview.openFull', { scan: label })}>
        <img src={url} alt={t('mouReview.scanAlt', { scan: label, name })} />
      </a>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

type Pending = { decision: 'APPROVE' | 'RETURN'; message: string } | null;

/** The review of one submission: both scans, the message, "Setujui" and "Kembalikan". */
export function MouReview({ id, item, onDone }: { id: number; item: MouQueueItem | undefined; onDone: (message: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const fid = useId();
  const submission = useData((signal) => mouApi.submission(id, signal), [id]);
  const status = submission.data;
  const loadError = submission.error;
  const [message, setMessage] = useState('');
  const [messageError, setMessageError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Not in the queue (already reviewed, or the queue is loading): the district's name from the regions.
  const [regionName, setRegionName] = useState<string | null>(null);
  const kab = status?.kab;
  useEffect(() => {
    if (item || !kab) return;
    let live = true;
    api.regions(kab.slice(0, 2)).then(
      (list) => live && setRegionName(list.find((r) => r.code === kab)?.name ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [item, kab]);
  const name = item?.kab_name ?? regionName ?? (status ? formatRegionCode(status.kab) : '');
  useDocumentTitle(name ? t('mouReview.detailTitle', { name }) : t('mouReview.title'));

  const back = (
    <p className="back">
      <Link to="/mou-review">← {t('mouReview.back')}</Link>
    </p>
  );
  if (loadError) {
    return (
      <div>
        {back}
        <h1>{t('mouReview.title')}</h1>
        <ErrorBox message={loadError} />
      </div>
    );
  }
  if (!status) return <Loading />;

  const waiting = status.state === 'WAITING';
  const ask = (decision: 'APPROVE' | 'RETURN') => {
    setError(null);
    if (decision === 'RETURN' && message.trim() === '') {
      setMessageError(t('mouReview.err.message'));
      document.getElementById(`${fid}-message`)?.focus();
      return;
    }
    setMessageError(null);
    setPending({ decision, message: message.trim() });
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await mouApi.review(id, pending.decision, pending.decision === 'RETURN' ? pending.message : undefined);
      setPending(null);
      onDone(t(pending.decision === 'APPROVE' ? 'mouReview.approved' : 'mouReview.returned', { name }));
    } catch (e) {
      setPending(null);
      setError(errorText(e));
      // Reviewed meanwhile (elsewhere): show its current state.
      if (e instanceof ApiError && e.code === 'MOU_NOT_WAITING') submission.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mou-review">
      {back}
      <h1>{t('mouReview.detailTitle', { name })}</h1>
      <p className="lead">
        {status.submittedAt &&
          (item?.submitted_by
            ? t('mouReview.submittedBy', { date: formatDateTime(status.submittedAt, locale), by: item.submitted_by })
            : t('mouReview.submitted', { date: formatDateTime(status.submittedAt, locale) }))}{' '}
        {t('mouReview.state', { state: t(STATE_KEYS[status.state]) })}
      </p>
      <p className="hint">{t('mouReview.fullSizeHint')}</p>
      <div className="scans">
        <Scan id={id} scan="mou" name={name} />
        <Scan id={id} scan="permohonan" name={name} />
      </div>
      {error && <ErrorBox message={error} />}
      {!waiting && <p className="alert alert-info">{t('mouReview.notWaiting')}</p>}
      {waiting && (
        <section className="card review-decision" aria-labelledby={`${fid}-decision`}>
          <h2 id={`${fid}-decision`}>{t('mouReview.decisionTitle')}</h2>
          <div className="field">
            <label htmlFor={`${fid}-message`}>{t('mouReview.message')}</label>
            <textarea
              id={`${fid}-message`}
              rows={3}
              maxLength={1000}
              value={message}
              aria-invalid={!!messageError}
              aria-describedby={[`${fid}-hint`, messageError ? `${fid}-error` : ''].filter(Boolean).join(' ')}
              onChange={(e) => {
                setMessage(e.target.value);
                if (messageError && e.target.value.trim() !== '') setMessageError(null);
              }}
            />
            <small id={`${fid}-hint`} className="hint">
              {t('mouReview.messageHint')}
            </small>
            {messageError && (
              <small id={`${fid}-error`} className="field-error">
                {messageError}
              </small>
            )}
          </div>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => ask('APPROVE')}>
              {t('mouReview.approve')}
            </button>
            <button type="button" className="btn btn-secondary btn-danger" disabled={busy} onClick={() => ask('RETURN')}>
              {t('mouReview.return')}
            </button>
          </div>
        </section>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={t(pending?.decision === 'RETURN' ? 'mouReview.confirmReturnTitle' : 'mouReview.confirmApproveTitle')}
        message={
          pending?.decision === 'RETURN'
            ? t('mouReview.confirmReturn', { name, message: pending.message })
            : pending
              ? t('mouReview.confirmApprove', { name })
              : ''
        }
        confirmLabel={t(pending?.decision === 'RETURN' ? 'mouReview.return' : 'mouReview.approve')}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}

/** The /mou-review and /mou-review/:id pages (PFM only; the API refuses others anyway). */
export function MouReviewPage({ id }: { id?: string }) {
  const t = useT();
  const can = useCan();
  const allowed = can('mou:review');
  const queue = useData((signal) => mouApi.queue(signal), [], allowed);
  const [flash, setFlash] = useState<string | null>(null);
  const reviewing = id !== undefined;

  // A new review clears the message of the previous one.
  useEffect(() => {
    if (id !== undefined) setFlash(null);
  }, [id]);

  if (!allowed) return <Forbidden title={t('mouReview.title')} message={t('mouReview.forbidden')} />;

  if (reviewing) {
    const n = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : NaN;
    if (Number.isNaN(n)) return <Forbidden title={t('mouReview.title')} message={t('page.notFound.text')} />;
    // The queue may still be loading: the review shows the district code until then.
    return (
      <MouReview
        key={n}
        id={n}
        item={queue.data?.find((m) => m.id === n)}
        onDone={(message) => {
          setFlash(message);
          queue.reload();
          navigate('/mou-review');
        }}
      />
    );
  }

  return <QueueView items={queue.data} error={queue.error} flash={flash} onRetry={queue.reload} />;
}

/** The queue page's body: the list and its export once loaded. */
export function QueueView({
  items,
  error,
  flash,
  onRetry,
}: {
  items: MouQueueItem[] | null;
  error: string | null;
  flash: string | null;
  onRetry: () => void;
}) {
  const t = useT();
  useDocumentTitle(t('mouReview.title'));
  return (
    <div className="mou-queue">
      <h1>{t('mouReview.title')}</h1>
      <p className="lead">{t('mouReview.intro')}</p>
      <Flash message={flash} />
      {error && <ErrorBox message={error} onRetry={onRetry} />}
      {!items && !error && <Loading />}
      {items && items.length > 0 && <ExportButtons download={(format) => exportsApi.mouQueue(format)} />}
      {items && <MouQueueTable items={items} />}
    </div>
  );
}

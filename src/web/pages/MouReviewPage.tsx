// C3 "Verifikasi MoU" (/mou-review, PFM): the queue of uploaded MoUs, oldest first; each opens
// (/mou-review/:id) with both scans shown, to approve or to return with a message, after a
// confirmation. The queue and the review share one component so that the result message stays
// when going back to the queue.
import { useEffect, useId, useState } from 'react';
import { ApiError, api, isAbort } from '../api/client.ts';
import { mouApi, mouScanUrl, type MouQueueItem, type MouScan, type MouStatus } from '../api/mou.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatNumber, formatRegionCode } from '../format.ts';
import { translate, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.ts';
import '../account.css';
import '../mou.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));

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
  if (items.length === 0) return <p className="muted">{t('mouReview.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>
          {t('mouReview.caption')} ({formatNumber(items.length, locale)})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('mouReview.col.district')}</th>
            <th scope="col">{t('mouReview.col.submitted')}</th>
            <th scope="col">{t('mouReview.col.by')}</th>
            <th scope="col">{t('mouReview.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                {m.kab_name} <span className="muted mono">{formatRegionCode(m.kab_kota)}</span>
              </th>
              <td className="nowrap">{formatDateTime(m.submitted_at, locale)}</td>
              <td>{m.submitted_by ?? '–'}</td>
              <td>
                <Link to={`/mou-review/${m.id}`} className="btn btn-small" aria-label={t('mouReview.openLabel', { name: m.kab_name })}>
                  {t('mouReview.open')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
  const [status, setStatus] = useState<MouStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [messageError, setMessageError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    mouApi.submission(id, ctrl.signal).then(setStatus, (e: unknown) => !isAbort(e) && setLoadError(messageOf(e)));
    return () => ctrl.abort();
  }, [id]);

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
      setError(messageOf(e));
      if (e instanceof ApiError && e.code === 'MOU_NOT_WAITING') mouApi.submission(id).then(setStatus, () => undefined);
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
  const { me } = useSession();
  const [items, setItems] = useState<MouQueueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const allowed = me.role === 'PFM';
  const reviewing = id !== undefined;

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setError(null);
    mouApi.queue(ctrl.signal).then(setItems, (e: unknown) => !isAbort(e) && setError(messageOf(e)));
    return () => ctrl.abort();
  }, [allowed, attempt]);

  // A new review clears the message of the previous one.
  useEffect(() => {
    if (reviewing) setFlash(null);
  }, [reviewing, id]);

  if (!allowed) {
    return (
      <div>
        <h1>{t('mouReview.title')}</h1>
        <p className="alert alert-error">{t('mouReview.forbidden')}</p>
      </div>
    );
  }

  if (reviewing) {
    const n = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : NaN;
    if (Number.isNaN(n)) {
      return (
        <div>
          <h1>{t('mouReview.title')}</h1>
          <p className="alert alert-error">{t('page.notFound.text')}</p>
        </div>
      );
    }
    // The queue may still be loading: the review shows the district code until then.
    return (
      <MouReview
        key={n}
        id={n}
        item={items?.find((m) => m.id === n)}
        onDone={(message) => {
          setFlash(message);
          setAttempt((a) => a + 1);
          navigate('/mou-review');
        }}
      />
    );
  }

  return <QueueView items={items} error={error} flash={flash} onRetry={() => setAttempt((a) => a + 1)} />;
}

function QueueView({
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
      <p className="alert alert-ok" role="status" hidden={!flash}>
        {flash}
      </p>
      {error && <ErrorBox message={error} onRetry={onRetry} />}
      {!items && !error && <Loading />}
      {items && <MouQueueTable items={items} />}
    </div>
  );
}

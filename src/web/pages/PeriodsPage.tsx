// C2 "Periode" (/periode, PUSDATIN): the verval periods with their status, a form to open one
// (code, name defaulting to "BDT <Bulan> <Tahun>", SK Mensos number, dates) and "Tutup periode"
// after a confirmation.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, isAbort } from '../api/client.ts';
import { periodsApi, type Period } from '../api/mou.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { translate, useLocale, useT } from '../i18n/index.ts';
import { periodName, suggestPeriodCode, validatePeriodForm, type PeriodFormErrors, type PeriodFormValues } from '../periods.ts';
import { useSession } from '../session.ts';
import '../account.css';
import '../mou.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));

const EMPTY: PeriodFormValues = { code: '', name: '', skNumber: '', startsOn: '', endsOn: '' };
const FIELDS = ['code', 'name', 'skNumber', 'startsOn', 'endsOn'] as const;

/** The form that opens a period. The name follows the code until the user edits it. */
export function OpenPeriodForm({
  existing,
  open,
  onOpened,
}: {
  existing: readonly string[];
  open: Period | undefined;
  onOpened: (p: Period) => void;
}) {
  const t = useT();
  const id = useId();
  const [v, setV] = useState<PeriodFormValues>(EMPTY);
  const [nameEdited, setNameEdited] = useState(false);
  const [errors, setErrors] = useState<PeriodFormErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const example = suggestPeriodCode(existing, new Date());
  const shownName = nameEdited ? v.name : periodName(v.code);

  const set = (field: keyof PeriodFormValues, value: string) => {
    setV((prev) => ({ ...prev, [field]: value }));
    if (errors[field]) setErrors((prev) => ({ ...prev, [field]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const values = { ...v, name: shownName };
    const found = validatePeriodForm(values, existing, t);
    setErrors(found);
    setServerError(null);
    const first = FIELDS.find((f) => found[f]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const p = await periodsApi.open({
        code: values.code.trim(),
        ...(values.name.trim() ? { name: values.name.trim() } : {}),
        ...(values.skNumber.trim() ? { skNumber: values.skNumber.trim() } : {}),
        startsOn: values.startsOn,
        endsOn: values.endsOn,
      });
      setV(EMPTY);
      setNameEdited(false);
      onOpened(p);
    } catch (err) {
      setServerError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const describedBy = (field: keyof PeriodFormValues, hint?: string) =>
    [hint, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: keyof PeriodFormValues) =>
    errors[field] ? (
      <small id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </small>
    ) : null;

  return (
    <form className="card period-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('periods.openTitle')}</h2>
      {open && <p className="alert alert-info">{t('periods.openNotice', { name: open.name })}</p>}
      {serverError && <ErrorBox message={serverError} />}
      <div className="period-grid">
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('periods.field.code')}</label>
          <input
            id={`${id}-code`}
            value={v.code}
            inputMode="numeric"
            maxLength={7}
            placeholder={example}
            autoComplete="off"
            aria-invalid={!!errors.code}
            aria-describedby={describedBy('code', `${id}-code-hint`)}
            onChange={(e) => set('code', e.target.value)}
          />
          <small id={`${id}-code-hint`} className="hint">
            {t('periods.field.codeHint', { example })}
          </small>
          {fieldError('code')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('periods.field.name')}</label>
          <input
            id={`${id}-name`}
            value={shownName}
            maxLength={100}
            autoComplete="off"
            aria-invalid={!!errors.name}
            aria-describedby={describedBy('name', `${id}-name-hint`)}
            onChange={(e) => {
              setNameEdited(true);
              set('name', e.target.value);
            }}
          />
          <small id={`${id}-name-hint`} className="hint">
            {t('periods.field.nameHint')}
          </small>
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-skNumber`}>{t('periods.field.sk')}</label>
          <input
            id={`${id}-skNumber`}
            value={v.skNumber}
            maxLength={100}
            autoComplete="off"
            aria-invalid={!!errors.skNumber}
            aria-describedby={describedBy('skNumber')}
            onChange={(e) => set('skNumber', e.target.value)}
          />
          {fieldError('skNumber')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-startsOn`}>{t('periods.field.startsOn')}</label>
          <input
            id={`${id}-startsOn`}
            type="date"
            value={v.startsOn}
            aria-invalid={!!errors.startsOn}
            aria-describedby={describedBy('startsOn')}
            onChange={(e) => set('startsOn', e.target.value)}
          />
          {fieldError('startsOn')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-endsOn`}>{t('periods.field.endsOn')}</label>
          <input
            id={`${id}-endsOn`}
            type="date"
            value={v.endsOn}
            min={v.startsOn || undefined}
            aria-invalid={!!errors.endsOn}
            aria-describedby={describedBy('endsOn')}
            onChange={(e) => set('endsOn', e.target.value)}
          />
          {fieldError('endsOn')}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('periods.busy') : t('periods.submit')}
        </button>
      </div>
    </form>
  );
}

/** The periods with their status and the close action of the open one. */
export function PeriodsTable({
  items,
  onClose,
  busyCode,
}: {
  items: readonly Period[];
  onClose: (p: Period) => void;
  busyCode: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  if (items.length === 0) return <p className="muted">{t('periods.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t('periods.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('periods.col.code')}</th>
            <th scope="col">{t('periods.col.name')}</th>
            <th scope="col">{t('periods.col.sk')}</th>
            <th scope="col">{t('periods.col.range')}</th>
            <th scope="col">{t('periods.col.status')}</th>
            <th scope="col">{t('periods.col.opened')}</th>
            <th scope="col">{t('periods.col.closed')}</th>
            <th scope="col">{t('periods.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.code}>
              <td className="mono nowrap">{p.code}</td>
              <th scope="row" className="nowrap">
                {p.name}
              </th>
              <td>{p.sk_number ?? '–'}</td>
              <td>{t('periods.range', { from: formatDate(p.starts_on, locale), to: formatDate(p.ends_on, locale) })}</td>
              <td>
                <span className={p.status === 'OPEN' ? 'badge badge-active' : 'badge badge-inactive'}>
                  {t(p.status === 'OPEN' ? 'periods.status.OPEN' : 'periods.status.CLOSED')}
                </span>
              </td>
              <td>{formatDateTime(p.opened_at, locale)}</td>
              <td>{p.closed_at ? formatDateTime(p.closed_at, locale) : '–'}</td>
              <td className="nowrap">
                {p.status === 'OPEN' && (
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    aria-label={t('periods.closeLabel', { name: p.name })}
                    disabled={busyCode === p.code}
                    onClick={() => onClose(p)}
                  >
                    {t('periods.close')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The /periode page (PUSDATIN only; the API refuses others anyway). */
export function PeriodsPage() {
  const t = useT();
  const { me } = useSession();
  useDocumentTitle(t('periods.title'));
  const [items, setItems] = useState<Period[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [closing, setClosing] = useState<Period | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = me.role === 'PUSDATIN';

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setError(null);
    periodsApi.list(ctrl.signal).then(setItems, (e: unknown) => !isAbort(e) && setError(messageOf(e)));
    return () => ctrl.abort();
  }, [allowed, attempt]);

  if (!allowed) {
    return (
      <div>
        <h1>{t('periods.title')}</h1>
        <p className="alert alert-error">{t('periods.forbidden')}</p>
      </div>
    );
  }

  const reload = () => setAttempt((a) => a + 1);
  const close = async () => {
    if (!closing) return;
    setBusy(true);
    setError(null);
    try {
      await periodsApi.close(closing.code);
      setFlash(t('periods.closed', { name: closing.name }));
      setClosing(null);
      reload();
    } catch (e) {
      setClosing(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="periods-page">
      <h1>{t('periods.title')}</h1>
      <p className="lead">{t('periods.intro')}</p>
      <p className="alert alert-ok" role="status" hidden={!flash}>
        {flash}
      </p>
      {error && <ErrorBox message={error} onRetry={reload} />}
      {!items && !error && <Loading />}
      {items && <PeriodsTable items={items} busyCode={busy ? (closing?.code ?? null) : null} onClose={(p) => setClosing(p)} />}
      {items && (
        <OpenPeriodForm
          existing={items.map((p) => p.code)}
          open={items.find((p) => p.status === 'OPEN')}
          onOpened={(p) => {
            setFlash(t('periods.opened', { name: p.name }));
            reload();
          }}
        />
      )}
      <ConfirmDialog
        open={closing !== null}
        title={t('periods.confirmCloseTitle')}
        message={closing ? t('periods.confirmClose', { name: closing.name }) : ''}
        confirmLabel={t('periods.close')}
        busy={busy}
        onConfirm={() => void close()}
        onCancel={() => setClosing(null)}
      />
    </div>
  );
}

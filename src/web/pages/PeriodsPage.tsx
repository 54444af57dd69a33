// C2 "Periode" (/periode, PUSDATIN): the verval periods with their status, a form to open one
// (code, name defaulting to "BDT <Bulan> <Tahun>", SK Mensos number, dates) and "Tutup periode"
// after a confirmation.
import { useId, useState, type FormEvent } from 'react';
import { periodsApi, type Period } from '../api/mou.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { fieldErrors } from '../components/FieldErrors.tsx';
import { ErrorBox, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { periodName, suggestPeriodCode, validatePeriodForm, type PeriodFormErrors, type PeriodFormValues } from '../periods.ts';
import { useCan } from '../lib/abilities.ts';
import { errorText } from '../lib/errors.ts';
import { useData, useMutation } from '../lib/useData.ts';
import '../account.css';
import '../mou.css';

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
      setServerError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const { describedBy, error: fieldError } = fieldErrors<keyof PeriodFormValues>(id, errors);

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
  const columns: Column<Period>[] = [
    { key: 'code', header: t('periods.col.code'), cell: (p) => p.code, className: 'mono nowrap' },
    { key: 'name', header: t('periods.col.name'), cell: (p) => p.name, rowHeader: true, className: 'nowrap' },
    { key: 'sk', header: t('periods.col.sk'), cell: (p) => p.sk_number ?? '–' },
    {
      key: 'range',
      header: t('periods.col.range'),
      cell: (p) => t('periods.range', { from: formatDate(p.starts_on, locale), to: formatDate(p.ends_on, locale) }),
    },
    {
      key: 'status',
      header: t('periods.col.status'),
      cell: (p) => (
        <span className={p.status === 'OPEN' ? 'badge badge-active' : 'badge badge-inactive'}>
          {t(p.status === 'OPEN' ? 'periods.status.OPEN' : 'periods.status.CLOSED')}
        </span>
      ),
    },
    { key: 'opened', header: t('periods.col.opened'), cell: (p) => formatDateTime(p.opened_at, locale) },
    { key: 'closed', header: t('periods.col.closed'), cell: (p) => (p.closed_at ? formatDateTime(p.closed_at, locale) : '–') },
    {
      key: 'action',
      header: t('periods.col.action'),
      className: 'nowrap',
      cell: (p) =>
        p.status === 'OPEN' && (
          <button
            type="button"
            className="btn btn-small btn-danger"
            aria-label={t('periods.closeLabel', { name: p.name })}
            disabled={busyCode === p.code}
            onClick={() => onClose(p)}
          >
            {t('periods.close')}
          </button>
        ),
    },
  ];
  return (
    <DataTable
      idPrefix="periods"
      caption={t('periods.caption')}
      columns={columns}
      rows={items}
      rowKey={(p) => p.code}
      empty={t('periods.empty')}
      scrollable={false}
    />
  );
}

/** The /periode page (users holding periods:manage; the API refuses others anyway). */
export function PeriodsPage() {
  const t = useT();
  const can = useCan();
  useDocumentTitle(t('periods.title'));
  const allowed = can('periods:manage');
  const periods = useData((signal) => periodsApi.list(signal), [], allowed);
  const [flash, setFlash] = useState<string | null>(null);
  const [closing, setClosing] = useState<Period | null>(null);
  const closeCall = useMutation((p: Period) => periodsApi.close(p.code));

  if (!allowed) return <Forbidden title={t('periods.title')} message={t('periods.forbidden')} />;

  const items = periods.data;
  const close = async () => {
    if (!closing) return;
    const r = await closeCall.run(closing);
    if (r.ok) setFlash(t('periods.closed', { name: closing.name }));
    setClosing(null);
    periods.reload();
  };

  return (
    <div className="periods-page">
      <h1>{t('periods.title')}</h1>
      <p className="lead">{t('periods.intro')}</p>
      <p className="alert alert-ok" role="status" hidden={!flash}>
        {flash}
      </p>
      {closeCall.error && <ErrorBox message={closeCall.error} />}
      {periods.error && <ErrorBox message={periods.error} onRetry={periods.reload} />}
      {!items && !periods.error && <Loading />}
      {items && <PeriodsTable items={items} busyCode={closeCall.busy ? (closing?.code ?? null) : null} onClose={(p) => setClosing(p)} />}
      {items && (
        <OpenPeriodForm
          existing={items.map((p) => p.code)}
          open={items.find((p) => p.status === 'OPEN')}
          onOpened={(p) => {
            setFlash(t('periods.opened', { name: p.name }));
            periods.reload();
          }}
        />
      )}
      <ConfirmDialog
        open={closing !== null}
        title={t('periods.confirmCloseTitle')}
        message={closing ? t('periods.confirmClose', { name: closing.name }) : ''}
        confirmLabel={t('periods.close')}
        danger
        busy={closeCall.busy}
        onConfirm={() => void close()}
        onCancel={() => setClosing(null)}
      />
    </div>
  );
}

// C2 "Periode" (/periode, PUSDATIN): the verval periods with their status, a form to open one
// (code, name defaulting to "BDT <Bulan> <Tahun>", SK Mensos number, dates) and "Tutup periode"
// after a confirmation.
import { useId, useState, type FormEvent } from 'react';
import { periodsApi, type Period } from '../api/mou.ts';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';
import { ConfirmItem } from '../components/ConfirmDialog.tsx';
import { DataTable, tableTexts, type Column } from '../components/DataTable.tsx';
import { ErrorBox, Flash, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { FormField, TextField } from '../components/TextField.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { periodName, suggestPeriodCode, validatePeriodForm, type PeriodFormErrors, type PeriodFormValues } from '../periods.ts';
import { useCan } from '../lib/abilities.ts';
import { errorText } from '../lib/errors.ts';
import { useConfirmed, useData } from '../lib/useData.ts';
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

  return (
    <form className="card period-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('periods.openTitle')}</h2>
      {open && <p className="alert alert-info">{t('periods.openNotice', { name: open.name })}</p>}
      {serverError && <ErrorBox message={serverError} />}
      <div className="period-grid">
        <FormField id={`${id}-code`} label={t('periods.field.code')} hint={t('periods.field.codeHint', { example })} error={errors.code}>
          {(control) => (
            <input
              {...control}
              value={v.code}
              inputMode="numeric"
              maxLength={7}
              placeholder={example}
              autoComplete="off"
              onChange={(e) => set('code', e.target.value)}
            />
          )}
        </FormField>
        <TextField
          id={`${id}-name`}
          label={t('periods.field.name')}
          hint={t('periods.field.nameHint')}
          error={errors.name}
          value={shownName}
          maxLength={100}
          onChange={(name) => {
            setNameEdited(true);
            set('name', name);
          }}
        />
        <TextField
          id={`${id}-skNumber`}
          label={t('periods.field.sk')}
          error={errors.skNumber}
          value={v.skNumber}
          maxLength={100}
          onChange={(sk) => set('skNumber', sk)}
        />
        <FormField id={`${id}-startsOn`} label={t('periods.field.startsOn')} error={errors.startsOn}>
          {(control) => <input {...control} type="date" value={v.startsOn} onChange={(e) => set('startsOn', e.target.value)} />}
        </FormField>
        <FormField id={`${id}-endsOn`} label={t('periods.field.endsOn')} error={errors.endsOn}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={v.endsOn}
              min={v.startsOn || undefined}
              onChange={(e) => set('endsOn', e.target.value)}
            />
          )}
        </FormField>
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
  return <DataTable {...tableTexts(t, 'periods')} columns={columns} rows={items} rowKey={(p) => p.code} scrollable={false} />;
}

/** The /periode page (users holding periods:manage; the API refuses others anyway). */
export function PeriodsPage() {
  const t = useT();
  const can = useCan();
  useDocumentTitle(t('periods.title'));
  const allowed = can('periods:manage');
  const periods = useData((signal) => periodsApi.list(signal), [], allowed);
  const [flash, setFlash] = useState<string | null>(null);
  const closing = useConfirmed(
    (p: Period) => periodsApi.close(p.code),
    (p, ok) => {
      if (ok) setFlash(t('periods.closed', { name: p.name }));
      periods.reload();
    },
  );

  if (!allowed) return <Forbidden title={t('periods.title')} message={t('periods.forbidden')} />;

  const items = periods.data;

  return (
    <div className="periods-page">
      <h1>{t('periods.title')}</h1>
      <p className="lead">{t('periods.intro')}</p>
      <Flash message={flash} />
      {closing.error && <ErrorBox message={closing.error} />}
      {periods.error && <ErrorBox message={periods.error} onRetry={periods.reload} />}
      {!items && !periods.error && <Loading />}
      {items && <ExportButtons download={(format) => exportsApi.periods(format)} />}
      {items && <PeriodsTable items={items} busyCode={closing.busy ? (closing.item?.code ?? null) : null} onClose={closing.ask} />}
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
      <ConfirmItem
        confirmed={closing}
        title={t('periods.confirmCloseTitle')}
        message={(x) => t('periods.confirmClose', { name: x.name })}
        confirmLabel={t('periods.close')}
      />
    </div>
  );
}

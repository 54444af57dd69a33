// C4 "Kuota" (/kuota, Ditjen PFM): the BPNT, RASTRA and PBI quota of every district in a period
// beside its use (AKTIF members of the list), filtered by province or name, edited in place (each
// cell saved on its own), and the xlsx quota sheet: the template to fill and its import, whose
// faults are listed by row. A period without its own setting shows the one it inherits.
import { type FormEvent, useId, useState } from 'react';
import {
  PROGRAMS,
  type Program,
  QUOTA_MAX,
  QUOTA_SHEET_MAX_BYTES,
  type QuotaCell,
  type QuotaDistrict,
  type QuotaFilter,
  type QuotaImportResult,
  type QuotaSheetIssue,
  quotasApi,
  sheetIssuesOf,
} from '../api/quotas.ts';
import { type Column, DataTable, type TableState } from '../components/DataTable.tsx';
import { DownloadButtons } from '../components/DownloadButtons.tsx';
import { FileUploadForm } from '../components/FileUploadForm.tsx';
import { PeriodSelect } from '../components/PeriodSelect.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { Forbidden, useDocumentTitle } from '../components/Status.tsx';
import { TextField } from '../components/TextField.tsx';
import { formatNumber } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { useData, useMutation } from '../lib/useData.ts';
import { useDebounced, usePageOf } from '../lib/useDebounced.ts';
import { useRegionChildren } from '../lib/useRegionChildren.ts';
import '../account.css';
import '../quota.css';

const PAGE_SIZE = 50;

/** What a typed quota means: a whole number (dots may group thousands), null (an empty box removes the quota), or not valid. */
export function parseQuota(text: string): number | null | 'invalid' {
  const s = text.replace(/\s/g, '');
  if (s === '') return null;
  const digits = /^[0-9]{1,3}(\.[0-9]{3})+$/.test(s) ? s.replace(/\./g, '') : s;
  if (!/^[0-9]+$/.test(digits)) return 'invalid';
  const n = Number(digits);
  return n <= QUOTA_MAX ? n : 'invalid';
}

/** One programme of a district: the quota (a number box when the user sets quotas), use, where it comes from. */
export function QuotaCellEditor({
  row,
  program,
  period,
  editable,
  onSaved,
}: {
  row: QuotaDistrict;
  program: Program;
  period: string;
  editable: boolean;
  onSaved: (kab: string, program: Program, cell: QuotaCell) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const cell = row[program];
  const shown = cell.quota === null ? '' : String(cell.quota);
  const [text, setText] = useState(shown);
  // A new value from outside (a save, an imported sheet) replaces the box's text.
  const [base, setBase] = useState(cell.quota);
  if (base !== cell.quota) {
    setBase(cell.quota);
    setText(shown);
  }
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useMutation((quota: number | null) => quotasApi.set(row.kab, program, quota, period));
  const id = `quota-${row.kab}-${program}`;
  const over = cell.quota !== null && cell.used > cell.quota;
  const inherited = cell.from !== null && cell.from !== period;
  const error = invalid ? t('quota.invalid') : save.error;

  const commit = async () => {
    const quota = parseQuota(text);
    setSaved(false);
    if (quota === 'invalid') return setInvalid(true);
    setInvalid(false);
    if (quota === cell.quota) return save.clearError();
    const done = await save.run(quota);
    if (!done.ok) return;
    setSaved(true);
    onSaved(row.kab, program, { quota, from: period, used: cell.used });
  };

  const info = (
    <small id={`${id}-info`} className="quota-info">
      {t('quota.used', { used: formatNumber(cell.used, locale) })}
      {inherited && ` · ${t('quota.inherited', { period: cell.from ?? '' })}`}
      {saved && !save.busy && ` · ${t('quota.saved')}`}
    </small>
  );
  return (
    <div className={over ? 'quota-cell quota-over' : 'quota-cell'}>
      {editable ? (
        <input
          id={id}
          className="quota-input"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          placeholder="—"
          aria-label={t('quota.inputLabel', { program, name: row.name })}
          aria-invalid={!!error}
          aria-describedby={[`${id}-info`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
          aria-busy={save.busy}
          onChange={(e) => {
            setText(e.target.value);
            setInvalid(false);
            setSaved(false);
          }}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit();
            if (e.key === 'Escape') setText(shown);
          }}
        />
      ) : (
        <span className="quota-value">{cell.quota === null ? '—' : formatNumber(cell.quota, locale)}</span>
      )}
      {info}
      {over && <span className="badge badge-warning">{t('quota.over')}</span>}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** The table of districts: code, name and province, then quota and use per programme. */
export function QuotaTable({
  rows,
  period,
  editable,
  onSaved,
  ...table
}: TableState & {
  rows: readonly QuotaDistrict[] | null;
  period: string;
  editable: boolean;
  onSaved: (kab: string, program: Program, cell: QuotaCell) => void;
}) {
  const t = useT();
  const columns: Column<QuotaDistrict>[] = [
    { key: 'kab', header: t('quota.col.kab'), cell: (r) => r.kab, className: 'mono' },
    {
      key: 'name',
      header: t('quota.col.name'),
      rowHeader: true,
      cell: (r) => (
        <>
          {r.name}
          <br />
          <small className="muted">{r.provinsi.name}</small>
        </>
      ),
    },
    ...PROGRAMS.map(
      (program): Column<QuotaDistrict> => ({
        key: program,
        header: program,
        // A new period starts the editors afresh.
        cell: (r) => <QuotaCellEditor key={period} row={r} program={program} period={period} editable={editable} onSaved={onSaved} />,
      }),
    ),
  ];
  return (
    <DataTable
      {...table}
      idPrefix="quota"
      caption={t('quota.caption', { period })}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.kab}
      empty={t('quota.empty')}
      tableClassName="quota-table"
    />
  );
}

/** The faults of a refused quota sheet, by row. */
export function SheetIssues({ issues }: { issues: readonly QuotaSheetIssue[] }) {
  const t = useT();
  const columns: Column<QuotaSheetIssue>[] = [
    { key: 'row', header: t('quota.issue.row'), cell: (i) => i.row, num: true },
    { key: 'column', header: t('quota.issue.column'), cell: (i) => i.column ?? '—' },
    { key: 'message', header: t('quota.issue.message'), cell: (i) => i.message },
  ];
  return (
    <DataTable
      idPrefix="quota-issues"
      caption={t('quota.issue.caption', { n: issues.length })}
      columns={columns}
      rows={issues}
      rowKey={(i) => `${i.row}:${i.column ?? ''}:${i.message}`}
      empty={null}
    />
  );
}

/** The quota sheet: download the template of the filter, fill it, import it for the period. */
export function QuotaImport({ period, filter, onImported }: { period: string; filter: QuotaFilter; onImported: () => void }) {
  const t = useT();
  const id = useId();
  const [result, setResult] = useState<QuotaImportResult | null>(null);
  const [issues, setIssues] = useState<QuotaSheetIssue[]>([]);
  const importSheet = async (f: File) => {
    try {
      return await quotasApi.importSheet(f, period);
    } catch (e) {
      setIssues(sheetIssuesOf(e));
      throw e;
    }
  };

  return (
    <section className="card quota-import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('quota.import.title')}</h2>
      <p className="hint">{t('quota.import.intro')}</p>
      <DownloadButtons
        items={[{ key: 'template', label: t('quota.import.template'), download: () => quotasApi.downloadTemplate(filter) }]}
      />
      <FileUploadForm
        label={t('quota.import.file', { period })}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        submitLabel={t('quota.import.submit', { period })}
        busyLabel={t('quota.import.busy')}
        chooseText={t('quota.import.choose')}
        maxBytes={QUOTA_SHEET_MAX_BYTES}
        tooLargeText={t('quota.import.tooLarge')}
        upload={importSheet}
        onStart={() => {
          setResult(null);
          setIssues([]);
        }}
        onDone={(done) => {
          setResult(done);
          onImported();
        }}
      />
      {issues.length > 0 && <SheetIssues issues={issues} />}
      {result && (
        <p className="alert alert-success" role="status">
          {t('quota.import.done', { changed: result.changed, rows: result.rows, period: result.period })}
        </p>
      )}
    </section>
  );
}

function QuotaScreen() {
  const t = useT();
  const can = useCan();
  const [periodChoice, setPeriodChoice] = useState('');
  const [provinsi, setProvinsi] = useState('');
  const [text, setText] = useState('');
  const [q, flush] = useDebounced(text.trim());
  const provinces = useRegionChildren('');
  const filter: QuotaFilter = { period: periodChoice || undefined, provinsi: provinsi || undefined, q: q || undefined };
  const [page, setPage] = usePageOf(`${periodChoice}|${provinsi}|${q}`);
  const list = useData(
    (signal) =>
      quotasApi.districts(
        { period: periodChoice || undefined, provinsi: provinsi || undefined, q: q || undefined, page, pageSize: PAGE_SIZE },
        signal,
      ),
    [periodChoice, provinsi, q, page],
  );
  const period = list.data?.period ?? periodChoice;
  const editable = can('quota:set');

  // Enter in the search box searches at once, without waiting for the pause.
  const search = (e: FormEvent) => {
    e.preventDefault();
    flush();
  };
  const onSaved = (kab: string, program: Program, cell: QuotaCell) =>
    list.setData((d) => d && { ...d, items: d.items.map((r) => (r.kab === kab ? { ...r, [program]: cell } : r)) });

  return (
    <>
      <p className="hint">{editable ? t('quota.intro.edit') : t('quota.intro.read')}</p>
      <form className="filters quota-filters" role="search" onSubmit={search}>
        <PeriodSelect id="quota-period" value={periodChoice} onChange={setPeriodChoice} />
        <SelectField
          id="quota-provinsi"
          label={t('quota.filter.provinsi')}
          value={provinsi}
          onChange={setProvinsi}
          options={(provinces.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
          emptyLabel={t('quota.filter.allProvinces')}
        />
        <TextField id="quota-q" type="search" label={t('quota.filter.q')} value={text} maxLength={100} onChange={setText} />
      </form>
      {editable && period && <QuotaImport period={period} filter={{ ...filter, period }} onImported={list.reload} />}
      <div className="results">
        <QuotaTable
          rows={list.data?.items ?? null}
          period={period}
          editable={editable}
          onSaved={onSaved}
          paging={list.data ? { page, pageSize: list.data.pageSize, total: list.data.total, onPage: setPage } : undefined}
          loading={list.loading}
          error={list.error}
          onRetry={list.reload}
        />
      </div>
    </>
  );
}

/** Kuota (C4). */
export function QuotaPage() {
  const t = useT();
  const can = useCan();
  useDocumentTitle(t('quota.title'));
  return (
    <div className="quota-page">
      <h1>{t('quota.title')}</h1>
      {can('program:read') ? <QuotaScreen /> : <Forbidden title={t('quota.title')} message={t('quota.forbidden')} />}
    </div>
  );
}

export default QuotaPage;

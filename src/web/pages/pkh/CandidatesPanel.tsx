// The candidates of Usulan PKH: the district's AKTIF households with PKH components, filtered by
// component, kecamatan/desa, desil and nomination; the supervisor selects some and nominates them.
import { useMemo, useState } from 'react';
import { PKH_COMPONENTS, type PkhCandidate, type PkhComponent, pkhApi } from '../../api/pkh.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { type Column, DataTable, tableTexts } from '../../components/DataTable.tsx';
import { exportsApi } from '../../api/exports.ts';
import { ExportButtons } from '../../components/DownloadButtons.tsx';
import { AreaFilter } from '../../components/RegionPicker.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { ErrorBox } from '../../components/Status.tsx';
import { desil, formatDate, formatIdbdt } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useCan } from '../../lib/abilities.ts';
import { useData, useMutation } from '../../lib/useData.ts';
import { ComponentBadges, NominationStatus, pagedTable } from './pieces.tsx';
import { toggled } from '../../../shared/sets.ts';

export interface CandidateFilter {
  kecamatan: string;
  desa: string;
  component: PkhComponent | '';
  desil: string;
  unnominated: boolean;
  page: number;
}

export const NO_CANDIDATE_FILTER: CandidateFilter = { kecamatan: '', desa: '', component: '', desil: '', unnominated: true, page: 1 };

/** The API query of a filter (empty values left out). */
export function candidateQuery(kab: string, f: CandidateFilter) {
  return {
    kab,
    kecamatan: f.kecamatan || undefined,
    desa: f.desa || undefined,
    component: f.component || undefined,
    desil: f.desil ? Number(f.desil) : undefined,
    unnominated: f.unnominated ? ('true' as const) : undefined,
    page: f.page,
  };
}

/** Whether a household can be selected: it has no open nomination. */
export const selectable = (c: PkhCandidate) => c.nomination === null;

/** The columns of the candidates table; the selection column only for users who may nominate. */
export function useCandidateColumns(selection: {
  enabled: boolean;
  selected: ReadonlySet<string>;
  toggle: (idbdt: string) => void;
}): Column<PkhCandidate>[] {
  const t = useT();
  const empty = t('value.empty');
  const columns: Column<PkhCandidate>[] = [
    { key: 'idbdt', header: t('pkh.col.idbdt'), className: 'mono', rowHeader: true, cell: (c) => formatIdbdt(c.idbdt) },
    { key: 'namaKrt', header: t('pkh.col.namaKrt'), cell: (c) => c.nama_krt ?? empty },
    { key: 'desa', header: t('pkh.col.desa'), cell: (c) => c.nama_desa },
    { key: 'desil', header: t('pkh.col.desil'), num: true, cell: (c) => desil(c.persentil) ?? empty },
    { key: 'components', header: t('pkh.col.components'), cell: (c) => <ComponentBadges components={c.components} /> },
    { key: 'status', header: t('pkh.col.status'), cell: (c) => <NominationStatus status={c.nomination?.status ?? null} /> },
  ];
  if (!selection.enabled) return columns;
  return [
    {
      key: 'select',
      header: t('pkh.col.select'),
      cell: (c) => (
        <input
          type="checkbox"
          aria-label={t('pkh.col.selectRow', { idbdt: formatIdbdt(c.idbdt) })}
          checked={selection.selected.has(c.idbdt)}
          disabled={!selectable(c)}
          onChange={() => selection.toggle(c.idbdt)}
        />
      ),
    },
    ...columns,
  ];
}

export function CandidatesPanel({ kab }: { kab: string }) {
  const t = useT();
  const locale = useLocale();
  const allowed = useCan();
  const canNominate = allowed('pkh:nominate');
  const [filter, setFilter] = useState<CandidateFilter>(NO_CANDIDATE_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useMemo(() => candidateQuery(kab, filter), [kab, filter]);
  const list = useData((signal) => pkhApi.candidates(query, signal), [query]);
  const nominate = useMutation((idbdt: readonly string[]) => pkhApi.nominate(idbdt));

  // A new filter starts from page 1 and an empty selection: nothing hidden by the filter stays selected.
  const update = (patch: Partial<CandidateFilter>) => {
    setFilter((f) => ({ ...f, page: 1, ...patch }));
    setSelected(new Set());
  };
  const toggle = (idbdt: string) => setSelected((s) => toggled(s, idbdt));
  const columns = useCandidateColumns({ enabled: canNominate, selected, toggle });
  const pageIds = (list.data?.items ?? []).filter(selectable).map((c) => c.idbdt);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  const confirm = async () => {
    const ids = [...selected];
    const r = await nominate.run(ids);
    if (!r.ok) return;
    setConfirming(false);
    setSelected(new Set());
    setNotice(t('pkh.nominate.done', { n: r.value.length }));
    list.reload();
  };

  return (
    <>
      {list.data && <p>{t('pkh.intro', { date: formatDate(list.data.asOf, locale) })}</p>}
      <section className="filters card pkh-filters" aria-label={t('list.filters')}>
        <AreaFilter root={kab} idPrefix="pkh-filter" value={filter} onChange={update} />
        <SelectField
          id="pkh-filter-component"
          label={t('pkh.component')}
          value={filter.component}
          onChange={(v) => update({ component: (PKH_COMPONENTS as readonly string[]).includes(v) ? (v as PkhComponent) : '' })}
          emptyLabel={t('pkh.allComponents')}
          options={PKH_COMPONENTS.map((c) => ({ value: c, label: t(`pkh.component.${c}`) }))}
        />
        <SelectField
          id="pkh-filter-desil"
          label={t('list.desil')}
          value={filter.desil}
          onChange={(v) => update({ desil: v })}
          emptyLabel={t('list.allDesil')}
          options={Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: t('list.desilN', { n: i + 1 }) }))}
        />
        <label className="pkh-check">
          <input type="checkbox" checked={filter.unnominated} onChange={(e) => update({ unnominated: e.target.checked })} />
          {t('pkh.unnominated')}
        </label>
      </section>
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <ExportButtons download={(format) => exportsApi.pkhCandidates(format, { ...query, page: undefined })} />
      <DataTable
        {...tableTexts(t, 'pkh.candidates')}
        columns={columns}
        rowKey={(c) => c.idbdt}
        {...pagedTable(list, (page) => setFilter((f) => ({ ...f, page })))}
        actions={
          canNominate && (
            <div className="pkh-actions">
              <label className="pkh-check">
                <input
                  type="checkbox"
                  checked={allOnPage}
                  disabled={pageIds.length === 0}
                  onChange={() =>
                    setSelected((s) => {
                      const next = new Set(s);
                      for (const id of pageIds) {
                        if (allOnPage) next.delete(id);
                        else next.add(id);
                      }
                      return next;
                    })
                  }
                />
                {t('pkh.col.selectPage')}
              </label>
              <button
                type="button"
                className="btn btn-primary"
                disabled={selected.size === 0}
                onClick={() => {
                  nominate.clearError();
                  setNotice(null);
                  setConfirming(true);
                }}
              >
                {t('pkh.nominate', { n: selected.size })}
              </button>
            </div>
          )
        }
      />
      <ConfirmDialog
        open={confirming}
        title={t('pkh.nominate.title')}
        message={t('pkh.nominate.confirm', { n: selected.size })}
        confirmLabel={t('pkh.nominate.submit')}
        busy={nominate.busy}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      >
        {nominate.error && <ErrorBox message={nominate.error} />}
      </ConfirmDialog>
    </>
  );
}

// Small pieces of the Usulan PKH page: the component badges of a household and a nomination's status.
import type { Page } from '../../api/client.ts';
import { PKH_COMPONENTS, type PkhComponent, type PkhStatus } from '../../api/pkh.ts';
import type { Column } from '../../components/DataTable.tsx';
import type { DataState } from '../../lib/useData.ts';
import { useT } from '../../i18n/index.ts';

/** The badge colours of proposal statuses (styles.css), reused for nominations. */
const STATUS_CLASS: Record<PkhStatus, string> = {
  DIUSULKAN: 'badge-proposal-menunggu',
  DITERIMA: 'badge-proposal-disetujui',
  DITOLAK: 'badge-proposal-ditolak',
};

/** One badge per component the household has (with the number of members when more than one). */
export function ComponentBadges({ components }: { components: Record<PkhComponent, number> }) {
  const t = useT();
  const present = PKH_COMPONENTS.filter((c) => components[c] > 0);
  if (present.length === 0) return <>{t('value.empty')}</>;
  return (
    <ul className="pkh-badges">
      {present.map((c) => (
        <li
          key={c}
          className={`badge badge-pkh-${c}`}
          title={t('pkh.componentCount', { label: t(`pkh.component.${c}`), n: components[c] })}
        >
          {t(`pkh.component.${c}`)}
          {components[c] > 1 ? ` ×${components[c]}` : ''}
        </li>
      ))}
    </ul>
  );
}

export function NominationStatus({ status }: { status: PkhStatus | null }) {
  const t = useT();
  if (status === null) return <span className="badge badge-inactive">{t('pkh.notNominated')}</span>;
  return <span className={`badge ${STATUS_CLASS[status]}`}>{t(`pkh.status.${status}`)}</span>;
}

/** The DataTable props of a server-paged list loaded with useData: rows, load state and paging. */
export function pagedTable<T>(list: Pick<DataState<Page<T>>, 'data' | 'loading' | 'error' | 'reload'>, onPage: (page: number) => void) {
  const d = list.data;
  return {
    rows: d?.items,
    loading: list.loading,
    error: list.error,
    onRetry: list.reload,
    paging: d ? { page: d.page, pageSize: d.pageSize, total: d.total, onPage } : undefined,
  };
}

/** The last column of a list whose rows take steps: one small button per step the row allows (`primary` for the positive one, danger otherwise). */
export function actionsColumn<T, A extends string>(o: {
  header: string;
  className: string;
  stepsOf: (row: T) => readonly A[];
  primary: A;
  label: (step: A) => string;
  onStep: (row: T, step: A) => void;
}): Column<T> {
  return {
    key: 'actions',
    header: o.header,
    cell: (row) => (
      <div className={o.className}>
        {o.stepsOf(row).map((step) => (
          <button
            key={step}
            type="button"
            className={step === o.primary ? 'btn btn-primary btn-small' : 'btn btn-danger btn-small'}
            onClick={() => o.onStep(row, step)}
          >
            {o.label(step)}
          </button>
        ))}
      </div>
    ),
  };
}

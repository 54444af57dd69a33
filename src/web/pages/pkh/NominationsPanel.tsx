// The nomination list of Usulan PKH: every nomination of the user's scope with its status and
// decision, Pusdatin's accept/refuse (a reason for a refusal), and the xlsx/csv export.
import { useMemo, useState } from 'react';
import { PKH_STATUSES, type PkhNomination, type PkhStatus, pkhApi } from '../../api/pkh.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { type Column, DataTable, tableTexts } from '../../components/DataTable.tsx';
import { DownloadButtons } from '../../components/DownloadButtons.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { ErrorBox } from '../../components/Status.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { formatDateTime, formatIdbdt } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useCan } from '../../lib/abilities.ts';
import { useData, useMutation } from '../../lib/useData.ts';
import { actionsColumn, ComponentBadges, NominationStatus, pagedTable } from './pieces.tsx';

type Decision = 'DITERIMA' | 'DITOLAK';

/** The decisions Pusdatin may take on a nomination in `status` (DITOLAK is final). */
export function decisionsOf(status: PkhStatus): Decision[] {
  if (status === 'DIUSULKAN') return ['DITERIMA', 'DITOLAK'];
  if (status === 'DITERIMA') return ['DITOLAK'];
  return [];
}

/** The columns of the nomination list; `onDecide` (Pusdatin) adds the accept/refuse buttons. */
export function useNominationColumns(onDecide: ((n: PkhNomination, d: Decision) => void) | null): Column<PkhNomination>[] {
  const t = useT();
  const locale = useLocale();
  const empty = t('value.empty');
  const by = (at: string | null, user: string | null) =>
    at ? t('pkh.by', { date: formatDateTime(at, locale), user: user ?? empty }) : empty;
  const columns: Column<PkhNomination>[] = [
    { key: 'idbdt', header: t('pkh.col.idbdt'), className: 'mono', rowHeader: true, cell: (n) => formatIdbdt(n.idbdt) },
    { key: 'namaKrt', header: t('pkh.col.namaKrt'), cell: (n) => n.nama_krt ?? empty },
    { key: 'desa', header: t('pkh.col.desa'), cell: (n) => n.nama_desa },
    { key: 'components', header: t('pkh.col.components'), cell: (n) => <ComponentBadges components={n.components} /> },
    { key: 'status', header: t('pkh.col.status'), cell: (n) => <NominationStatus status={n.status} /> },
    { key: 'nominated', header: t('pkh.col.nominated'), cell: (n) => by(n.nominated_at, n.nominated_by) },
    {
      key: 'decision',
      header: t('pkh.col.decision'),
      cell: (n) => (
        <div className="pkh-decision">
          {by(n.decided_at, n.decided_by)}
          {n.decision_reason && <div>{n.decision_reason}</div>}
        </div>
      ),
    },
  ];
  if (!onDecide) return columns;
  return [
    ...columns,
    actionsColumn<PkhNomination, Decision>({
      header: t('pkh.col.actions'),
      className: 'pkh-actions',
      stepsOf: (n) => decisionsOf(n.status),
      primary: 'DITERIMA',
      label: (d) => t(d === 'DITERIMA' ? 'pkh.accept' : 'pkh.reject'),
      onStep: onDecide,
    }),
  ];
}

export function NominationsPanel({ kab }: { kab: string | null }) {
  const t = useT();
  const allowed = useCan();
  const [status, setStatus] = useState<PkhStatus | ''>('');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<{ nomination: PkhNomination; decision: Decision } | null>(null);
  const [reason, setReason] = useState('');
  const query = useMemo(() => ({ kab: kab ?? undefined, status: status || undefined, page }), [kab, status, page]);
  const list = useData((signal) => pkhApi.nominations(query, signal), [query]);
  const decide = useMutation((id: number, d: Decision, why: string) => pkhApi.decide(id, { status: d, reason: why.trim() || undefined }));
  const columns = useNominationColumns(
    allowed('pkh:decide')
      ? (nomination, decision) => {
          decide.clearError();
          setReason('');
          setDeciding({ nomination, decision });
        }
      : null,
  );
  const exportQuery = { kab: kab ?? undefined, status: status || undefined };

  const confirm = async () => {
    if (!deciding) return;
    const r = await decide.run(deciding.nomination.id, deciding.decision, reason);
    if (!r.ok) return;
    setDeciding(null);
    list.reload();
  };
  const refusing = deciding?.decision === 'DITOLAK';

  return (
    <>
      <section className="filters card pkh-filters" aria-label={t('list.filters')}>
        <SelectField
          id="pkh-filter-status"
          label={t('pkh.status')}
          value={status}
          onChange={(v) => {
            setStatus((PKH_STATUSES as readonly string[]).includes(v) ? (v as PkhStatus) : '');
            setPage(1);
          }}
          emptyLabel={t('pkh.allStatus')}
          options={PKH_STATUSES.map((s) => ({ value: s, label: t(`pkh.status.${s}`) }))}
        />
      </section>
      <DataTable
        {...tableTexts(t, 'pkh.nominations')}
        columns={columns}
        rowKey={(n) => n.id}
        {...pagedTable(list, setPage)}
        actions={
          <DownloadButtons
            items={[
              { key: 'xlsx', label: t('pkh.export.xlsx'), primary: true, download: () => pkhApi.exportNominations('xlsx', exportQuery) },
              { key: 'csv', label: t('pkh.export.csv'), download: () => pkhApi.exportNominations('csv', exportQuery) },
            ]}
          />
        }
      />
      <ConfirmDialog
        open={deciding !== null}
        title={t(refusing ? 'pkh.decide.rejectTitle' : 'pkh.decide.acceptTitle')}
        message={t(refusing ? 'pkh.decide.rejectText' : 'pkh.decide.acceptText', { idbdt: formatIdbdt(deciding?.nomination.idbdt ?? '') })}
        confirmLabel={t(refusing ? 'pkh.reject' : 'pkh.accept')}
        danger={refusing}
        busy={decide.busy}
        confirmDisabled={refusing && reason.trim() === ''}
        onConfirm={() => void confirm()}
        onCancel={() => setDeciding(null)}
      >
        <TextAreaField
          id="pkh-decision-reason"
          label={t('pkh.decide.reason')}
          hint={refusing ? t('pkh.decide.reasonHint') : undefined}
          value={reason}
          maxLength={500}
          onChange={setReason}
        />
        {decide.error && <ErrorBox message={decide.error} />}
      </ConfirmDialog>
    </>
  );
}

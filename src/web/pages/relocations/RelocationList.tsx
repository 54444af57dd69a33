// The lists of Pemindahan Rumah Tangga: moves out of (and within) the district, moves into it, and
// hand-overs waiting for it ("Menunggu diterima", a summary only) with accept (into a desa of the
// district) and decline; the origin cancels its own waiting release. Paged by the server; exported.
import { useMemo, useState } from 'react';
import { type Relocation, type RelocationDirection, relocationsApi } from '../../api/relocations.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { type Column, DataTable, tableTexts } from '../../components/DataTable.tsx';
import { ExportButtons } from '../../components/DownloadButtons.tsx';
import type { RegionPath } from '../../components/RegionPicker.tsx';
import { ErrorBox } from '../../components/Status.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { formatDateTime, formatIdbdt } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useCan } from '../../lib/abilities.ts';
import { useData, useMutation } from '../../lib/useData.ts';
import { Link } from '../../router.tsx';
import { actionsColumn, pagedTable } from '../pkh/pieces.tsx';
import { DesaPicker } from './MoveForm.tsx';

type Step = 'accept' | 'decline' | 'cancel';

const STATUS_CLASS: Record<Relocation['status'], string> = {
  SELESAI: 'badge-proposal-disetujui',
  MENUNGGU: 'badge-proposal-menunggu',
  DITERIMA: 'badge-proposal-disetujui',
  DITOLAK: 'badge-proposal-ditolak',
  DIBATALKAN: 'badge-inactive',
};

/** The columns of a relocation list; `onStep` (the supervisor of the district) adds accept/decline (waiting) or cancel (out). */
export function useRelocationColumns(
  direction: RelocationDirection,
  onStep: ((r: Relocation, s: Step) => void) | null,
): Column<Relocation>[] {
  const t = useT();
  const locale = useLocale();
  const empty = t('value.empty');
  const columns: Column<Relocation>[] = [
    {
      key: 'idbdt',
      header: t('reloc.col.idbdt'),
      className: 'mono',
      rowHeader: true,
      // The destination may not open a household before it accepts it.
      cell: (r) => (direction === 'pending' ? formatIdbdt(r.idbdt) : <Link to={`/data-kesos/${r.idbdt}`}>{formatIdbdt(r.idbdt)}</Link>),
    },
    {
      key: 'summary',
      header: t('reloc.col.summary'),
      cell: (r) => t('reloc.summary', { krt: r.summary.krtInitials ?? empty, n: r.summary.memberCount }),
    },
    { key: 'from', header: t('reloc.col.from'), cell: (r) => `${r.fromDesaName} (${r.fromKabName})` },
    {
      key: 'to',
      header: t('reloc.col.to'),
      cell: (r) => (r.toDesaName ? `${r.toDesaName} (${r.toKabName})` : r.toKabName),
    },
    { key: 'reason', header: t('reloc.col.reason'), cell: (r) => r.reason },
    {
      key: 'status',
      header: t('reloc.col.status'),
      cell: (r) => (
        <>
          <span className={`badge ${STATUS_CLASS[r.status]}`}>{t(`reloc.status.${r.status}`)}</span>
          {r.decisionReason && <div>{r.decisionReason}</div>}
        </>
      ),
    },
    {
      key: 'at',
      header: t('reloc.col.at'),
      className: 'nowrap',
      cell: (r) => `${formatDateTime(r.createdAt, locale)} · ${r.createdBy ?? empty}`,
    },
  ];
  if (!onStep) return columns;
  const steps = (r: Relocation): Step[] =>
    r.status !== 'MENUNGGU' ? [] : direction === 'pending' ? ['accept', 'decline'] : direction === 'out' ? ['cancel'] : [];
  return [
    ...columns,
    actionsColumn<Relocation, Step>({
      header: t('reloc.col.actions'),
      className: 'reloc-actions',
      stepsOf: steps,
      primary: 'accept',
      label: (s) => t(`reloc.step.${s}`),
      onStep,
    }),
  ];
}

export function RelocationList({ direction, kab, idbdt }: { direction: RelocationDirection; kab: string | null; idbdt?: string }) {
  const t = useT();
  const allowed = useCan();
  const [page, setPage] = useState(1);
  const [acting, setActing] = useState<{ relocation: Relocation; step: Step } | null>(null);
  const [reason, setReason] = useState('');
  const [desa, setDesa] = useState<RegionPath>({});
  const query = useMemo(() => ({ direction, kab: kab ?? undefined, idbdt, page }), [direction, kab, idbdt, page]);
  const list = useData((signal) => relocationsApi.list(query, signal), [query]);
  const step = useMutation((r: Relocation, s: Step) =>
    s === 'accept'
      ? relocationsApi.accept(r.id, desa.desa ?? '')
      : s === 'decline'
        ? relocationsApi.decline(r.id, reason.trim())
        : relocationsApi.cancel(r.id, reason.trim() || undefined),
  );
  const columns = useRelocationColumns(
    direction,
    allowed('household:move') && kab
      ? (relocation, s) => {
          step.clearError();
          setReason('');
          setDesa({});
          setActing({ relocation, step: s });
        }
      : null,
  );
  const confirm = async () => {
    if (!acting) return;
    const r = await step.run(acting.relocation, acting.step);
    if (!r.ok) return;
    setActing(null);
    list.reload();
  };
  const s = acting?.step;
  const exportQuery = { direction, kab: kab ?? undefined, idbdt };
  return (
    <>
      <DataTable
        {...tableTexts(t, `reloc.list.${direction}`)}
        columns={columns}
        rowKey={(r) => r.id}
        {...pagedTable(list, setPage)}
        actions={<ExportButtons download={(format) => relocationsApi.export(format, exportQuery)} />}
      />
      <ConfirmDialog
        open={acting !== null}
        title={s ? t(`reloc.step.${s}.title`) : ''}
        message={
          acting
            ? t(`reloc.step.${acting.step}.text`, { idbdt: formatIdbdt(acting.relocation.idbdt), kab: acting.relocation.toKabName })
            : ''
        }
        confirmLabel={s ? t(`reloc.step.${s}`) : ''}
        danger={s !== 'accept'}
        busy={step.busy}
        confirmDisabled={(s === 'accept' && !desa.desa) || (s === 'decline' && reason.trim() === '')}
        onConfirm={() => void confirm()}
        onCancel={() => setActing(null)}
      >
        {s === 'accept' && kab ? (
          <DesaPicker kab={kab} idPrefix="reloc-accept" value={desa} onChange={setDesa} />
        ) : (
          <TextAreaField id="reloc-step-reason" label={t('reloc.form.reason')} value={reason} maxLength={500} onChange={setReason} />
        )}
        {step.error && <ErrorBox message={step.error} />}
      </ConfirmDialog>
    </>
  );
}

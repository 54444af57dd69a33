// One table of changed fields: the field's dictionary label, the current value beside the proposed
// one (a correction) or the proposed value alone (a new household or member), with a "Terima"
// checkbox per field while a partial approval is being chosen.
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { useT } from '../../i18n/index.ts';
import type { ChangeRow, ShownValue } from '../../verval.ts';

/** The partial-approval state the checkboxes show and change. */
export interface PartialProps {
  on: boolean;
  accepted: ReadonlySet<string>;
  toggle: (path: string) => void;
}

/** No partial approval (a proposal that is decided, or a reader who may not decide). */
export const NO_PARTIAL: PartialProps = { on: false, accepted: new Set(), toggle: () => undefined };

/** A value as people read it, with the raw code beside a code's meaning: "Keramik (2)". */
export function Value({ v }: { v: ShownValue }) {
  return (
    <>
      {v.text}
      {v.code !== null && <span className="value-code"> ({v.code})</span>}
    </>
  );
}

/** A checkbox accepting one part of a partial approval. */
export function PartCheck({ path, label, partial }: { path: string; label: string; partial: PartialProps }) {
  const t = useT();
  return (
    <input
      type="checkbox"
      className="part-check"
      checked={partial.accepted.has(path)}
      onChange={() => partial.toggle(path)}
      aria-label={t('decision.acceptPart', { label })}
    />
  );
}

const rowClass = (r: ChangeRow) => [r.conflict ? 'row-conflict' : '', r.same ? 'row-same' : ''].filter(Boolean).join(' ') || undefined;

/** Changed fields side by side; in partial mode with a "Terima" checkbox per field. */
export function ChangeTable({
  rows,
  caption,
  showCurrent,
  pathOf,
  partial = NO_PARTIAL,
}: {
  rows: readonly ChangeRow[];
  caption: string;
  showCurrent: boolean;
  /** The acceptedFields path of a row; undefined: no checkbox (member fields are accepted per member). */
  pathOf?: (row: ChangeRow) => string;
  partial?: PartialProps;
}) {
  const t = useT();
  const columns: Column<ChangeRow>[] = [];
  if (partial.on && pathOf) {
    columns.push({
      key: 'accept',
      header: t('decision.accept'),
      className: 'check-cell',
      cell: (r) => <PartCheck path={pathOf(r)} label={r.label} partial={partial} />,
    });
  }
  columns.push({
    key: 'field',
    header: t('change.col.field'),
    rowHeader: true,
    cell: (r) => (
      <>
        <span lang="id">{r.label}</span>
        {r.conflict && <span className="badge badge-conflict conflict-mark">{t('change.changedSinceRelease')}</span>}
      </>
    ),
  });
  if (showCurrent)
    columns.push({ key: 'current', header: t('change.col.current'), className: 'val-current', cell: (r) => <Value v={r.current} /> });
  columns.push({
    key: 'proposed',
    header: t('change.col.proposed'),
    className: 'val-proposed',
    cell: (r) => (
      <>
        <Value v={r.proposed} />
        {r.same && <span className="muted small"> ({t('change.same')})</span>}
      </>
    ),
  });
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.field}
      rowClassName={rowClass}
      empty={t('change.noFields')}
      tableClassName="change-table"
    />
  );
}

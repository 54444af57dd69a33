// The filter bar of the BSP/PBI tabs: kecamatan/desa of the district, and per tab the membership
// status and persentil range (list) or the proposal status, type and origin (Usulan). Typed
// persentil values reach the address (and the server) after a pause, not on every keystroke.
import { useEffect, useId, useRef, useState } from 'react';
import { BSP_PROPOSAL_TYPES, KPM_PROGRAMS, PBI_PROPOSAL_TYPES, PROPOSAL_ORIGINS, type ProgrammeModule } from '../../api/programs.ts';
import { PROPOSAL_STATUSES } from '../../api/proposals.ts';
import { AreaFilter } from '../../components/RegionPicker.tsx';
import { SelectField, type SelectFieldProps } from '../../components/SelectField.tsx';
import { useT } from '../../i18n/index.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { STATUS_KEYS } from '../../verval.ts';
import { EMPTY_STATE, hasListFilter, type ProgramState } from './state.ts';

type Update = (patch: Partial<ProgramState>) => void;

/** A persentil bound typed in a number box; sent on after a pause (or at once on Enter/blur). */
function PersentilField({
  id,
  label,
  value,
  onSettled,
}: {
  id: string;
  label: string;
  value: number | null;
  onSettled: (v: number | null) => void;
}) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [settled, flush] = useDebounced(text);
  // Read at the time the typed text settles: a later change of the address (Back) is not undone.
  const latest = useRef({ value, onSettled });
  latest.current = { value, onSettled };
  // The address changed elsewhere (Back, "Hapus filter"): show its value.
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  useEffect(() => {
    const n = /^\d{1,3}$/.test(settled) ? Number(settled) : null;
    const next = n !== null && n >= 1 && n <= 100 ? n : null;
    if (next !== latest.current.value && (settled === '' || next !== null)) latest.current.onSettled(next);
  }, [settled]);
  return (
    <div className="field field-narrow">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={flush}
        onKeyDown={(e) => e.key === 'Enter' && flush()}
      />
    </div>
  );
}

export function ListFilters({
  module,
  state,
  district,
  update,
}: {
  module: ProgrammeModule;
  state: ProgramState;
  /** The district whose kecamatan/desa are offered; null: none chosen yet. */
  district: string | null;
  update: Update;
}) {
  const t = useT();
  const fid = useId();
  const list = state.tab === 'list';
  const types = module === 'BSP' ? BSP_PROPOSAL_TYPES : PBI_PROPOSAL_TYPES;
  // The proposal filters as data: one select each ('' is "Semua").
  // One of `values` bound to `field` of the address state ('' is "Semua"): `find` keeps only a known value.
  const choice = <V extends string>(
    key: string,
    field: 'status' | 'type' | 'origin',
    values: readonly V[],
    labels: { label: string; empty: string; option: (v: V) => string },
  ): Omit<SelectFieldProps, 'id'> & { key: string } => ({
    key,
    label: labels.label,
    value: state[field],
    onChange: (v) => update({ [field]: values.find((x) => x === v) ?? '' } as Partial<ProgramState>),
    emptyLabel: labels.empty,
    options: values.map((v) => ({ value: v, label: labels.option(v) })),
  });
  const proposalFields = [
    choice('pstatus', 'status', PROPOSAL_STATUSES, {
      label: t('verval.filter.status'),
      empty: t('verval.filter.allStatus'),
      option: (s) => t(STATUS_KEYS[s]),
    }),
    choice('type', 'type', types, { label: t('prog.filter.type'), empty: t('prog.filter.allTypes'), option: (ty) => t(`prog.type.${ty}`) }),
    choice('origin', 'origin', PROPOSAL_ORIGINS, {
      label: t('prog.filter.origin'),
      empty: t('prog.filter.allOrigins'),
      option: (o) => t(`prog.origin.${o}`),
    }),
  ];
  return (
    <section className="filters card" aria-label={t('list.filters')}>
      {module === 'BSP' && (
        <SelectField
          id={`${fid}-program`}
          label={t('prog.filter.program')}
          value={state.program}
          onChange={(v) => update({ program: v === 'RASTRA' ? 'RASTRA' : 'BPNT' })}
          options={KPM_PROGRAMS.map((p) => ({ value: p, label: p }))}
        />
      )}
      {district && <AreaFilter root={district} idPrefix={`${fid}-region`} value={state} onChange={update} />}
      {list && (
        <>
          <SelectField
            id={`${fid}-status`}
            label={t('list.status')}
            value={state.status}
            onChange={(v) => update({ status: v === 'AKTIF' || v === 'NONAKTIF' ? v : '' })}
            emptyLabel={t('list.allStatus')}
            options={[
              { value: 'AKTIF', label: t('status.AKTIF') },
              { value: 'NONAKTIF', label: t('status.NONAKTIF') },
            ]}
          />
          <PersentilField
            id={`${fid}-pmin`}
            label={t('prog.filter.persentilMin')}
            value={state.persentilMin}
            onSettled={(persentilMin) => update({ persentilMin })}
          />
          <PersentilField
            id={`${fid}-pmax`}
            label={t('prog.filter.persentilMax')}
            value={state.persentilMax}
            onSettled={(persentilMax) => update({ persentilMax })}
          />
        </>
      )}
      {state.tab === 'proposals' && proposalFields.map(({ key, ...field }) => <SelectField key={key} id={`${fid}-${key}`} {...field} />)}
      <div className="field field-actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!hasListFilter(state)}
          onClick={() => update({ ...EMPTY_STATE, tab: state.tab, program: state.program, kab: state.kab })}
        >
          {t('list.reset')}
        </button>
      </div>
    </section>
  );
}

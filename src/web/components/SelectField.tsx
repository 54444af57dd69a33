// A labelled select over a list of options, with an optional empty first option ("Semua status",
// "Pilih …"): the one way a filter bar or a form offers a choice that is not a region.
import type { ReactNode } from 'react';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  /** Text of the first option, whose value is '' (omitted: no empty option). */
  emptyLabel?: string;
  disabled?: boolean;
  describedBy?: string;
}

/** Keeps a chosen value that is not among the options (yet) visible, e.g. from the URL. */
export function withChosen(options: readonly SelectOption[], value: string, label = value): SelectOption[] {
  return value && !options.some((o) => o.value === value) ? [{ value, label }, ...options] : [...options];
}

export function SelectField({ id, label, value, onChange, options, emptyLabel, disabled, describedBy }: SelectFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

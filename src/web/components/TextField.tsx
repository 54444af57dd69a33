// A labelled form field with its hint and its error message, both read out through
// aria-describedby: the one frame of every text input and text area of the web app.
import type { HTMLAttributes, ReactNode } from 'react';

/** What the control inside a FormField gets: its id and the ARIA attributes that tie it to the hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export interface FormFieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The field's error message (id `${id}-error`), or null. */
  error?: string | null;
  /** More classes of the wrapper besides "field" (e.g. "field-search": a wide cell of a filter bar). */
  className?: string;
  /** Renders the control (input, textarea, select) with the given props. */
  children: (control: FieldControlProps) => ReactNode;
}

export function FormField({ id, label, hint, error, className, children }: FormFieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

export interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  name?: string;
  maxLength?: number;
  type?: 'text' | 'tel' | 'email' | 'password' | 'search';
  /** A multi-line field (textarea) of this many rows. */
  rows?: number;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  autoComplete?: string;
  /** For a User ID: no capital first letter, no spelling marks. */
  verbatim?: boolean;
  required?: boolean;
  disabled?: boolean;
}

/** A text input (or, with `rows`, a textarea) in a FormField. */
export function TextField({
  value,
  onChange,
  name,
  maxLength,
  type = 'text',
  inputMode,
  autoComplete = 'off',
  verbatim,
  required,
  disabled,
  rows,
  ...field
}: TextFieldProps) {
  const common = { name, maxLength, value, disabled, required };
  return (
    <FormField {...field}>
      {(control) =>
        rows ? (
          <textarea {...control} {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...control}
            {...common}
            type={type}
            inputMode={inputMode}
            autoComplete={autoComplete}
            autoCapitalize={verbatim ? 'none' : undefined}
            spellCheck={verbatim ? false : undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </FormField>
  );
}

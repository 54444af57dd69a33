// Per-field errors of a form: the message under the field and the field's aria-describedby.
import type { ReactNode } from 'react';

export interface FieldErrors<K extends string> {
  /** aria-describedby of a field: its hint (if any) and its error message (when there is one). */
  describedBy: (field: K, hint?: string) => string | undefined;
  /** The error message under a field (id `${idPrefix}-${field}-error`), or null. */
  error: (field: K) => ReactNode;
}

/** Helpers for a form whose fields have ids `${idPrefix}-${field}` and errors in `errors`. */
export function fieldErrors<K extends string>(idPrefix: string, errors: Partial<Record<K, string | undefined>>): FieldErrors<K> {
  const errorId = (field: K) => `${idPrefix}-${field}-error`;
  return {
    describedBy: (field, hint) => [hint, errors[field] ? errorId(field) : undefined].filter(Boolean).join(' ') || undefined,
    error: (field) =>
      errors[field] ? (
        <small id={errorId(field)} className="field-error">
          {errors[field]}
        </small>
      ) : null,
  };
}

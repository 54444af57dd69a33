// The required reason of a rejection (one proposal or a bulk decision): its text, its error once a
// confirmation was tried without it, and the field.
import { useState } from 'react';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { useT } from '../../i18n/index.ts';

export function useRequiredReason() {
  const t = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return {
    text,
    error,
    set: (v: string) => {
      setText(v);
      if (v.trim() !== '') setError(null);
    },
    reset: () => {
      setText('');
      setError(null);
    },
    /** The trimmed reason, or null after showing that it is required. */
    require: (): string | null => {
      const r = text.trim();
      if (r === '') setError(t('decision.err.reason'));
      return r === '' ? null : r;
    },
  };
}

export type RequiredReason = ReturnType<typeof useRequiredReason>;

export function ReasonField({ id, label, reason }: { id: string; label: string; reason: RequiredReason }) {
  return <TextAreaField id={id} label={label} value={reason.text} onChange={reason.set} error={reason.error} />;
}

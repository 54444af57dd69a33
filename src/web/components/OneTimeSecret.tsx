// Shows a secret that the server returns once (a one-time password, an API token): read-only
// field, copy button, a note on how to handle it, and "Selesai" to dismiss it for good.
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection copy
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export interface OneTimeSecretProps {
  title: string;
  /** Label of the read-only field holding the secret. */
  label: string;
  value: string;
  /** How to handle it (shown once, hand over through an official channel, …). */
  note: string;
  onDone: () => void;
}

export function OneTimeSecret({ title, label, value, note, onDone }: OneTimeSecretProps) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');

  // Bring the secret to the user's attention (and to screen readers).
  useEffect(() => {
    if (!value) return;
    input.current?.focus();
    input.current?.select();
  }, [value]);

  return (
    <section className="card secret" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="field">
        <label htmlFor={`${id}-value`}>{label}</label>
        <div className="secret-row">
          <input
            ref={input}
            id={`${id}-value`}
            className="mono"
            type="text"
            readOnly
            value={value}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-note`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void copyText(value, input.current).then((ok) => setCopy(ok ? 'done' : 'failed'))}
          >
            {t('secret.copy')}
          </button>
        </div>
      </div>
      <p className="notice" id={`${id}-note`}>
        {note}
      </p>
      <p className="secret-copy-status" role="status">
        {copy === 'done' ? t('secret.copied') : copy === 'failed' ? t('secret.copyFailed') : ''}
      </p>
      <button type="button" className="btn btn-primary" onClick={onDone}>
        {t('secret.done')}
      </button>
    </section>
  );
}

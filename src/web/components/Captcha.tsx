// The "Saya bukan robot" checkbox of the login form (F1): altcha's self-hosted proof-of-work
// widget. The widget script is loaded on first use; until then (and on the server-side render of
// tests) a placeholder keeps the form's layout. The parent learns the solved payload through
// `onChange` (null when there is none) and calls `reset()` after a failed login: a solved
// challenge is accepted once.
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type {} from 'altcha/types/react';
import type { AltchaWidgetElement } from 'altcha/external';
import { useLanguage, useT } from '../i18n/index.ts';

export const CAPTCHA_CHALLENGE_URL = '/api/v1/captcha';

export interface CaptchaHandle {
  /** Back to unticked, dropping the payload; the next tick fetches a new challenge. */
  reset(): void;
}

/** The widget's states (altcha's State enum). */
export type CaptchaState = 'unverified' | 'verifying' | 'verified' | 'expired' | 'error' | 'code';

type StateDetail = { state?: CaptchaState; payload?: string | null };

let loading: Promise<unknown> | null = null;
let loaded = false;

function loadWidget(): Promise<unknown> {
  loading ??= import('../captcha/altcha-setup.ts').then(
    () => {
      loaded = true;
    },
    (e: unknown) => {
      loading = null; // let a later render try again
      throw e;
    },
  );
  return loading;
}

// Minimal widget options; the challenge's own parameters decide the work.
const WIDGET_CONFIGURATION = JSON.stringify({ hideFooter: true, hideLogo: true });

export interface CaptchaProps {
  /** The solved payload (null while there is none) and the widget's state. */
  onChange: (payload: string | null, state: CaptchaState) => void;
  ref?: Ref<CaptchaHandle>;
  id?: string;
}

export function Captcha({ onChange, ref, id }: CaptchaProps) {
  const t = useT();
  const lang = useLanguage();
  const [ready, setReady] = useState(loaded);
  const [failed, setFailed] = useState(false);
  const widget = useRef<AltchaWidgetElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (ready) return;
    let live = true;
    loadWidget().then(
      () => live && setReady(true),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [ready]);

  useEffect(() => {
    const el = widget.current;
    if (!ready || !el) return;
    const onState = (e: Event) => {
      const d = (e as CustomEvent<StateDetail>).detail ?? {};
      const state = d.state ?? 'unverified';
      onChangeRef.current(state === 'verified' && d.payload ? d.payload : null, state);
    };
    el.addEventListener('statechange', onState);
    return () => el.removeEventListener('statechange', onState);
  }, [ready]);

  useImperativeHandle(
    ref,
    () => ({
      reset() {
        onChangeRef.current(null, 'unverified');
        const el = widget.current;
        if (el && typeof el.reset === 'function') el.reset();
      },
    }),
    [],
  );

  if (failed) {
    return (
      <div className="captcha" id={id}>
        <p className="alert alert-error" role="alert">
          {t('captcha.loadFailed')}
        </p>
      </div>
    );
  }
  return (
    <div className="captcha" id={id}>
      {ready ? (
        <altcha-widget
          ref={widget}
          challenge={CAPTCHA_CHALLENGE_URL}
          language={lang}
          name="altcha"
          type="checkbox"
          configuration={WIDGET_CONFIGURATION}
        />
      ) : (
        <p className="captcha-placeholder">{t('captcha.loading')}</p>
      )}
    </div>
  );
}

// The "Saya bukan robot" checkbox of the login form (F1): a self-hosted proof of work. Ticking the
// box fetches a signed challenge and solves it in web workers (captcha/solve.ts); the parent learns
// the solved payload through `onChange` (null when there is none) and calls `reset()` after a failed
// login: a solved challenge is accepted once. A solved payload expires with its challenge.
// Issue 17 (lean pages): this replaces altcha's 28 KB widget with a few hundred bytes of React and
// altcha-lib's solver loop in the worker, which the login page fetches only when the box is ticked.
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref, type RefObject } from 'react';
import { request } from '../api/client.ts';
import type { Challenge } from '../captcha/solve.ts';
import { useT } from '../i18n/index.ts';
import '../captcha/captcha.css';

export const CAPTCHA_CHALLENGE_URL = '/api/v1/captcha';

export interface CaptchaHandle {
  /** Back to unticked, dropping the payload; the next tick fetches a new challenge. */
  reset(): void;
}

/** Where the box stands (the names of altcha's states, which the login form reads). */
export type CaptchaState = 'unverified' | 'verifying' | 'verified' | 'expired' | 'error';

export interface CaptchaProps {
  /** The solved payload (null while there is none) and the box's state. */
  onChange: (payload: string | null, state: CaptchaState) => void;
  ref?: Ref<CaptchaHandle>;
  id?: string;
}

/** One solve: its abort switch and the timer that marks its payload expired. */
type Run = { abort: AbortController; expiry?: ReturnType<typeof setTimeout> };

/** Stops the current solve, if any (its workers end, its expiry timer is dropped). */
function stop(run: RefObject<Run | null>): void {
  run.current?.abort.abort();
  if (run.current?.expiry) clearTimeout(run.current.expiry);
  run.current = null;
}

export function Captcha({ onChange, ref, id }: CaptchaProps) {
  const t = useT();
  const [state, setState] = useState<CaptchaState>('unverified');
  const run = useRef<Run | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const report = useCallback((payload: string | null, next: CaptchaState) => {
    setState(next);
    onChangeRef.current(payload, next);
  }, []);

  async function start() {
    stop(run);
    const mine: Run = { abort: new AbortController() };
    run.current = mine;
    report(null, 'verifying');
    try {
      const challenge = await request<Challenge>('GET', CAPTCHA_CHALLENGE_URL, { signal: mine.abort.signal });
      // The solver is fetched with the first tick, not with the page.
      const { solveChallenge } = await import('../captcha/solve.ts');
      const payload = await solveChallenge(challenge, mine.abort.signal);
      if (run.current !== mine) return;
      if (!payload) return report(null, 'error');
      const expiresAt = challenge.parameters.expiresAt;
      if (typeof expiresAt === 'number') {
        mine.expiry = setTimeout(() => run.current === mine && report(null, 'expired'), Math.max(0, expiresAt * 1000 - Date.now() - 5_000));
      }
      report(payload, 'verified');
    } catch {
      if (run.current === mine) report(null, 'error');
    }
  }

  useImperativeHandle(
    ref,
    () => ({
      reset() {
        stop(run);
        report(null, 'unverified');
      },
    }),
    [report],
  );
  useEffect(() => () => stop(run), []);

  const busy = state === 'verifying' || state === 'verified';
  return (
    <div className="captcha" id={id} data-testid="captcha" data-state={state}>
      <label className="captcha-box">
        <input
          type="checkbox"
          checked={busy}
          aria-busy={state === 'verifying'}
          onChange={(e) => {
            if (e.target.checked && !busy) void start();
          }}
        />
        <span className="captcha-label">{t('captcha.label')}</span>
        <span className="captcha-status" role="status">
          {state === 'verifying' ? t('captcha.verifying') : state === 'verified' ? t('captcha.verified') : ''}
        </span>
      </label>
      {state === 'error' && (
        <p className="alert alert-error" role="alert">
          {t('captcha.failed')}
        </p>
      )}
      {state === 'expired' && <p className="captcha-note">{t('captcha.expired')}</p>}
    </div>
  );
}

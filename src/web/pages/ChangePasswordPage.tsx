// "Ganti Password": forced after a password was created or reset by Pusdatin (the app then
// shows only this page), and reachable any time from the user menu at /akun/password.
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { accessApi } from '../api/access.ts';
import { passwordProblem } from '../accounts.ts';
import { useDocumentTitle } from '../components/Status.tsx';
import { translate, useT } from '../i18n/index.ts';
import { useSession } from '../session.ts';
import '../account.css';

export interface ChangePasswordPageProps {
  /** The app shows nothing else until the password is changed. */
  forced?: boolean;
  /** Called after the change (the app reloads the user and goes on). */
  onChanged?: () => Promise<void> | void;
}

export function ChangePasswordPage({ forced = false, onChanged }: ChangePasswordPageProps) {
  const t = useT();
  useDocumentTitle(t('password.title'));
  const { me, logout } = useSession();
  const ids = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setSaved(false);
    const problem = passwordProblem(me.username, { current, next, repeat });
    if (problem) {
      setError(translate(problem));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await accessApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setSaved(true);
      await onChanged?.();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : translate('error.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="account-page">
      <h1>{t('password.title')}</h1>
      <p className={forced ? 'alert alert-info' : undefined}>{t(forced ? 'password.forcedIntro' : 'password.intro')}</p>
      <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        {saved && !error && (
          <div className="alert alert-success" role="status">
            {t('password.saved')}
          </div>
        )}
        {/* Lets password managers attach the new password to the right account. */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <div className="field">
          <label htmlFor={`${ids}-current`}>{t('password.current')}</label>
          <input
            id={`${ids}-current`}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-new`}>{t('password.new')}</label>
          <input
            id={`${ids}-new`}
            type="password"
            autoComplete="new-password"
            required
            aria-describedby={`${ids}-policy`}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <p className="hint" id={`${ids}-policy`}>
            {t('password.policy')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-repeat`}>{t('password.repeat')}</label>
          <input
            id={`${ids}-repeat`}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('password.submit')}
          </button>
          {forced && (
            <button type="button" className="btn btn-secondary" onClick={() => void logout()}>
              {t('header.logout')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

// "Ganti Password": forced after a password was created or reset by Pusdatin (the app then
// shows only this page), and reachable any time from the user menu at /akun/password.
import { useId, useState, type FormEvent } from 'react';
import { accessApi } from '../api/access.ts';
import { passwordProblem } from '../accounts.ts';
import { ErrorBox, useDocumentTitle } from '../components/Status.tsx';
import { TextField } from '../components/TextField.tsx';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session.ts';
import { useMutation } from '../lib/useData.ts';
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
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const change = useMutation((from: string, to: string) => accessApi.changePassword(from, to));
  const busy = change.busy;
  const error = problem ?? change.error;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const found = passwordProblem(me.username, { current, next, repeat });
    setProblem(found && t(found));
    if (found) return;
    const r = await change.run(current, next);
    if (!r.ok) return;
    setCurrent('');
    setNext('');
    setRepeat('');
    setSaved(true);
    await onChanged?.();
  };

  return (
    <div className="account-page">
      <h1>{t('password.title')}</h1>
      <p className={forced ? 'alert alert-info' : undefined}>{t(forced ? 'password.forcedIntro' : 'password.intro')}</p>
      <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        {error && <ErrorBox message={error} />}
        {saved && !error && (
          <div className="alert alert-success" role="status">
            {t('password.saved')}
          </div>
        )}
        {/* Lets password managers attach the new password to the right account. */}
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        {(
          [
            ['current', t('password.current'), current, setCurrent, 'current-password'],
            ['new', t('password.new'), next, setNext, 'new-password'],
            ['repeat', t('password.repeat'), repeat, setRepeat, 'new-password'],
          ] as const
        ).map(([key, label, value, set, autoComplete]) => (
          <TextField
            key={key}
            id={`${ids}-${key}`}
            type="password"
            label={label}
            hint={key === 'new' ? t('password.policy') : undefined}
            autoComplete={autoComplete}
            required
            value={value}
            onChange={set}
          />
        ))}
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

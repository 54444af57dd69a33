// F1: landing and login with the "Saya bukan robot" captcha. No self-service password reset:
// the page says whom to write to.
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, api, type Me } from '../api/client.ts';
import { Captcha, type CaptchaHandle, type CaptchaState } from '../components/Captcha.tsx';
import '../account.css';
import { useDocumentTitle } from '../components/Status.tsx';
import { useT, translate } from '../i18n/index.ts';
import { Link } from '../router.tsx';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const t = useT();
  useDocumentTitle(t('login.title'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [captcha, setCaptcha] = useState<{ payload: string | null; state: CaptchaState }>({
    payload: null,
    state: 'unverified',
  });
  const captchaRef = useRef<CaptchaHandle>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setError(translate('login.required'));
      return;
    }
    if (!captcha.payload) {
      setError(translate(captcha.state === 'verifying' ? 'login.captchaWaiting' : 'login.captchaRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await api.login(username.trim(), password, captcha.payload);
      onLoggedIn(me);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : translate('error.generic'));
      setPassword('');
      // A solved challenge is accepted once: the next attempt needs a new tick.
      captchaRef.current?.reset();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <section className="login-intro">
        <h1>{t('app.name')}</h1>
        <p className="lead">{t('app.fullName')}</p>
        <p>{t('login.intro')}</p>
        <ul className="login-links">
          <li>
            <Link to="/bantuan#panduan">{t('login.userManual')}</Link>
          </li>
          <li>
            <Link to="/bantuan#faq">{t('login.faq')}</Link>
          </li>
        </ul>
      </section>
      <section className="card login-card" aria-labelledby="login-title">
        <h2 id="login-title">{t('login.title')}</h2>
        <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
          {error && (
            <div className="alert alert-error" role="alert">
              {error}
            </div>
          )}
          <div className="field">
            <label htmlFor="login-username">{t('login.userId')}</label>
            <input
              id="login-username"
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <Captcha ref={captchaRef} onChange={(payload, state) => setCaptcha({ payload, state })} />
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {t('login.submit')}
          </button>
        </form>
        <p className="notice">{t('login.forgot')}</p>
      </section>
    </div>
  );
}

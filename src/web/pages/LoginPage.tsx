// F1: landing and login with the "Saya bukan robot" captcha. No self-service password reset:
// the page says whom to write to.
import { useRef, useState, type FormEvent } from 'react';
import { api, type Me } from '../api/client.ts';
import { Captcha, type CaptchaHandle, type CaptchaState } from '../components/Captcha.tsx';
import '../account.css';
import { ErrorBox, useDocumentTitle } from '../components/Status.tsx';
import { TextField } from '../components/TextField.tsx';
import { useT } from '../i18n/index.ts';
import { Link } from '../router.tsx';
import { useMutation } from '../lib/useData.ts';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const t = useT();
  useDocumentTitle(t('login.title'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const login = useMutation((user: string, pass: string, payload: string) => api.login(user, pass, payload));
  const busy = login.busy;
  const error = problem ?? login.error;
  const [captcha, setCaptcha] = useState<{ payload: string | null; state: CaptchaState }>({
    payload: null,
    state: 'unverified',
  });
  const captchaRef = useRef<CaptchaHandle>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const missing = username.trim() === '' || password === '';
    setProblem(
      missing
        ? t('login.required')
        : captcha.payload
          ? null
          : t(captcha.state === 'verifying' ? 'login.captchaWaiting' : 'login.captchaRequired'),
    );
    if (missing || !captcha.payload) return;
    const r = await login.run(username.trim(), password, captcha.payload);
    if (r.ok) return onLoggedIn(r.value);
    setPassword('');
    // A solved challenge is accepted once: the next attempt needs a new tick.
    captchaRef.current?.reset();
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
          {error && <ErrorBox message={error} />}
          <TextField
            id="login-username"
            name="username"
            label={t('login.userId')}
            autoComplete="username"
            verbatim
            required
            value={username}
            onChange={setUsername}
          />
          <TextField
            id="login-password"
            name="password"
            type="password"
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
          />
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

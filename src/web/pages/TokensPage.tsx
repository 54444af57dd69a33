// "Token API" (/akun/token): the user's own API tokens for scripts and integrations. A new
// token is shown once; revoking one asks first.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, isAbort } from '../api/client.ts';
import { accessApi, type ApiToken } from '../api/access.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { OneTimeSecret } from '../components/OneTimeSecret.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime } from '../format.ts';
import { translate, useLocale, useT } from '../i18n/index.ts';
import '../account.css';

export function TokensTable({ items, onRevoke }: { items: readonly ApiToken[]; onRevoke: (t: ApiToken) => void }) {
  const t = useT();
  const locale = useLocale();
  if (items.length === 0) return <p className="empty">{t('tokens.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t('tokens.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tokens.col.name')}</th>
            <th scope="col">{t('tokens.col.created')}</th>
            <th scope="col">{t('tokens.col.lastUsed')}</th>
            <th scope="col">{t('tokens.col.revoked')}</th>
            <th scope="col">{t('tokens.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((tok) => (
            <tr key={tok.id}>
              <th scope="row">{tok.name}</th>
              <td className="nowrap">{formatDateTime(tok.created_at, locale)}</td>
              <td className="nowrap">{tok.last_used_at ? formatDateTime(tok.last_used_at, locale) : t('tokens.never')}</td>
              <td className="nowrap">
                {tok.revoked_at ? formatDateTime(tok.revoked_at, locale) : <span className="badge badge-active">{t('tokens.active')}</span>}
              </td>
              <td>
                {!tok.revoked_at && (
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => onRevoke(tok)}>
                    {t('tokens.revoke')}
                    <span className="visually-hidden"> {tok.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TokensPage() {
  const t = useT();
  useDocumentTitle(t('tokens.title'));
  const ids = useId();
  const [items, setItems] = useState<ApiToken[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [name, setName] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoadError(null);
    accessApi.tokens(ctrl.signal).then(
      (r) => setItems(r.items),
      (e: unknown) => {
        if (!isAbort(e)) setLoadError(e instanceof ApiError ? e.message : translate('error.generic'));
      },
    );
    return () => ctrl.abort();
  }, [attempt]);

  const reload = useCallback(() => setAttempt((a) => a + 1), []);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (creating) return;
    const clean = name.trim();
    if (clean === '') {
      setFormError(translate('tokens.error.name'));
      return;
    }
    setCreating(true);
    setFormError(null);
    setNotice(null);
    try {
      const r = await accessApi.createToken(clean);
      setCreated({ name: clean, token: r.token });
      setName('');
      reload();
    } catch (err) {
      setFormError(err instanceof ApiError ? err.message : translate('error.generic'));
    } finally {
      setCreating(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    try {
      await accessApi.revokeToken(revoking.id);
      setNotice(translate('tokens.revoked', { name: revoking.name }));
      reload();
    } catch (err) {
      setNotice(err instanceof ApiError ? err.message : translate('error.generic'));
    } finally {
      setRevokeBusy(false);
      setRevoking(null);
    }
  };

  return (
    <div className="account-page">
      <h1>{t('tokens.title')}</h1>
      <p>{t('tokens.intro')}</p>

      {created ? (
        <OneTimeSecret
          title={t('tokens.createdTitle', { name: created.name })}
          label={t('tokens.createdLabel')}
          value={created.token}
          note={t('tokens.createdWarning')}
          onDone={() => setCreated(null)}
        />
      ) : (
        <form className="card form-card" onSubmit={(e) => void create(e)} noValidate aria-busy={creating}>
          <h2>{t('tokens.newTitle')}</h2>
          {formError && (
            <div className="alert alert-error" role="alert">
              {formError}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${ids}-name`}>{t('tokens.name')}</label>
            <input
              id={`${ids}-name`}
              type="text"
              maxLength={100}
              required
              aria-describedby={`${ids}-hint`}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <p className="hint" id={`${ids}-hint`}>
              {t('tokens.nameHint')}
            </p>
          </div>
          <button type="submit" className="btn btn-primary" disabled={creating}>
            {t('tokens.create')}
          </button>
        </form>
      )}

      <section className="account-list" aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`}>{t('tokens.listTitle')}</h2>
        <p role="status" className="notice-line">
          {notice ?? ''}
        </p>
        {loadError ? (
          <ErrorBox message={loadError} onRetry={reload} />
        ) : items === null ? (
          <Loading />
        ) : (
          <TokensTable items={items} onRevoke={setRevoking} />
        )}
      </section>

      <ConfirmDialog
        open={revoking !== null}
        title={t('tokens.confirmTitle')}
        message={revoking ? t('tokens.confirmRevoke', { name: revoking.name }) : ''}
        confirmLabel={t('tokens.revoke')}
        busy={revokeBusy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      />
    </div>
  );
}

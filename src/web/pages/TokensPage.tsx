// "Token API" (/akun/token): the user's own API tokens for scripts and integrations. A new
// token is shown once; revoking one asks first.
import { useId, useState, type FormEvent } from 'react';
import { accessApi, type ApiToken } from '../api/access.ts';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';
import { ConfirmItem } from '../components/ConfirmDialog.tsx';
import { DataTable, tableTexts, type Column } from '../components/DataTable.tsx';
import { OneTimeSecret } from '../components/OneTimeSecret.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useConfirmed, useData, useMutation } from '../lib/useData.ts';
import '../account.css';

export function TokensTable({ items, onRevoke }: { items: readonly ApiToken[]; onRevoke: (t: ApiToken) => void }) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<ApiToken>[] = [
    { key: 'name', header: t('tokens.col.name'), rowHeader: true, cell: (tok) => tok.name },
    { key: 'created', header: t('tokens.col.created'), className: 'nowrap', cell: (tok) => formatDateTime(tok.created_at, locale) },
    {
      key: 'lastUsed',
      header: t('tokens.col.lastUsed'),
      className: 'nowrap',
      cell: (tok) => (tok.last_used_at ? formatDateTime(tok.last_used_at, locale) : t('tokens.never')),
    },
    {
      key: 'revoked',
      header: t('tokens.col.revoked'),
      className: 'nowrap',
      cell: (tok) =>
        tok.revoked_at ? (
          <time dateTime={tok.revoked_at}>{formatDateTime(tok.revoked_at, locale)}</time>
        ) : (
          <span className="badge badge-active">{t('tokens.active')}</span>
        ),
    },
    {
      key: 'actions',
      header: t('tokens.col.actions'),
      cell: (tok) =>
        !tok.revoked_at && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => onRevoke(tok)}>
            {t('tokens.revoke')}
            <span className="visually-hidden"> {tok.name}</span>
          </button>
        ),
    },
  ];
  return <DataTable {...tableTexts(t, 'tokens')} columns={columns} rows={items} rowKey={(tok) => tok.id} scrollable={false} />;
}

export function TokensPage() {
  const t = useT();
  useDocumentTitle(t('tokens.title'));
  const ids = useId();
  const tokens = useData((signal) => accessApi.tokens(signal), []);
  const [name, setName] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const createCall = useMutation((clean: string) => accessApi.createToken(clean));
  const revoking = useConfirmed(
    (tok: ApiToken) => accessApi.revokeToken(tok.id),
    (tok, ok) => {
      if (ok) setNotice(t('tokens.revoked', { name: tok.name }));
      tokens.reload();
    },
  );

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (createCall.busy) return;
    const clean = name.trim();
    if (clean === '') {
      setFormError(t('tokens.error.name'));
      return;
    }
    setFormError(null);
    setNotice(null);
    const r = await createCall.run(clean);
    if (!r.ok) return;
    setCreated({ name: clean, token: r.value.token });
    setName('');
    tokens.reload();
  };

  const shownFormError = formError ?? createCall.error;
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
        <form className="card form-card" onSubmit={(e) => void create(e)} noValidate aria-busy={createCall.busy}>
          <h2>{t('tokens.newTitle')}</h2>
          {shownFormError && (
            <div className="alert alert-error" role="alert">
              {shownFormError}
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
          <button type="submit" className="btn btn-primary" disabled={createCall.busy}>
            {t('tokens.create')}
          </button>
        </form>
      )}

      <section className="account-list" aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`}>{t('tokens.listTitle')}</h2>
        {tokens.data && tokens.data.items.length > 0 && <ExportButtons download={(format) => exportsApi.tokens(format)} />}
        <p role="status" className="notice-line">
          {notice ?? revoking.error ?? ''}
        </p>
        {tokens.error ? (
          <ErrorBox message={tokens.error} onRetry={tokens.reload} />
        ) : tokens.data === null ? (
          <Loading />
        ) : (
          <TokensTable items={tokens.data.items} onRevoke={revoking.ask} />
        )}
      </section>

      <ConfirmItem
        confirmed={revoking}
        title={t('tokens.confirmTitle')}
        message={(x) => t('tokens.confirmRevoke', { name: x.name })}
        confirmLabel={t('tokens.revoke')}
      />
    </div>
  );
}

// "Pengguna" (/pengguna, PUSDATIN only, C1): the server-paged user list with search and role
// filter, status and lock badges, disable/enable/unlock/reset-password (each confirmed; a reset
// shows the one-time password once), and "Tambah Pengguna" with a scope picker per role.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/roles.ts';
import { ApiError, api, isAbort, type Page, type Region } from '../api/client.ts';
import { accessApi, type UserItem } from '../api/access.ts';
import {
  newUserProblems,
  supervisorUsername,
  toggleOperatorRegion,
  userActions,
  userBadges,
  type NewUserProblems,
  type UserAction,
} from '../accounts.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { OneTimeSecret } from '../components/OneTimeSecret.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { pageCount, pageRange } from '../filters.ts';
import { formatDateTime, formatNumber, formatRegionCode } from '../format.ts';
import { translate, useLanguage, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { useSession } from '../session.ts';
import '../account.css';
import { NotFoundPage } from './NotFoundPage.tsx';

const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 350;

/** Children of a region ('' = the provinces), or null while loading / when `parent` is null. */
function useRegions(parent: string | null): Region[] | null {
  const [state, setState] = useState<{ parent: string; items: Region[] } | null>(null);
  useEffect(() => {
    if (parent === null) return;
    let live = true;
    api.regions(parent).then(
      (items) => live && setState({ parent, items }),
      () => live && setState({ parent, items: [] }),
    );
    return () => {
      live = false;
    };
  }, [parent]);
  return parent !== null && state?.parent === parent ? state.items : null;
}

function RegionSelect({
  id,
  label,
  placeholder,
  items,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  label: string;
  placeholder: string;
  items: readonly Region[] | null;
  value: string;
  onChange: (code: string) => void;
  describedBy?: string;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={items === null} aria-describedby={describedBy}>
        <option value="">{items === null ? t('app.loading') : placeholder}</option>
        {(items ?? []).map((r) => (
          <option key={r.code} value={r.code}>
            {formatRegionCode(r.code)} {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The scope of a new user: nothing (PUSDATIN, PFM), one province (PROVINSI), one district
 * (SUPERVISOR), or kecamatan and desa of a district (OPERATOR).
 */
export function ScopePicker({
  role,
  value,
  onChange,
  errorId,
}: {
  role: Role;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  errorId?: string;
}) {
  const t = useT();
  const ids = useId();
  const [province, setProvince] = useState('');
  const [district, setDistrict] = useState('');
  const [kecamatan, setKecamatan] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const needsProvince = role === 'PROVINSI' || role === 'SUPERVISOR' || role === 'OPERATOR';
  const provinces = useRegions(needsProvince ? '' : null);
  const districts = useRegions((role === 'SUPERVISOR' || role === 'OPERATOR') && province ? province : null);
  const kecamatans = useRegions(role === 'OPERATOR' && district ? district : null);
  const desas = useRegions(role === 'OPERATOR' && kecamatan ? kecamatan : null);

  // Remember names of what was listed, for the "selected" list of an operator.
  useEffect(() => {
    const add = [...(kecamatans ?? []), ...(desas ?? [])];
    if (add.length) setNames((n) => ({ ...n, ...Object.fromEntries(add.map((r) => [r.code, r.name])) }));
  }, [kecamatans, desas]);

  if (!needsProvince) return <p className="hint">{t('users.form.national')}</p>;

  const chooseProvince = (code: string) => {
    setProvince(code);
    setDistrict('');
    setKecamatan('');
    if (role === 'PROVINSI') onChange(code ? [code] : []);
    else if (role === 'SUPERVISOR') onChange([]);
  };
  const chooseDistrict = (code: string) => {
    setDistrict(code);
    setKecamatan('');
    if (role === 'SUPERVISOR') onChange(code ? [code] : []);
  };
  const kecName = kecamatans?.find((k) => k.code === kecamatan)?.name ?? kecamatan;
  const wholeKecamatan = kecamatan !== '' && value.includes(kecamatan);

  return (
    <div className="scope-picker">
      <RegionSelect
        id={`${ids}-prov`}
        label={t('users.form.province')}
        placeholder={t('users.form.chooseProvince')}
        items={provinces}
        value={province}
        onChange={chooseProvince}
        describedBy={errorId}
      />
      {(role === 'SUPERVISOR' || role === 'OPERATOR') && province !== '' && (
        <RegionSelect
          id={`${ids}-kab`}
          label={t('users.form.district')}
          placeholder={t('users.form.chooseDistrict')}
          items={districts}
          value={district}
          onChange={chooseDistrict}
          describedBy={errorId}
        />
      )}
      {role === 'OPERATOR' && district !== '' && (
        <RegionSelect
          id={`${ids}-kec`}
          label={t('users.form.kecamatan')}
          placeholder={t('users.form.chooseKecamatan')}
          items={kecamatans}
          value={kecamatan}
          onChange={setKecamatan}
        />
      )}
      {role === 'OPERATOR' && kecamatan !== '' && (
        <fieldset className="checklist">
          <legend>{t('users.form.desaOf', { name: kecName })}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={wholeKecamatan}
              onChange={(e) => onChange(toggleOperatorRegion(value, kecamatan, e.target.checked))}
            />
            {t('users.form.wholeKecamatan', { name: kecName })}
          </label>
          {desas === null ? (
            <Loading />
          ) : (
            desas.map((d) => (
              <label className="check" key={d.code}>
                <input
                  type="checkbox"
                  checked={wholeKecamatan || value.includes(d.code)}
                  disabled={wholeKecamatan}
                  onChange={(e) => onChange(toggleOperatorRegion(value, d.code, e.target.checked))}
                />
                {d.name}
              </label>
            ))
          )}
        </fieldset>
      )}
      {role === 'OPERATOR' && (
        <div className="selected-regions">
          <p className="selected-title">{t('users.form.selected', { count: value.length })}</p>
          {value.length === 0 ? (
            <p className="hint">{t('users.form.noneSelected')}</p>
          ) : (
            <ul>
              {value.map((code) => (
                <li key={code}>
                  <span>
                    {formatRegionCode(code)} {names[code] ?? ''}
                  </span>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => onChange(toggleOperatorRegion(value, code, false))}
                  >
                    {t('users.form.remove')}
                    <span className="visually-hidden"> {names[code] ?? formatRegionCode(code)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export function NewUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (r: { username: string; password: string }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const ids = useId();
  const [role, setRole] = useState<Role | ''>('');
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [usernameTouched, setUsernameTouched] = useState(false);
  const [regions, setRegions] = useState<string[]>([]);
  const [problems, setProblems] = useState<NewUserProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const chooseRole = (r: Role | '') => {
    setRole(r);
    setRegions([]);
    setProblems({});
    if (!usernameTouched) setUsername('');
  };
  const chooseRegions = (codes: string[]) => {
    setRegions(codes);
    // A supervisor's User ID follows the district until it is typed by hand.
    if (role === 'SUPERVISOR' && !usernameTouched) setUsername(codes[0] ? supervisorUsername(codes[0]) : '');
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const p = newUserProblems({ role, name, username, regions });
    setProblems(p);
    if (Object.keys(p).length > 0 || role === '') {
      setError(translate('users.form.fix'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const clean = username.trim();
      const r = await accessApi.createUser({ role, name: name.trim(), regions, ...(clean ? { username: clean } : {}) });
      onCreated(r);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : translate('error.generic'));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (key: keyof NewUserProblems) => {
    const k: MessageKey | undefined = problems[key];
    return k ? (
      <p className="field-error" id={`${ids}-${key}-error`}>
        {t(k)}
      </p>
    ) : null;
  };
  const describedBy = (key: keyof NewUserProblems, hint?: string) =>
    [problems[key] ? `${ids}-${key}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
        {t('users.add')}
      </h2>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${ids}-role`}>{t('users.form.role')}</label>
        <select
          id={`${ids}-role`}
          value={role}
          onChange={(e) => chooseRole(e.target.value as Role | '')}
          aria-invalid={!!problems.role}
          aria-describedby={describedBy('role')}
        >
          <option value="">{t('users.form.chooseRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r][lang]}
            </option>
          ))}
        </select>
        {fieldError('role')}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-name`}>{t('users.form.name')}</label>
        <input
          id={`${ids}-name`}
          type="text"
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!problems.name}
          aria-describedby={describedBy('name')}
        />
        {fieldError('name')}
      </div>
      {role !== '' && (
        <fieldset className="scope">
          <legend>{t('users.form.scope')}</legend>
          <ScopePicker
            role={role}
            value={regions}
            onChange={chooseRegions}
            errorId={problems.regions ? `${ids}-regions-error` : undefined}
          />
          {fieldError('regions')}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${ids}-username`}>{t('users.form.username')}</label>
        <input
          id={`${ids}-username`}
          type="text"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          value={username}
          onChange={(e) => {
            setUsername(e.target.value);
            setUsernameTouched(e.target.value !== '');
          }}
          aria-invalid={!!problems.username}
          aria-describedby={describedBy('username', `${ids}-username-hint`)}
        />
        <p className="hint" id={`${ids}-username-hint`}>
          {t(role === 'SUPERVISOR' ? 'users.form.supervisorHint' : 'users.form.usernameHint')}
        </p>
        {fieldError('username')}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('users.form.submit')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
          {t('confirm.cancel')}
        </button>
      </div>
    </form>
  );
}

const BADGE_CLASS: Record<ReturnType<typeof userBadges>[number], string> = {
  active: 'badge badge-active',
  disabled: 'badge badge-inactive',
  locked: 'badge badge-warning',
  mustChange: 'badge badge-info',
};

const ACTION_KEY: Record<UserAction, MessageKey> = {
  disable: 'users.disable',
  enable: 'users.enable',
  unlock: 'users.unlock',
  reset: 'users.resetPassword',
};

export function UsersTable({
  items,
  me,
  now,
  onAction,
}: {
  items: readonly UserItem[];
  me: string;
  now: Date;
  onAction: (u: UserItem, a: UserAction) => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t('users.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.col.username')}</th>
            <th scope="col">{t('users.col.name')}</th>
            <th scope="col">{t('users.col.role')}</th>
            <th scope="col">{t('users.col.regions')}</th>
            <th scope="col">{t('users.col.status')}</th>
            <th scope="col">{t('users.col.createdAt')}</th>
            <th scope="col">{t('users.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.id}>
              <th scope="row" className="mono">
                {u.username}
              </th>
              <td>{u.name}</td>
              <td>{ROLE_LABELS[u.role][lang]}</td>
              <td className="mono">{u.regions.length === 0 ? t('users.national') : u.regions.map(formatRegionCode).join(', ')}</td>
              <td>
                <span className="badges">
                  {userBadges(u, now).map((b) => (
                    <span key={b} className={BADGE_CLASS[b]}>
                      {b === 'active'
                        ? t('users.status.ACTIVE')
                        : b === 'disabled'
                          ? t('users.status.DISABLED')
                          : b === 'locked'
                            ? t('users.locked', { time: formatDateTime(u.lockedUntil, locale) })
                            : t('users.mustChange')}
                    </span>
                  ))}
                </span>
              </td>
              <td className="nowrap">{formatDateTime(u.createdAt, locale)}</td>
              <td>
                <span className="row-actions">
                  {userActions(u, me, now).map((a) => (
                    <button key={a} type="button" className="btn btn-secondary btn-small" onClick={() => onAction(u, a)}>
                      {t(ACTION_KEY[a])}
                      <span className="visually-hidden"> {u.username}</span>
                    </button>
                  ))}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Pending = { user: UserItem; action: UserAction };
type Secret = { title: string; value: string };

function UsersAdmin() {
  const t = useT();
  const lang = useLanguage();
  const locale = useLocale();
  const { me } = useSession();
  useDocumentTitle(t('users.title'));
  const ids = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<UserItem> | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);

  // Typing searches after a pause, from the first page.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(text.trim());
      setPage(1);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setLoadError(null);
    accessApi.users({ q: q || undefined, role: role || undefined, page, pageSize: PAGE_SIZE }, ctrl.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setLoadError(e instanceof ApiError ? e.message : translate('error.generic'));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [q, role, page, attempt]);

  const reload = useCallback(() => setAttempt((a) => a + 1), []);

  const run = async () => {
    if (!pending) return;
    const { user, action } = pending;
    setBusy(true);
    setNotice(null);
    try {
      if (action === 'reset') {
        const r = await accessApi.resetPassword(user.username);
        setSecret({ title: t('users.oneTimeTitle', { username: user.username }), value: r.password });
      } else {
        await accessApi.userAction(user.username, action);
        setNotice({ kind: 'ok', text: t(`users.done.${action}`, { username: user.username }) });
      }
      reload();
    } catch (err) {
      setNotice({ kind: 'error', text: err instanceof ApiError ? err.message : translate('error.generic') });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const pages = data ? pageCount(data.total, data.pageSize || PAGE_SIZE) : 1;
  const range = data ? pageRange(data.page, data.pageSize, data.total) : { from: 0, to: 0 };

  return (
    <div className="users-page">
      <h1>{t('users.title')}</h1>
      <p>{t('users.intro')}</p>

      {secret && (
        <OneTimeSecret
          title={secret.title}
          label={t('users.oneTimeLabel')}
          value={secret.value}
          note={t('users.oneTimeNote')}
          onDone={() => setSecret(null)}
        />
      )}

      {adding ? (
        <NewUserForm
          onCreated={(r) => {
            setAdding(false);
            setSecret({ title: t('users.createdTitle', { username: r.username }), value: r.password });
            reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <p>
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            {t('users.add')}
          </button>
        </p>
      )}

      <form role="search" className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('users.filters')}>
        <div className="field field-search">
          <label htmlFor={`${ids}-q`}>{t('users.search')}</label>
          <input
            id={`${ids}-q`}
            type="search"
            value={text}
            maxLength={64}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${ids}-q-hint`}
          />
          <p className="hint" id={`${ids}-q-hint`}>
            {t('users.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-role`}>{t('users.role')}</label>
          <select
            id={`${ids}-role`}
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role | '');
              setPage(1);
            }}
          >
            <option value="">{t('users.allRoles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r][lang]}
              </option>
            ))}
          </select>
        </div>
      </form>

      <div role="status" className="notice-line">
        {notice && <p className={notice.kind === 'ok' ? 'alert alert-success' : 'alert alert-error'}>{notice.text}</p>}
      </div>

      <section className="results" aria-busy={loading} aria-labelledby={`${ids}-count`}>
        <p className="result-count" id={`${ids}-count`}>
          {data
            ? t('list.showing', {
                from: formatNumber(range.from, locale),
                to: formatNumber(range.to, locale),
                total: formatNumber(data.total, locale),
              })
            : t('users.caption')}
        </p>
        {loadError ? (
          <ErrorBox message={loadError} onRetry={reload} />
        ) : data === null ? (
          <Loading />
        ) : data.items.length === 0 ? (
          <p className="empty">{t('users.empty')}</p>
        ) : (
          <>
            <UsersTable items={data.items} me={me.username} now={new Date()} onAction={(user, action) => setPending({ user, action })} />
            <nav className="pagination" aria-label={t('list.pagination')}>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={page <= 1}
                onClick={() => setPage((p) => Math.max(1, Math.min(p - 1, pages)))}
              >
                {t('list.prev')}
              </button>
              <span className="page-of">{t('list.pageOf', { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</span>
              <button type="button" className="btn btn-secondary" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                {t('list.next')}
              </button>
            </nav>
          </>
        )}
      </section>

      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(ACTION_KEY[pending.action]) : ''}
        message={pending ? t(`users.confirm.${pending.action}`, { username: pending.user.username }) : ''}
        confirmLabel={pending ? t(ACTION_KEY[pending.action]) : ''}
        busy={busy}
        onConfirm={() => void run()}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}

/** The page; other roles get "not found", as for any page they may not use. */
export function UsersPage() {
  const { me } = useSession();
  return me.role === 'PUSDATIN' ? <UsersAdmin /> : <NotFoundPage />;
}

// "Pengguna" (/pengguna, PUSDATIN only, C1): the server-paged user list with search and role
// filter, status and lock badges, disable/enable/unlock/reset-password (each confirmed; a reset
// shows the one-time password once), and "Tambah Pengguna" with a scope picker per role.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, scopeCodeLengths, scopeHoldsManyRegions, scopeMayBeNational, type Role } from '../../shared/roles.ts';
import type { RegionLevel } from '../api/client.ts';
import { accessApi, type NewUser, type UserItem } from '../api/access.ts';
import {
  newUserProblems,
  supervisorUsername,
  toggleOperatorRegion,
  userActions,
  userBadges,
  derivesUsername,
  type NewUserProblems,
  type UserAction,
  type UserBadge,
} from '../accounts.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, tableTexts, type Column, type TableState } from '../components/DataTable.tsx';
import { fieldErrors } from '../components/FieldErrors.tsx';
import { OneTimeSecret } from '../components/OneTimeSecret.tsx';
import { TextField } from '../components/TextField.tsx';
import { levelOfCode, RegionPicker, type RegionPath } from '../components/RegionPicker.tsx';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDateTime, formatRegionCode } from '../format.ts';
import { useLanguage, useLocale, useT, type Lang, type MessageKey } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { useDebounced, usePageOf } from '../lib/useDebounced.ts';
import { useData, useMutation } from '../lib/useData.ts';
import { useRegionChildren } from '../lib/useRegionChildren.ts';
import { useSession } from '../session.ts';
import '../account.css';
import { NotFoundPage } from './NotFoundPage.tsx';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';

const PAGE_SIZE = 25;

/**
 * The deepest level of the cascade a role's scope needs: its own level, for an operator the
 * kecamatan whose desa are listed, for an integration the district (a province or none also do).
 */
function cascadeEnd(role: Role): RegionLevel | null {
  const lengths = scopeCodeLengths(role);
  if (lengths.length === 0) return null;
  return levelOfCode('0'.repeat(scopeHoldsManyRegions(role) ? Math.min(...lengths) : Math.max(...lengths)));
}

/**
 * The scope of a new user: nothing (PUSDATIN, PFM), one province (PROVINSI), one district
 * (SUPERVISOR), or kecamatan and desa of a district (OPERATOR, several allowed: checkboxes).
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
  const [path, setPath] = useState<RegionPath>({});
  const [names, setNames] = useState<Record<string, string>>({});
  const to = cascadeEnd(role);
  // A scope of several regions (operator) is ticked below the cascade; otherwise the cascade's last choice is the scope.
  const several = scopeHoldsManyRegions(role);
  const kecamatan = several ? (path.kecamatan ?? '') : '';
  const kecamatans = useRegionChildren(several && path.kabkota ? path.kabkota : null).items;
  const desas = useRegionChildren(kecamatan || null).items;

  if (to === null) return <p className="hint">{t('users.form.national')}</p>;

  const choosePath = (next: RegionPath) => {
    setPath(next);
    // An integration's scope is the deepest choice made: none (the nation), a province or a district.
    const chosen = scopeMayBeNational(role) ? (next.kabkota ?? next.provinsi) : next[to];
    if (!several) onChange(chosen ? [chosen] : []);
  };
  const toggle = (code: string, name: string, on: boolean) => {
    setNames((n) => ({ ...n, [code]: name }));
    onChange(toggleOperatorRegion(value, code, on));
  };
  const kecName = kecamatans?.find((k) => k.code === kecamatan)?.name ?? kecamatan;
  const wholeKecamatan = kecamatan !== '' && value.includes(kecamatan);

  return (
    <div className="scope-picker">
      {scopeMayBeNational(role) && <p className="hint">{t('users.form.integration')}</p>}
      <RegionPicker to={to} value={path} onChange={choosePath} idPrefix={ids} describedBy={errorId} showCodes />
      {kecamatan !== '' && (
        <fieldset className="checklist">
          <legend>{t('users.form.desaOf', { name: kecName })}</legend>
          <label className="check">
            <input type="checkbox" checked={wholeKecamatan} onChange={(e) => toggle(kecamatan, kecName, e.target.checked)} />
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
                  onChange={(e) => toggle(d.code, d.name, e.target.checked)}
                />
                {d.name}
              </label>
            ))
          )}
        </fieldset>
      )}
      {several && (
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
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation((input: NewUser) => accessApi.createUser(input));
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const chooseRole = (r: Role | '') => {
    setRole(r);
    setRegions([]);
    setProblems({});
    if (!usernameTouched) setUsername('');
  };
  // The role chosen for the new account decides its User ID rule (not the acting user's role).
  const derivedUsername = derivesUsername(role);
  const chooseRegions = (codes: string[]) => {
    setRegions(codes);
    // A supervisor's User ID follows the district until it is typed by hand.
    if (derivedUsername && !usernameTouched) setUsername(codes[0] ? supervisorUsername(codes[0]) : '');
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const p = newUserProblems({ role, name, username, regions });
    setProblems(p);
    if (Object.keys(p).length > 0 || role === '') {
      setFormError(t('users.form.fix'));
      return;
    }
    setFormError(null);
    const clean = username.trim();
    const r = await create.run({ role, name: name.trim(), regions, ...(clean ? { username: clean } : {}) });
    if (r.ok) onCreated(r.value);
  };

  const fields = fieldErrors(
    ids,
    Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, t(v)])) as Partial<Record<keyof NewUserProblems, string>>,
  );
  const error = formError ?? create.error;

  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} noValidate aria-busy={create.busy} aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
        {t('users.add')}
      </h2>
      {error && <ErrorBox message={error} />}
      <div className="field">
        <label htmlFor={`${ids}-role`}>{t('users.form.role')}</label>
        <RoleSelect
          id={`${ids}-role`}
          value={role}
          onChange={chooseRole}
          emptyLabel={t('users.form.chooseRole')}
          invalid={!!problems.role}
          describedBy={fields.describedBy('role')}
          lang={lang}
        />
        {fields.error('role')}
      </div>
      <TextField
        id={`${ids}-name`}
        label={t('users.form.name')}
        maxLength={100}
        value={name}
        onChange={setName}
        error={problems.name && t(problems.name)}
      />
      {role !== '' && (
        <fieldset className="scope">
          <legend>{t('users.form.scope')}</legend>
          <ScopePicker key={role} role={role} value={regions} onChange={chooseRegions} errorId={fields.describedBy('regions')} />
          {fields.error('regions')}
        </fieldset>
      )}
      <TextField
        id={`${ids}-username`}
        label={t('users.form.username')}
        hint={t(derivedUsername ? 'users.form.supervisorHint' : 'users.form.usernameHint')}
        verbatim
        maxLength={64}
        value={username}
        onChange={(v) => {
          setUsername(v);
          setUsernameTouched(v !== '');
        }}
        error={problems.username && t(problems.username)}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.busy}>
          {t('users.form.submit')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={create.busy}>
          {t('confirm.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The role select of the form and of the filter bar. */
function RoleSelect({
  id,
  value,
  onChange,
  emptyLabel,
  invalid,
  describedBy,
  lang,
}: {
  id: string;
  value: Role | '';
  onChange: (role: Role | '') => void;
  emptyLabel: string;
  invalid?: boolean;
  describedBy?: string;
  lang: Lang;
}) {
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value as Role | '')}
      aria-invalid={invalid}
      aria-describedby={describedBy}
    >
      <option value="">{emptyLabel}</option>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r][lang]}
        </option>
      ))}
    </select>
  );
}

const BADGE_CLASS: Record<UserBadge, string> = {
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

function BadgeText({ badge, user }: { badge: UserBadge; user: UserItem }) {
  const t = useT();
  const locale = useLocale();
  if (badge === 'locked') return <>{t('users.locked', { time: formatDateTime(user.lockedUntil, locale) })}</>;
  return <>{t(badge === 'active' ? 'users.status.ACTIVE' : badge === 'disabled' ? 'users.status.DISABLED' : 'users.mustChange')}</>;
}

export function UsersTable({
  items,
  me,
  now,
  onAction,
  ...table
}: TableState & {
  items: readonly UserItem[] | null;
  me: string;
  now: Date;
  onAction: (u: UserItem, a: UserAction) => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const locale = useLocale();
  const columns: Column<UserItem>[] = [
    { key: 'username', header: t('users.col.username'), rowHeader: true, className: 'mono', cell: (u) => u.username },
    { key: 'name', header: t('users.col.name'), cell: (u) => u.name },
    { key: 'role', header: t('users.col.role'), cell: (u) => ROLE_LABELS[u.role][lang] },
    {
      key: 'regions',
      header: t('users.col.regions'),
      className: 'mono',
      cell: (u) => (u.regions.length === 0 ? t('users.national') : u.regions.map(formatRegionCode).join(', ')),
    },
    {
      key: 'status',
      header: t('users.col.status'),
      cell: (u) => (
        <span className="badges">
          {userBadges(u, now).map((b) => (
            <span key={b} className={BADGE_CLASS[b]}>
              <BadgeText badge={b} user={u} />
            </span>
          ))}
        </span>
      ),
    },
    { key: 'createdAt', header: t('users.col.createdAt'), className: 'nowrap', cell: (u) => formatDateTime(u.createdAt, locale) },
    {
      key: 'actions',
      header: t('users.col.actions'),
      cell: (u) => (
        <span className="row-actions">
          {userActions(u, me, now).map((a) => (
            <button key={a} type="button" className="btn btn-secondary btn-small" onClick={() => onAction(u, a)}>
              {t(ACTION_KEY[a])}
              <span className="visually-hidden"> {u.username}</span>
            </button>
          ))}
        </span>
      ),
    },
  ];
  return <DataTable {...table} {...tableTexts(t, 'users')} columns={columns} rows={items} rowKey={(u) => u.id} scrollable={false} />;
}

type Pending = { user: UserItem; action: UserAction };
type Secret = { title: string; value: string };

/** Runs a row action; a password reset answers the one-time password. */
async function runAction({ user, action }: Pending): Promise<string | null> {
  if (action === 'reset') return (await accessApi.resetPassword(user.username)).password;
  await accessApi.userAction(user.username, action);
  return null;
}

function UsersAdmin() {
  const t = useT();
  const lang = useLanguage();
  const { me } = useSession();
  useDocumentTitle(t('users.title'));
  const ids = useId();
  const [text, setText] = useState('');
  const [q] = useDebounced(text.trim());
  const [role, setRole] = useState<Role | ''>('');
  const [page, setPage] = usePageOf(`${q}|${role}`);
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const users = useData(
    (signal) => accessApi.users({ q: q || undefined, role: role || undefined, page, pageSize: PAGE_SIZE }, signal),
    [q, role, page],
  );
  const action = useMutation(runAction);

  const run = async () => {
    if (!pending) return;
    const { user, action: kind } = pending;
    setNotice(null);
    const r = await action.run(pending);
    setPending(null);
    if (!r.ok) return;
    if (r.value !== null) setSecret({ title: t('users.oneTimeTitle', { username: user.username }), value: r.value });
    else setNotice(t(`users.done.${kind as Exclude<UserAction, 'reset'>}`, { username: user.username }));
    users.reload();
  };

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
            users.reload();
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
        <TextField
          id={`${ids}-q`}
          className="field-search"
          type="search"
          label={t('users.search')}
          hint={t('users.searchHint')}
          maxLength={64}
          value={text}
          onChange={setText}
        />
        <div className="field">
          <label htmlFor={`${ids}-role`}>{t('users.role')}</label>
          <RoleSelect id={`${ids}-role`} value={role} onChange={setRole} emptyLabel={t('users.allRoles')} lang={lang} />
        </div>
      </form>

      <div role="status" className="notice-line">
        {notice && <p className="alert alert-success">{notice}</p>}
        {action.error && <p className="alert alert-error">{action.error}</p>}
      </div>

      <section className="results" aria-label={t('users.caption')}>
        <ExportButtons download={(format) => exportsApi.users(format, { q: q || undefined, role: role || undefined })} />
        <UsersTable
          items={users.data?.items ?? null}
          me={me.username}
          now={new Date()}
          onAction={(user, kind) => setPending({ user, action: kind })}
          loading={users.loading}
          error={users.error}
          onRetry={users.reload}
          paging={users.data ? { page, pageSize: users.data.pageSize || PAGE_SIZE, total: users.data.total, onPage: setPage } : undefined}
        />
      </section>

      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(ACTION_KEY[pending.action]) : ''}
        message={pending ? t(`users.confirm.${pending.action}`, { username: pending.user.username }) : ''}
        confirmLabel={pending ? t(ACTION_KEY[pending.action]) : ''}
        busy={action.busy}
        onConfirm={() => void run()}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}

/** The page; a user without `users:manage` gets "not found", as for any page they may not use. */
export function UsersPage() {
  return useCan()('users:manage') ? <UsersAdmin /> : <NotFoundPage />;
}

// F13 household page: summary, every field grouped with dictionary labels and code meanings,
// members (with a details expander each) and the history of changes. Loaded lazily with the dictionary.
import { Fragment, useEffect, useMemo, useState } from 'react';
import { ApiError, api, isAbort, type HistoryEntry, type HouseholdDetail, type HouseholdRecord, type MemberRecord } from '../api/client.ts';
import { ErrorBox, Loading, StatusBadge, useDocumentTitle } from '../components/Status.tsx';
import { fieldDef, formatFieldValue, groupedHouseholdFields, memberFields, type FieldDef, type ValueTexts } from '../dictionary.ts';
import { listHref } from '../filters.ts';
import { ageInYears, desil, formatDate, formatDateTime, formatIdbdt, formatNumber, formatRegionCode } from '../format.ts';
import { translate, useLocale, useT, type MessageKey, type Translate } from '../i18n/index.ts';
import { Link } from '../router.tsx';

type State = { kind: 'loading' } | { kind: 'notFound' } | { kind: 'error'; message: string } | { kind: 'ok'; data: HouseholdDetail };

const GROUP_KEYS: Record<ReturnType<typeof groupedHouseholdFields>[number]['group'], MessageKey> = {
  identitas: 'hh.group.identitas',
  perumahan: 'hh.group.perumahan',
  aset: 'hh.group.aset',
  program: 'hh.group.program',
  lainnya: 'hh.group.lainnya',
};

function useValueTexts(): ValueTexts {
  const t = useT();
  const locale = useLocale();
  return useMemo(() => ({ yes: t('value.yes'), no: t('value.no'), empty: t('value.empty'), locale }), [t, locale]);
}

/** Names of the household's desa, kecamatan and kabupaten/kota, looked up best-effort (outside the scope the lookups may fail). */
function useRegionNames(kode: string | undefined): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    setNames([]);
    if (!kode || !/^\d{10}$/.test(kode)) return;
    let live = true;
    const lookup = (parent: string, code: string) =>
      api.regions(parent).then(
        (items) => items.find((r) => r.code === code)?.name ?? null,
        () => null,
      );
    void Promise.all([
      lookup(kode.slice(0, 6), kode),
      lookup(kode.slice(0, 4), kode.slice(0, 6)),
      lookup(kode.slice(0, 2), kode.slice(0, 4)),
    ]).then((found) => live && setNames(found.filter((n): n is string => n !== null)));
    return () => {
      live = false;
    };
  }, [kode]);
  return names;
}

/** Display text of a history entry's `source`: 'baseline', 'relocation', 'online', 'package:<uuid>'. */
export function sourceText(source: string, t: Translate): string {
  if (source === 'baseline') return t('history.source.baseline');
  if (source === 'relocation') return t('history.source.relocation');
  if (source === 'online') return t('history.source.online');
  const m = /^package:(.+)$/.exec(source);
  if (m) return t('history.source.package', { id: m[1]!.slice(0, 8) });
  return source;
}

function FieldList({
  fields,
  record,
  texts,
}: {
  fields: readonly FieldDef[];
  record: Readonly<Record<string, unknown>>;
  texts: ValueTexts;
}) {
  return (
    <dl className="fields">
      {fields.map((f) => (
        <div key={f.name} className="field-row">
          {/* Dictionary labels exist in Indonesian only: mark them so screen readers pronounce them right. */}
          <dt lang="id">{f.label}</dt>
          <dd>{formatFieldValue(f, record[f.name], texts)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Summary({ household, regionNames }: { household: HouseholdRecord; regionNames: string[] }) {
  const t = useT();
  const locale = useLocale();
  const empty = t('value.empty');
  return (
    <section className="card" aria-label={t('hh.summary')}>
      <dl className="summary">
        <div>
          <dt>{t('hh.idbdt')}</dt>
          <dd className="mono">{household.idbdt}</dd>
        </div>
        <div>
          <dt>{t('hh.namaKrt')}</dt>
          <dd>{household.nama_krt ?? empty}</dd>
        </div>
        <div>
          <dt>{t('hh.status')}</dt>
          <dd>
            <StatusBadge status={household.status} />
          </dd>
        </div>
        <div>
          <dt>{t('hh.version')}</dt>
          <dd>{formatNumber(household.version, locale)}</dd>
        </div>
        <div className="wide">
          <dt>{t('hh.address')}</dt>
          <dd>{household.alamat}</dd>
        </div>
        <div className="wide">
          <dt>{t('hh.region')}</dt>
          <dd>
            {regionNames.length > 0 && <>{regionNames.join(', ')} </>}
            <span className="mono">({formatRegionCode(household.kode_wilayah)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('hh.desil')}</dt>
          <dd>{desil(household.persentil) ?? empty}</dd>
        </div>
        <div>
          <dt>{t('hh.updatedAt')}</dt>
          <dd>{formatDateTime(household.updated_at, locale) || empty}</dd>
        </div>
      </dl>
    </section>
  );
}

function MemberRow({ m, texts }: { m: MemberRecord; texts: ValueTexts }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const detailsId = `member-${m.idartbdt}`;
  const show = (name: string) => formatFieldValue(fieldDef('member', name), m[name], texts);
  const age = ageInYears(m.tanggal_lahir, new Date());
  return (
    <Fragment>
      <tr>
        <td className="mono">{m.idartbdt}</td>
        <td className="mono">{m.nik}</td>
        <td className="mono">{m.no_kk}</td>
        <td>{m.nama}</td>
        <td>{show('hub_krt')}</td>
        <td>{show('jenis_kelamin')}</td>
        <td>{formatDate(m.tanggal_lahir, texts.locale) || texts.empty}</td>
        <td className="num">{age === null ? texts.empty : t('members.age', { n: age })}</td>
        <td>{show('sta_keberadaan_art')}</td>
        <td>
          <button type="button" className="btn btn-small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
            {t('members.details')}
            <span className="visually-hidden"> {m.nama}</span>
          </button>
        </td>
      </tr>
      <tr id={detailsId} className="member-details" hidden={!open}>
        <td colSpan={10}>
          {open && (
            <section aria-label={t('members.detailsOf', { name: m.nama })}>
              <FieldList fields={memberFields} record={m} texts={texts} />
            </section>
          )}
        </td>
      </tr>
    </Fragment>
  );
}

function Members({ members, texts }: { members: MemberRecord[]; texts: ValueTexts }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      {members.length === 0 ? (
        <p>{t('members.empty')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="members-caption" tabIndex={0}>
          <table className="table">
            <caption id="members-caption">{t('members.caption', { count: members.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.col.idartbdt')}</th>
                <th scope="col">{t('members.col.nik')}</th>
                <th scope="col">{t('members.col.noKk')}</th>
                <th scope="col">{t('members.col.nama')}</th>
                <th scope="col">{t('members.col.hubungan')}</th>
                <th scope="col">{t('members.col.jenisKelamin')}</th>
                <th scope="col">{t('members.col.tanggalLahir')}</th>
                <th scope="col" className="num">
                  {t('members.col.umur')}
                </th>
                <th scope="col">{t('members.col.keberadaan')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('members.col.details')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <MemberRow key={m.idartbdt} m={m} texts={texts} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The label of a changed field: the member's or household's dictionary label, else a known system field, else its name. */
function historyFieldLabel(h: HistoryEntry, t: Translate): string {
  const def = fieldDef(h.idartbdt ? 'member' : 'household', h.field) ?? fieldDef(h.idartbdt ? 'household' : 'member', h.field);
  if (def) return def.label;
  if (h.field === 'status') return t('field.status');
  if (h.field === 'version') return t('field.version');
  return h.field;
}

function History({ history, members, texts }: { history: HistoryEntry[]; members: MemberRecord[]; texts: ValueTexts }) {
  const t = useT();
  const names = useMemo(() => new Map(members.map((m) => [m.idartbdt, m.nama])), [members]);
  const empty = texts.empty;
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {history.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="history-caption" tabIndex={0}>
          <table className="table">
            <caption id="history-caption">{t('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.col.waktu')}</th>
                <th scope="col">{t('history.col.subject')}</th>
                <th scope="col">{t('history.col.field')}</th>
                <th scope="col">{t('history.col.old')}</th>
                <th scope="col">{t('history.col.new')}</th>
                <th scope="col">{t('history.col.by')}</th>
                <th scope="col">{t('history.col.source')}</th>
                <th scope="col">{t('history.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => {
                const def = fieldDef(h.idartbdt ? 'member' : 'household', h.field);
                return (
                  <tr key={String(h.id)}>
                    <td className="nowrap">{formatDateTime(h.changed_at, texts.locale)}</td>
                    <td>{h.idartbdt ? (names.get(h.idartbdt) ?? h.idartbdt) : t('history.household')}</td>
                    <td>{historyFieldLabel(h, t)}</td>
                    <td>{formatFieldValue(def, h.old_value, texts)}</td>
                    <td>{formatFieldValue(def, h.new_value, texts)}</td>
                    <td>{h.changed_by ?? empty}</td>
                    <td title={h.source}>{sourceText(h.source, t)}</td>
                    <td>{h.reason ?? empty}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NotFound() {
  const t = useT();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to={listHref()}>{t('hh.back')}</Link>
      </p>
    </div>
  );
}

export default function HouseholdPage({ idbdt }: { idbdt: string }) {
  const t = useT();
  const valid = /^\d{16}$/.test(idbdt);
  const [state, setState] = useState<State>(valid ? { kind: 'loading' } : { kind: 'notFound' });
  const [attempt, setAttempt] = useState(0);
  const household = state.kind === 'ok' ? state.data.household : undefined;
  const regionNames = useRegionNames(household?.kode_wilayah);
  useDocumentTitle(state.kind === 'ok' ? t('hh.heading', { idbdt: formatIdbdt(idbdt) }) : t('app.loading'));

  useEffect(() => {
    if (!valid) {
      setState({ kind: 'notFound' });
      return;
    }
    const ctrl = new AbortController();
    setState({ kind: 'loading' });
    api.household(idbdt, ctrl.signal).then(
      (data) => setState({ kind: 'ok', data }),
      (e: unknown) => {
        if (isAbort(e)) return;
        if (e instanceof ApiError && e.status === 404) setState({ kind: 'notFound' });
        else setState({ kind: 'error', message: e instanceof ApiError ? e.message : translate('error.generic') });
      },
    );
    return () => ctrl.abort();
  }, [idbdt, valid, attempt]);

  if (state.kind === 'notFound') return <NotFound />;

  return (
    <div className="household-page">
      <p className="back">
        <Link to={listHref()}>{t('hh.back')}</Link>
      </p>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <ErrorBox message={state.message} onRetry={() => setAttempt((a) => a + 1)} />}
      {state.kind === 'ok' && <HouseholdView data={state.data} regionNames={regionNames} />}
    </div>
  );
}

/** The loaded household: heading, summary, field groups, members and history. */
export function HouseholdView({ data, regionNames }: { data: HouseholdDetail; regionNames: string[] }) {
  const t = useT();
  const texts = useValueTexts();
  return (
    <>
      <h1>{t('hh.heading', { idbdt: formatIdbdt(data.household.idbdt) })}</h1>
      <Summary household={data.household} regionNames={regionNames} />
      {groupedHouseholdFields().map(({ group, fields }) => (
        <section key={group} className="card" aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`}>{t(GROUP_KEYS[group])}</h2>
          <FieldList fields={fields} record={data.household} texts={texts} />
        </section>
      ))}
      <Members members={data.members} texts={texts} />
      <History history={data.history} members={data.members} texts={texts} />
    </>
  );
}

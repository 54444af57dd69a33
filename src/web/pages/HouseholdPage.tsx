// F13 household page: summary, every field grouped with dictionary labels and code meanings,
// members (with a details expander each) and the history of changes. Loaded lazily with the dictionary.
import { useMemo, useState } from 'react';
import { ApiError, api, type HistoryEntry, type HouseholdDetail, type HouseholdRecord, type MemberRecord } from '../api/client.ts';
import { Can } from '../components/Can.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { ErrorBox, Loading, StatusBadge, useDocumentTitle } from '../components/Status.tsx';
import { fieldDef, formatFieldValue, groupedHouseholdFields, memberFields, type FieldDef, type ValueTexts } from '../dictionary.ts';
import { listHref } from '../filters.ts';
import {
  ageInYears,
  desil,
  formatDate,
  formatDateTime,
  formatIdbdt,
  formatNik,
  formatNumber,
  formatRegionCode,
  todayIsoDate,
} from '../format.ts';
import { useLocale, useT, type MessageKey, type Translate } from '../i18n/index.ts';
import { Link } from '../router.tsx';
import { HouseholdProgrammes } from './HouseholdProgrammes.tsx';
import { HouseholdPhotos } from './HouseholdPhotos.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { useData } from '../lib/useData.ts';
import { useRegionName } from '../lib/useRegionChildren.ts';

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

/** Names of the household's desa, kecamatan and kabupaten/kota, as far as they are known. */
function useRegionNames(kode: string | undefined): string[] {
  const desa = useRegionName(kode);
  const kecamatan = useRegionName(kode?.slice(0, 6));
  const district = useRegionName(kode?.slice(0, 4));
  return kode?.length === 10 ? [desa, kecamatan, district].filter((n): n is string => n !== null) : [];
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
          <dd className="mono">{formatIdbdt(household.idbdt)}</dd>
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

/** An IDARTBDT written like every IDBDT, free to break before the member number. */
function MemberId({ id }: { id: string }) {
  const shown = formatIdbdt(id);
  const cut = shown.lastIndexOf('.');
  return cut < 0 ? (
    shown
  ) : (
    <>
      {shown.slice(0, cut)}
      <wbr />
      {shown.slice(cut)}
    </>
  );
}

/** The expander of a member's details (its row follows the member's row). */
function DetailsButton({ m, open, onToggle }: { m: MemberRecord; open: boolean; onToggle: () => void }) {
  const t = useT();
  return (
    <button type="button" className="btn btn-small" aria-expanded={open} aria-controls={`member-${m.idartbdt}`} onClick={onToggle}>
      {t('members.details')}
      <span className="visually-hidden"> {m.nama}</span>
    </button>
  );
}

function Members({ members, texts }: { members: MemberRecord[]; texts: ValueTexts }) {
  const t = useT();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const show = (m: MemberRecord, name: string) => formatFieldValue(fieldDef('member', name), m[name], texts);
  const today = todayIsoDate();
  const columns: Column<MemberRecord>[] = [
    // The member number may wrap under the household's IDBDT rather than widen the table.
    { key: 'idartbdt', header: t('members.col.idartbdt'), className: 'mono', cell: (m) => <MemberId id={m.idartbdt} /> },
    // Stacked pairs (NIK over No KK, birth date over age) keep the table within a 1366 px screen.
    {
      key: 'nikKk',
      header: t('members.col.nikKk'),
      className: 'mono',
      cell: (m) => (
        <>
          <span className="stack">{formatNik(m.nik)}</span>
          <span className="stack muted">{formatNik(m.no_kk)}</span>
        </>
      ),
    },
    { key: 'nama', header: t('members.col.nama'), cell: (m) => m.nama },
    { key: 'hubungan', header: t('members.col.hubungan'), cell: (m) => show(m, 'hub_krt') },
    { key: 'jenisKelamin', header: t('members.col.jenisKelamin'), cell: (m) => show(m, 'jenis_kelamin') },
    {
      key: 'tanggalLahir',
      header: t('members.col.lahirUmur'),
      cell: (m) => {
        const age = ageInYears(m.tanggal_lahir, today);
        return (
          <>
            <span className="stack">{formatDate(m.tanggal_lahir, texts.locale) || texts.empty}</span>
            {age !== null && <span className="stack muted">{t('members.age', { n: age })}</span>}
          </>
        );
      },
    },
    { key: 'keberadaan', header: t('members.col.keberadaan'), cell: (m) => show(m, 'sta_keberadaan_art') },
    {
      key: 'details',
      header: <span className="visually-hidden">{t('members.col.details')}</span>,
      cell: (m) => <DetailsButton m={m} open={open.has(m.idartbdt)} onToggle={() => toggle(m.idartbdt)} />,
    },
  ];
  const details = (m: MemberRecord) => (
    <tr id={`member-${m.idartbdt}`} className="member-details" hidden={!open.has(m.idartbdt)}>
      <td colSpan={columns.length}>
        {open.has(m.idartbdt) && (
          <section aria-label={t('members.detailsOf', { name: m.nama })}>
            <FieldList fields={memberFields} record={m} texts={texts} />
          </section>
        )}
      </td>
    </tr>
  );
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      <DataTable
        idPrefix="members"
        caption={t('members.caption', { count: members.length })}
        columns={columns}
        rows={members}
        rowKey={(m) => m.idartbdt}
        afterRow={details}
        tableClassName="members-table"
        empty={t('members.empty')}
      />
    </section>
  );
}

/** The label of a changed field: the member's or household's dictionary label, else a known system field, else its name. */
function historyFieldLabel(h: HistoryEntry, t: Translate): string {
  const def = fieldDef(h.idartbdt ? 'member' : 'household', h.field) ?? fieldDef(h.idartbdt ? 'household' : 'member', h.field);
  if (def) return def.label;
  if (h.field === 'status') return t('field.status');
  if (h.field === 'version') return t('field.version');
  if (h.field === 'pemindahan') return t('reloc.history.field');
  const system = HISTORY_FIELD_KEYS[h.field];
  return system ? t(system) : h.field;
}

// Entries a decision writes for more than one field: named in words, never by their code.
const HISTORY_FIELD_KEYS: Readonly<Record<string, MessageKey>> = {
  usulan_baru: 'history.field.usulanBaru',
  anggota_baru: 'history.field.anggotaBaru',
  hasil_verval: 'history.field.hasilVerval',
};

/** Where a change came from: a package by its file name, linked to its import; else the source in words. */
function HistorySource({ h }: { h: HistoryEntry }) {
  const t = useT();
  if (h.package) return <Link to={`/import/${h.package.importId}`}>{h.package.fileName}</Link>;
  return <span title={h.source}>{sourceText(h.source, t)}</span>;
}

function History({ history, members, texts }: { history: HistoryEntry[]; members: MemberRecord[]; texts: ValueTexts }) {
  const t = useT();
  const names = useMemo(() => new Map(members.map((m) => [m.idartbdt, m.nama])), [members]);
  const empty = texts.empty;
  const defOf = (h: HistoryEntry) => fieldDef(h.idartbdt ? 'member' : 'household', h.field);
  const columns: Column<HistoryEntry>[] = [
    { key: 'waktu', header: t('history.col.waktu'), className: 'nowrap', cell: (h) => formatDateTime(h.changed_at, texts.locale) },
    {
      key: 'subject',
      header: t('history.col.subject'),
      cell: (h) => (h.idartbdt ? (names.get(h.idartbdt) ?? formatIdbdt(h.idartbdt)) : t('history.household')),
    },
    { key: 'field', header: t('history.col.field'), cell: (h) => historyFieldLabel(h, t) },
    { key: 'old', header: t('history.col.old'), cell: (h) => formatFieldValue(defOf(h), h.old_value, texts) },
    { key: 'new', header: t('history.col.new'), cell: (h) => formatFieldValue(defOf(h), h.new_value, texts) },
    { key: 'by', header: t('history.col.by'), cell: (h) => h.changed_by ?? empty },
    { key: 'source', header: t('history.col.source'), cell: (h) => <HistorySource h={h} /> },
    { key: 'reason', header: t('history.col.reason'), cell: (h) => h.reason ?? empty },
  ];
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      <DataTable
        idPrefix="history"
        caption={t('history.caption')}
        columns={columns}
        rows={history}
        rowKey={(h) => String(h.id)}
        empty={t('history.empty')}
      />
    </section>
  );
}

/** The household, or 'notFound' for an IDBDT the server does not know (or outside the user's scope). */
async function loadHousehold(idbdt: string, signal: AbortSignal): Promise<HouseholdDetail | 'notFound'> {
  try {
    return await api.household(idbdt, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return 'notFound';
    throw e;
  }
}

export default function HouseholdPage({ idbdt }: { idbdt: string }) {
  const t = useT();
  const valid = /^\d{16}$/.test(idbdt);
  const loaded = useData((signal) => loadHousehold(idbdt, signal), [idbdt], valid);
  // A value of an earlier IDBDT stays on screen while the next one loads; never show it under the new URL.
  const data = loaded.data !== 'notFound' && loaded.data?.household.idbdt === idbdt ? loaded.data : null;
  const regionNames = useRegionNames(data?.household.kode_wilayah);
  useDocumentTitle(data ? t('hh.heading', { idbdt: formatIdbdt(idbdt) }) : t('app.loading'));

  if (!valid || (loaded.data === 'notFound' && !loaded.loading))
    return <NotFoundPage title={t('notFound.title')} text={t('notFound.text')} back={{ to: listHref(), label: t('hh.back') }} />;

  return (
    <div className="household-page">
      <p className="back">
        <Link to={listHref()}>{t('hh.back')}</Link>
      </p>
      {loaded.error ? <ErrorBox message={loaded.error} onRetry={loaded.reload} /> : !data && <Loading />}
      {data && <HouseholdView data={data} regionNames={regionNames} />}
    </div>
  );
}

/** The loaded household: heading, summary, field groups, members, programme memberships and history. */
export function HouseholdView({ data, regionNames }: { data: HouseholdDetail; regionNames: string[] }) {
  const t = useT();
  const texts = useValueTexts();
  return (
    <>
      <h1>{t('hh.heading', { idbdt: formatIdbdt(data.household.idbdt) })}</h1>
      <Can verb="household:move">
        <p className="page-actions">
          <Link to={`/pemindahan?idbdt=${data.household.idbdt}`} className="btn btn-secondary">
            {t('reloc.moveAction')}
          </Link>
        </p>
      </Can>
      <Summary household={data.household} regionNames={regionNames} />
      {groupedHouseholdFields().map(({ group, fields }) => (
        <section key={group} className="card" aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`}>{t(GROUP_KEYS[group])}</h2>
          <FieldList fields={fields} record={data.household} texts={texts} />
        </section>
      ))}
      <Members members={data.members} texts={texts} />
      <HouseholdProgrammes programs={data.programs} members={data.members} />
      <HouseholdPhotos idbdt={data.household.idbdt} />
      <History history={data.history} members={data.members} texts={texts} />
    </>
  );
}

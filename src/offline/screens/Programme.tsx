// O6: the programme memberships of a household (KPM of BPNT/Rastra, PBI participation of each
// member) and the BSP/PBI proposal forms, checked as the operator types (the format's reading plus
// the eligibility rules against the release data, lib/programmes.ts), saved as draft proposals
// that the export page seals into BSP and PBI packages.

import { useEffect, useMemo, useState } from 'react';
import { BSP_TYPES, type KpmProgram, PBI_TYPES, REMOVAL_REASONS } from '../../shared/api/programme-line.ts';
import { formatIdbdt } from '../../shared/codes.ts';
import { isPresentMember } from '../../shared/dictionary/index.ts';
import {
  EditorActions,
  type EditorMessage,
  FieldMessages,
  IssueSummary,
  LabelledField,
  ListTable,
  ProposalNotice,
  useUnsavedWarning,
} from '../components.tsx';
import { formatNumber, type Key, useLang, useT } from '../i18n.ts';
import { rfc3339, uuidV4 } from '../lib/ids.ts';
import type { StoredProposal } from '../lib/model.ts';
import {
  type BspForm,
  type KpmRow,
  type PbiForm,
  type PbiRow,
  type ProgrammeJson,
  buildBspLine,
  buildPbiLine,
  bspFormFrom,
  isKpm,
  isPbi,
  pbiFormFrom,
  programmeHref,
  programmeIssues,
  programmeSubject,
  replacementsTaken,
} from '../lib/programmes.ts';
import { type BaseRecord, type Rec, sameContent, sortMembers } from '../lib/proposals.ts';
import { inAktifList } from '../lib/release.ts';
import { draftOf, latestProgrammeFor, loadMemberships, repeatsLatest } from '../lib/store.ts';
import { issuesByPath } from '../lib/validate.ts';
import { navigate, useApp, useBaseRecord, useProposalStore } from '../state.tsx';
import { decisionKey } from '../work.ts';

type Memberships = { kpm: KpmRow[]; pbi: PbiRow[] };

/** The household's memberships from IndexedDB (undefined while loading). */
function useMemberships(idbdt: string): Memberships | undefined {
  const { db } = useApp();
  const [m, setM] = useState<Memberships | undefined>();
  useEffect(() => {
    let live = true;
    loadMemberships(db, idbdt).then(
      (x) => live && setM(x),
      () => live && setM({ kpm: [], pbi: [] }),
    );
    return () => {
      live = false;
    };
  }, [db, idbdt]);
  return m;
}

/** Where the latest proposal about a subject stands, in a few words (empty when there is none). */
function ProposalChip({ subject }: { subject: string }) {
  const t = useT();
  const { inst } = useApp();
  const p = latestProgrammeFor(inst.proposals, subject);
  if (!p) return null;
  const state = p.feedback ? t(decisionKey(p.feedback.decision)) : p.status === 'draft' ? t('list.work.draft') : t('list.work.exported');
  return (
    <span className={`chip chip-${p.feedback?.decision ?? p.status}`}>{t('pg.proposalState', { type: t(typeKey(p.type)), state })}</span>
  );
}

export const typeKey = (type: string) => `type.${type}` as Key;

// The KKS and account numbers of a BSP_UBAH (patterns in shared/api/programme-line.ts).
const ACCOUNT_FIELDS = [
  { key: 'no_kks', id: 'pg-kks', max: 20, label: 'pg.kks', hint: 'pg.kksHelp' },
  { key: 'no_rekening', id: 'pg-rekening', max: 30, label: 'pg.rekening', hint: 'pg.rekeningHelp' },
] as const;

const memberName = (members: readonly Rec[], idartbdt: string | null) => {
  if (!idartbdt) return '';
  const m = members.find((x) => x.idartbdt === idartbdt);
  return m ? `${String(m.nama ?? '')} (${formatIdbdt(idartbdt)})` : formatIdbdt(idartbdt);
};

/** The household page's card: KPM memberships and each member's PBI participation, with links to the proposal forms. */
export function ProgrammesCard({ base }: { base: BaseRecord }) {
  const t = useT();
  const lang = useLang();
  const { inst } = useApp();
  const idbdt = String(base.household.idbdt);
  const memberships = useMemberships(idbdt);
  const lists = inst.programmes;
  if (!lists)
    return (
      <section className="card" aria-labelledby="pg-title">
        <h2 id="pg-title">{t('pg.title')}</h2>
        <p className="notice">{t('pg.unavailable')}</p>
      </section>
    );
  const aktif = base.household.status !== 'NONAKTIF';
  const pbiOf = new Map((memberships?.pbi ?? []).map((r) => [r.idartbdt, r]));
  return (
    <section className="card" aria-labelledby="pg-title" data-testid="programmes">
      <h2 id="pg-title">{t('pg.title')}</h2>
      <p className="muted">
        {t('pg.quota', {
          bpnt: formatNumber(lists.quota.BPNT, lang),
          rastra: formatNumber(lists.quota.RASTRA, lang),
          pbi: formatNumber(lists.quota.PBI, lang),
        })}
      </p>
      {memberships === undefined ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <h3>{t('pg.kpm')}</h3>
          <ListTable
            head={[t('col.program'), t('col.status'), t('pg.pengurus'), t('pg.kks'), t('pg.rekening'), t('col.action')]}
            items={memberships.kpm}
            empty={t('pg.noKpm')}
            row={(k) => {
              const subject = `BSP:${k.program}:${k.idbdt}`;
              return (
                <tr key={k.program} data-program={k.program}>
                  <td>{k.program}</td>
                  <td>{k.status}</td>
                  <td>{memberName(base.members, k.id_pengurus)}</td>
                  <td>{k.no_kks ?? ''}</td>
                  <td>{k.no_rekening ?? ''}</td>
                  <td>
                    <ProposalChip subject={subject} />{' '}
                    {k.status === 'AKTIF' ? (
                      <a className="btn btn-secondary" href={programmeHref(subject)}>
                        {t('pg.change')}
                      </a>
                    ) : null}
                  </td>
                </tr>
              );
            }}
          />
          <h3>{t('pg.pbi')}</h3>
          <ListTable
            head={[t('pg.member'), t('col.status'), t('pg.card'), t('col.action')]}
            items={sortMembers(base.members)}
            row={(m) => {
              const id = String(m.idartbdt);
              const row = pbiOf.get(id);
              const participant = isPbi(lists, id);
              const subject = `PBI:${id}`;
              return (
                <tr key={id} data-member={id}>
                  <td>
                    {String(m.nama ?? '')} <span className="muted">{id}</span>
                  </td>
                  <td>{row ? row.status : t('pg.notPbi')}</td>
                  <td>{row?.no_kartu ?? ''}</td>
                  <td>
                    <ProposalChip subject={subject} />{' '}
                    {participant || (aktif && isPresentMember(m)) ? (
                      <a className="btn btn-secondary" href={programmeHref(subject)}>
                        {participant ? t('pg.pbiNonaktif') : t('pg.pbiUsul')}
                      </a>
                    ) : null}
                  </td>
                </tr>
              );
            }}
          />
        </>
      )}
    </section>
  );
}

/** #/program/<idbdt>/BSP/<program> or #/program/<idbdt>/PBI/<idartbdt>: the form of one programme proposal. */
export function ProgrammePage({ idbdt, module, target }: { idbdt: string; module: string; target: string }) {
  const t = useT();
  const { inst } = useApp();
  const base = useBaseRecord(idbdt);
  const memberships = useMemberships(idbdt);
  if (base === undefined || memberships === undefined)
    return (
      <main id="main">
        <p>{t('app.loading')}</p>
      </main>
    );
  const kpm = module === 'BSP' ? memberships.kpm.find((k) => k.program === target) : undefined;
  const member = module === 'PBI' ? base?.members.find((m) => m.idartbdt === target) : undefined;
  if (!base || !inst.programmes || (!kpm && !member))
    return (
      <main id="main">
        <h1>{formatIdbdt(idbdt)}</h1>
        <p role="alert">{!base ? t('hh.notFound') : !inst.programmes ? t('pg.unavailable') : t('pg.noKpm')}</p>
        <p>
          <a href={`#/rt/${idbdt}`}>{t('common.back')}</a>
        </p>
      </main>
    );
  const subject = kpm ? `BSP:${kpm.program}:${idbdt}` : `PBI:${target}`;
  const latest = latestProgrammeFor(inst.proposals, subject);
  return (
    <ProgrammeEditor
      key={latest ? `${latest.proposalId}:${latest.status}` : subject}
      base={base}
      kpm={kpm}
      member={member}
      pbiRow={memberships.pbi.find((r) => r.idartbdt === target)}
      latest={latest}
    />
  );
}

function ProgrammeEditor({
  base,
  kpm,
  member,
  pbiRow,
  latest,
}: {
  base: BaseRecord;
  kpm: KpmRow | undefined;
  member: Rec | undefined;
  pbiRow: PbiRow | undefined;
  latest: StoredProposal<ProgrammeJson> | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const { inst } = useApp();
  const store = useProposalStore();
  const lists = inst.programmes!;
  const idbdt = String(base.household.idbdt);
  const draft = latest?.status === 'draft' ? latest : undefined;
  const module = kpm ? 'BSP' : 'PBI';
  const [bsp, setBsp] = useState<BspForm | null>(() =>
    kpm ? bspFormFrom(kpm, latest && 'program' in latest.json ? latest.json : null) : null,
  );
  const [pbi, setPbi] = useState<PbiForm | null>(() =>
    member
      ? pbiFormFrom(
          String(member.idartbdt),
          isPbi(lists, String(member.idartbdt)),
          latest && 'idartbdt' in latest.json ? latest.json : null,
        )
      : null,
  );
  const [ids] = useState(() => ({ proposalId: draft?.proposalId ?? uuidV4(), createdAt: rfc3339() }));
  const line: ProgrammeJson = bsp ? buildBspLine(bsp, kpm, ids) : buildPbiLine(pbi!, ids);
  const [initial] = useState(() => line);
  const subject = programmeSubject(line);
  const taken = useMemo(
    () => (kpm ? replacementsTaken(inst.proposals, kpm.program, subject) : new Set<string>()),
    [inst.proposals, kpm, subject],
  );
  const scopeHousehold = (id: string) => {
    const ord = inst.index.ordinal(id);
    return ord < 0 ? undefined : { aktif: inst.index.summary(ord).aktif };
  };
  const issues = programmeIssues(module, line, {
    lists,
    base,
    scopeHousehold,
    isAktifInDistrict: (id) => inAktifList(inst.aktif, id),
    takenReplacements: () => taken,
  });
  const [attempted, setAttempted] = useState(false);
  const byPath = issuesByPath({ errors: issues, warnings: [] }, attempted);
  const [message, setMessage] = useState<EditorMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = latest ? !sameContent(latest.json, line) : !sameContent(initial, line);
  useUnsavedWarning(dirty);

  const setB = <K extends keyof BspForm>(k: K, v: BspForm[K]) => setBsp((f) => (f ? { ...f, [k]: v } : f));
  const setP = <K extends keyof PbiForm>(k: K, v: PbiForm[K]) => setPbi((f) => (f ? { ...f, [k]: v } : f));
  const headName = String(base.household.nama_krt ?? '');

  const save = async () => {
    setMessage(null);
    if (issues.length > 0) {
      setAttempted(true);
      return setMessage({ kind: 'err', text: t('pg.blocked') });
    }
    const json = { ...line, createdAt: rfc3339() };
    if (repeatsLatest(latest, json)) return setMessage({ kind: 'err', text: t('hh.noChange') });
    const stored = draftOf<ProgrammeJson>(inst.proposals, latest, {
      proposalId: json.proposalId,
      subject,
      type: json.type,
      json,
      label: member ? String(member.nama ?? '') : headName,
      kodeWilayah: String(base.household.kode_wilayah),
    });
    setBusy(true);
    try {
      await store.save(stored);
    } catch (err) {
      setMessage({ kind: 'err', text: String(err) });
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (draft && window.confirm(t('pg.deleteConfirm'))) await store.remove(draft.proposalId);
  };

  const reasonField = (value: number | null, onChange: (v: number | null) => void) => (
    <LabelledField id="pg-reason" label={t('pg.reason')} path="reason" issues={byPath}>
      <select id="pg-reason" value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{t('common.choose')}</option>
        {Object.entries(REMOVAL_REASONS).map(([code, label]) => (
          <option key={code} value={code}>
            {code} – {label[lang]}
          </option>
        ))}
      </select>
    </LabelledField>
  );
  const typeField = (types: readonly string[], value: string, onChange: (v: string) => void) => (
    <LabelledField id="pg-type" label={t('pg.type')} path="type" issues={byPath}>
      <select id="pg-type" value={value} onChange={(e) => onChange(e.target.value)}>
        {types.map((ty) => (
          <option key={ty} value={ty}>
            {t(typeKey(ty))}
          </option>
        ))}
      </select>
    </LabelledField>
  );
  const noteField = (value: string, onChange: (v: string) => void) => (
    <div className="field wide">
      <label htmlFor="pg-note">{t('hh.note')}</label>
      <textarea id="pg-note" rows={2} maxLength={1000} value={value} onChange={(e) => onChange(e.target.value)} />
      <FieldMessages path="note" issues={byPath} />
    </div>
  );

  return (
    <main id="main" className="editor">
      <p className="crumbs">
        <a href="#/">{t('nav.households')}</a> › <a href={`#/rt/${idbdt}`}>{headName || idbdt}</a>
      </p>
      <h1>
        {bsp
          ? t('pg.formBsp', { program: bsp.program, name: headName })
          : t('pg.formPbi', { name: String(member?.nama ?? pbi?.idartbdt ?? '') })}
      </h1>
      <p className="muted">
        IDBDT {formatIdbdt(idbdt)}
        {pbi
          ? ` · IDARTBDT ${formatIdbdt(pbi.idartbdt)} · PBI ${pbiRow?.status ?? t('pg.notPbi')}${pbiRow?.no_kartu ? ` · ${pbiRow.no_kartu}` : ''}`
          : ''}
        {kpm ? ` · ${kpm.program} ${kpm.status}` : ''}
      </p>
      {latest ? <ProposalNotice latest={latest} /> : null}
      <section className="card">
        <FieldMessages path="idbdt" issues={byPath} />
        <FieldMessages path="idartbdt" issues={byPath} />
        {bsp ? (
          <div className="grid">
            {typeField(BSP_TYPES, bsp.type, (v) => setB('type', v as BspForm['type']))}
            {bsp.type === 'BSP_GANTI' ? (
              <ReplacementField
                form={bsp}
                program={bsp.program}
                taken={taken}
                issues={byPath}
                onChange={(v) => setB('replacementIdbdt', v)}
              />
            ) : null}
            {bsp.type !== 'BSP_UBAH' ? reasonField(bsp.reason, (v) => setB('reason', v)) : null}
            {bsp.type === 'BSP_UBAH' ? (
              <>
                <LabelledField id="pg-pengurus" label={t('pg.pengurus')} path="id_pengurus" issues={byPath}>
                  <select id="pg-pengurus" value={bsp.id_pengurus} onChange={(e) => setB('id_pengurus', e.target.value)}>
                    <option value="">{t('common.choose')}</option>
                    {sortMembers(base.members)
                      .filter((m) => isPresentMember(m) || m.idartbdt === bsp.id_pengurus)
                      .map((m) => (
                        <option key={String(m.idartbdt)} value={String(m.idartbdt)}>
                          {String(m.nama ?? '')} ({String(m.idartbdt)})
                        </option>
                      ))}
                  </select>
                </LabelledField>
                {ACCOUNT_FIELDS.map((f) => (
                  <LabelledField key={f.key} id={f.id} label={t(f.label)} path={f.key} issues={byPath} hint={t(f.hint)}>
                    <input
                      id={f.id}
                      inputMode="numeric"
                      maxLength={f.max}
                      value={bsp[f.key]}
                      onChange={(e) => setB(f.key, e.target.value)}
                    />
                  </LabelledField>
                ))}
              </>
            ) : null}
            {noteField(bsp.note, (v) => setB('note', v))}
          </div>
        ) : pbi ? (
          <div className="grid">
            {typeField(PBI_TYPES, pbi.type, (v) => setP('type', v as PbiForm['type']))}
            {pbi.type === 'PBI_NONAKTIF' ? reasonField(pbi.reason, (v) => setP('reason', v)) : null}
            {noteField(pbi.note, (v) => setP('note', v))}
          </div>
        ) : null}
      </section>
      <IssueSummary errors={issues} warnings={[]} />
      <EditorActions
        onSave={save}
        busy={busy}
        discardDraft={draft ? discard : undefined}
        onBack={() => navigate(`/rt/${idbdt}`)}
        message={message}
        dirty={dirty}
      />
    </main>
  );
}

/**
 * The replacement of a BSP_GANTI: its IDBDT (checked as it is typed), and a search among the
 * eligible households of the scope (AKTIF, no KPM of the programme, not named by another replacement).
 */
function ReplacementField({
  form,
  program,
  taken,
  issues,
  onChange,
}: {
  form: BspForm;
  program: KpmProgram;
  taken: ReadonlySet<string>;
  issues: ReturnType<typeof issuesByPath>;
  onChange: (idbdt: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const { inst } = useApp();
  const [q, setQ] = useState('');
  const lists = inst.programmes!;
  const eligible = (id: string) => id !== form.idbdt && !isKpm(lists, program, id) && !taken.has(id);
  // The in-memory index answers in milliseconds: no need to memoise.
  const found = q.trim() ? inst.index.search({ q, status: 'AKTIF', filter: eligible, limit: 8 }) : undefined;
  const chosen = inst.index.ordinal(form.replacementIdbdt.trim());
  const regionName = new Map(inst.regions.map((r) => [r.code, r.name]));
  return (
    <>
      <LabelledField
        id="pg-replacement"
        label={t('pg.replacement')}
        path="replacementIdbdt"
        issues={issues}
        hint={t('pg.replacementHelp', { program })}
      >
        <input
          id="pg-replacement"
          inputMode="numeric"
          maxLength={16}
          value={form.replacementIdbdt}
          onChange={(e) => onChange(e.target.value)}
        />
        {chosen >= 0 ? <span className="muted">{inst.index.summary(chosen).nama_krt}</span> : null}
      </LabelledField>
      <div className="field wide">
        <label htmlFor="pg-find">{t('pg.find')}</label>
        <input id="pg-find" type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} />
        {found ? (
          <>
            <p className="muted" aria-live="polite">
              {t('pg.candidates', { n: formatNumber(found.total, lang) })}
            </p>
            <ul className="candidates">
              {found.items.map((h) => (
                <li key={h.idbdt}>
                  <button type="button" className="btn btn-secondary" onClick={() => onChange(h.idbdt)}>
                    {t('pg.pick')}
                  </button>{' '}
                  {h.nama_krt} <span className="muted">{formatIdbdt(h.idbdt)}</span> · {regionName.get(h.kode_wilayah) ?? h.kode_wilayah}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </>
  );
}

/** A programme proposal in a few words for lists: the programme and the replacement, reason or new values. */
export function programmeDetail(json: ProgrammeJson, lang: 'id' | 'en'): string {
  const reason = json.reason ? `${json.reason} – ${REMOVAL_REASONS[json.reason][lang]}` : '';
  if (!('program' in json)) return [json.idartbdt, reason].filter(Boolean).join(' · ');
  const parts: string[] = [json.program];
  if (json.replacementIdbdt) parts.push(`→ ${json.replacementIdbdt}`);
  if (reason) parts.push(reason);
  for (const k of ['id_pengurus', 'no_kks', 'no_rekening'] as const) if (json[k]) parts.push(`${k}: ${json[k]}`);
  return parts.join(' · ');
}

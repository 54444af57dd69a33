// O3/O4: one household: the verval result, corrections of its fields and members (presence
// status, edits, new members), checked as the operator types; saved as a draft proposal.

import { useEffect, useMemo, useState } from 'react';
import { formatRegionCode, vervalResults } from '../../shared/dictionary/index.ts';
import { IssueSummary } from '../components.tsx';
import { HouseholdFields, MembersEditor } from '../editor.tsx';
import { formatDateTime, useLang, useT } from '../i18n.ts';
import { CORRECTABLE } from '../lib/feedback.ts';
import { localIsoDate, rfc3339, uuidV4 } from '../lib/ids.ts';
import type { StoredProposal } from '../lib/model.ts';
import {
  type BaseRecord,
  type EditState,
  type Verval,
  PERBAIKAN_HOUSEHOLD_FIELDS,
  buildPerbaikan,
  editStateFrom,
  mergedRecord,
  newMember,
  sameContent,
} from '../lib/proposals.ts';
import { inAktifList } from '../lib/release.ts';
import { deleteProposal, latestFor, loadBase, nextSeq, overlayOf, saveProposals } from '../lib/store.ts';
import { issuesByPath, validatePerbaikan } from '../lib/validate.ts';
import { navigate, useApp } from '../state.tsx';
import { decisionKey } from '../work.ts';

const NO_VERVAL = (today: string): Verval => ({
  result: 0,
  duplicateOf: null,
  mergeInto: null,
  visitedAt: today,
  musdesAt: null,
  note: '',
});

export function HouseholdPage({ idbdt }: { idbdt: string }) {
  const t = useT();
  const { db, inst } = useApp();
  const [base, setBase] = useState<BaseRecord | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setBase(undefined);
    loadBase(db, inst.index, idbdt).then(
      (b) => live && setBase(b ?? null),
      () => live && setBase(null),
    );
    return () => {
      live = false;
    };
  }, [db, inst.index, idbdt]);
  if (base === undefined)
    return (
      <main id="main">
        <p>{t('app.loading')}</p>
      </main>
    );
  if (base === null)
    return (
      <main id="main">
        <h1>{idbdt}</h1>
        <p role="alert">{t('hh.notFound')}</p>
      </main>
    );
  const latest = latestFor(inst.proposals, idbdt);
  // Keyed by the latest proposal, so saving, discarding or correcting starts from what is stored.
  return <HouseholdEditor key={latest ? `${latest.proposalId}:${latest.status}` : 'none'} base={base} latest={latest} />;
}

function HouseholdEditor({ base, latest }: { base: BaseRecord; latest: StoredProposal | undefined }) {
  const t = useT();
  const lang = useLang();
  const { db, inst, setInst } = useApp();
  const today = localIsoDate();
  const idbdt = String(base.household.idbdt);
  const draft = latest?.status === 'draft' ? latest : undefined;
  const [edit, setEdit] = useState<EditState>(() => editStateFrom(base, latest?.json));
  const [verval, setVerval] = useState<Verval>(() =>
    latest?.json.type === 'PERBAIKAN' ? { ...latest.json.verval, note: latest.json.verval.note ?? '' } : NO_VERVAL(today),
  );
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const aktif = base.household.status !== 'NONAKTIF';

  const validation = useMemo(
    () =>
      validatePerbaikan(base, edit, verval, {
        today,
        isAktif: (id) => inAktifList(inst.aktif, id),
        nikHeldElsewhere: (nik) => inst.index.nikHeldElsewhere(nik, idbdt),
      }),
    [base, edit, verval, today, inst.aktif, inst.index, idbdt],
  );
  const [attempted, setAttempted] = useState(false);
  const issues = useMemo(() => issuesByPath(validation, attempted), [validation, attempted]);
  const merged = useMemo(() => mergedRecord(base, edit), [base, edit]);
  const baseMembers = useMemo(() => new Map(base.members.map((m) => [String(m.idartbdt), m])), [base]);
  const desaName = inst.regions.find((r) => r.code === base.household.kode_wilayah)?.name ?? '';

  const setHousehold = (name: string, value: unknown) => setEdit((e) => ({ ...e, household: { ...e.household, [name]: value } }));
  const setMember = (i: number, name: string, value: unknown) =>
    setEdit((e) => ({
      ...e,
      members: e.members.map((m, j) => (j === i ? { ...m, fields: { ...m.fields, [name]: value } } : m)),
    }));
  const setV = <K extends keyof Verval>(k: K, v: Verval[K]) => setVerval((x) => ({ ...x, [k]: v }));

  const save = async () => {
    setMessage(null);
    if (validation.errors.length > 0) {
      setAttempted(true);
      return setMessage({ kind: 'err', text: t('hh.saveBlocked') });
    }
    const json = buildPerbaikan(base, edit, verval, {
      proposalId: draft?.proposalId ?? uuidV4(),
      createdAt: rfc3339(),
    });
    if (!draft && latest && !(latest.feedback && CORRECTABLE.has(latest.feedback.decision)) && sameContent(latest.json, json))
      return setMessage({ kind: 'err', text: t('hh.noChange') });
    const stored: StoredProposal = {
      proposalId: json.proposalId,
      subject: idbdt,
      type: 'PERBAIKAN',
      status: 'draft',
      json,
      label: typeof merged.household.nama_krt === 'string' ? merged.household.nama_krt : String(base.household.nama_krt ?? ''),
      kodeWilayah: String(base.household.kode_wilayah),
      seq: draft?.seq ?? nextSeq(inst.proposals),
      updatedAt: rfc3339(),
      reexport: false,
      exports: [],
      replaces: draft ? draft.replaces : (latest?.proposalId ?? null),
      feedback: null,
    };
    setBusy(true);
    try {
      await saveProposals(db, [stored]);
      const proposals = [...inst.proposals.filter((p) => p.proposalId !== stored.proposalId), stored];
      inst.index.setOverlay(overlayOf(proposals));
      setInst({ ...inst, proposals });
    } catch (err) {
      setMessage({ kind: 'err', text: String(err) });
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    if (!draft || !window.confirm(t('hh.discardConfirm'))) return;
    await deleteProposal(db, draft.proposalId);
    const proposals = inst.proposals.filter((p) => p.proposalId !== draft.proposalId);
    inst.index.setOverlay(overlayOf(proposals));
    setInst({ ...inst, proposals });
  };

  // Unsaved: what the form holds differs from what is stored (or nothing is stored yet but something was touched).
  const dirty = useMemo(() => {
    const json = buildPerbaikan(base, edit, verval, { proposalId: '', createdAt: '' });
    return latest
      ? !sameContent(latest.json, json)
      : Object.keys(json.household).length > 0 || json.members.length > 0 || verval.result !== 0;
  }, [base, edit, verval, latest]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const title = String(merged.household.nama_krt ?? base.household.nama_krt ?? '');
  return (
    <main id="main" className="editor">
      <p className="crumbs">
        <a href="#/">{t('nav.households')}</a>
      </p>
      <h1>{t('hh.title', { name: title })}</h1>
      <p className="muted">
        IDBDT {idbdt} · {desaName} ({formatRegionCode(String(base.household.kode_wilayah))}) · {String(base.household.status)} · versi{' '}
        {String(base.household.version)}
      </p>
      {latest ? (
        <p className={`notice notice-${latest.status}`}>
          {latest.status === 'draft' ? t('hh.draft') : t('hh.exported', { file: latest.exports.at(-1)?.fileName ?? '' })}
          {latest.feedback
            ? ` ${t('hh.decision', { decision: t(decisionKey(latest.feedback.decision)) })}${latest.feedback.reason ? `: ${latest.feedback.reason}` : ''}`
            : ''}
        </p>
      ) : null}
      {draft?.json ? <p className="muted">{formatDateTime(draft.updatedAt, lang)}</p> : null}
      {!aktif ? (
        <p className="notice">{t('hh.nonaktif')}</p>
      ) : (
        <section className="card">
          <h2>{t('hh.verval')}</h2>
          <div className="grid">
            <div className="field">
              <label htmlFor="verval-result">{t('hh.result')}</label>
              <select id="verval-result" value={verval.result || ''} onChange={(e) => setV('result', Number(e.target.value) || 0)}>
                <option value="">{t('common.choose')}</option>
                {Object.values(vervalResults).map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.code} – {r.label}
                  </option>
                ))}
              </select>
              <FieldMessages path="verval.result" issues={issues} />
            </div>
            {verval.result === 6 ? (
              <div className="field">
                <label htmlFor="verval-dup">{t('hh.duplicateOf')}</label>
                <input
                  id="verval-dup"
                  inputMode="numeric"
                  maxLength={16}
                  value={verval.duplicateOf ?? ''}
                  onChange={(e) => setV('duplicateOf', e.target.value)}
                />
                <span className="hint">{t('hh.refHelp')}</span>
                <FieldMessages path="verval.duplicateOf" issues={issues} />
              </div>
            ) : null}
            {verval.result === 4 ? (
              <div className="field">
                <label htmlFor="verval-merge">{t('hh.mergeInto')}</label>
                <input
                  id="verval-merge"
                  inputMode="numeric"
                  maxLength={16}
                  value={verval.mergeInto ?? ''}
                  onChange={(e) => setV('mergeInto', e.target.value)}
                />
                <span className="hint">{t('hh.refHelp')}</span>
                <FieldMessages path="verval.mergeInto" issues={issues} />
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="verval-visited">{t('hh.visitedAt')}</label>
              <input
                id="verval-visited"
                type="date"
                max={today}
                value={verval.visitedAt}
                onChange={(e) => setV('visitedAt', e.target.value)}
              />
              <FieldMessages path="verval.visitedAt" issues={issues} />
            </div>
            <div className="field">
              <label htmlFor="verval-musdes">{t('hh.musdesAt')}</label>
              <input
                id="verval-musdes"
                type="date"
                value={verval.musdesAt ?? ''}
                onChange={(e) => setV('musdesAt', e.target.value || null)}
              />
              <FieldMessages path="verval.musdesAt" issues={issues} />
            </div>
            <div className="field wide">
              <label htmlFor="verval-note">{t('hh.note')}</label>
              <textarea id="verval-note" rows={2} maxLength={1000} value={verval.note} onChange={(e) => setV('note', e.target.value)} />
            </div>
          </div>
        </section>
      )}
      <section className="card">
        <h2>{t('hh.data')}</h2>
        <HouseholdFields
          editable={PERBAIKAN_HOUSEHOLD_FIELDS}
          values={edit.household}
          base={base.household}
          derived={merged.household}
          issues={issues}
          onChange={setHousehold}
          disabled={!aktif}
        />
      </section>
      <section className="card">
        <h2>{t('hh.members')}</h2>
        <FieldMessages path="members" issues={issues} />
        <MembersEditor
          members={edit.members}
          baseMembers={baseMembers}
          issues={issues}
          onChange={setMember}
          onAdd={() => setEdit((e) => ({ ...e, members: [...e.members, newMember(e.members)] }))}
          onRemove={(i) => setEdit((e) => ({ ...e, members: e.members.filter((_, j) => j !== i) }))}
          disabled={!aktif}
        />
      </section>
      {aktif ? <IssueSummary errors={validation.errors} warnings={validation.warnings} /> : null}
      <div className="actions sticky">
        {aktif ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void save()}>
            {t('common.save')}
          </button>
        ) : null}
        {draft ? (
          <button type="button" className="btn btn-danger" onClick={() => void discard()}>
            {t('hh.discard')}
          </button>
        ) : null}
        <button type="button" className="btn btn-secondary" onClick={() => navigate(`/cetak/rt/${idbdt}`)}>
          {t('hh.printForm')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => navigate('/')}>
          {t('common.back')}
        </button>
        {message ? (
          <span className={message.kind === 'ok' ? 'ok' : 'err'} role={message.kind === 'err' ? 'alert' : 'status'}>
            {message.text}
          </span>
        ) : dirty ? (
          <span className="warn" role="status">
            {t('hh.unsaved')}
          </span>
        ) : latest?.status === 'draft' ? (
          <span className="ok" role="status">
            {t('common.saved')}
          </span>
        ) : null}
      </div>
    </main>
  );
}

export function FieldMessages({
  path,
  issues,
}: {
  path: string;
  issues: ReadonlyMap<string, { level: string; preexisting?: boolean; message: { id: string; en: string } }[]>;
}) {
  const lang = useLang();
  const t = useT();
  const list = issues.get(path);
  if (!list?.length) return null;
  return (
    <div className="field-msg">
      {list.map((i, n) => (
        <span key={n} className={i.level === 'error' && !i.preexisting ? 'err' : 'warn'}>
          {i.message[lang]}
          {i.preexisting ? ` (${t('common.preexisting')})` : ''}
        </span>
      ))}
    </div>
  );
}

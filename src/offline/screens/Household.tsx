// O3/O4: one household: the verval result, corrections of its fields and members (presence
// status, edits, new members), checked as the operator types; saved as a draft proposal.

import { useMemo, useState } from 'react';
import { formatIdbdt } from '../../shared/codes.ts';
import { formatRegionCode, vervalResults } from '../../shared/dictionary/index.ts';
import { EditorActions, type EditorMessage, IssueSummary, LabelledField, ProposalNotice, useUnsavedWarning } from '../components.tsx';
import { HouseholdFields, MembersCard, useEditState } from '../editor.tsx';
import { formatDateTime, useLang, useT } from '../i18n.ts';
import { localIsoDate, rfc3339, uuidV4 } from '../lib/ids.ts';
import type { BdtProposal } from '../lib/model.ts';
import {
  type BaseRecord,
  type Verval,
  PERBAIKAN_HOUSEHOLD_FIELDS,
  buildPerbaikan,
  editStateFrom,
  mergedRecord,
  sameContent,
} from '../lib/proposals.ts';
import { startingProposal } from '../lib/rebase.ts';
import { inAktifList } from '../lib/release.ts';
import { deleteProposal, draftOf, latestFor, overlayOf, repeatsLatest, saveProposals } from '../lib/store.ts';
import { issuesByPath, validatePerbaikan } from '../lib/validate.ts';
import { navigate, useApp, useBaseRecord } from '../state.tsx';
import { ConflictPanel } from './NewRelease.tsx';
import { PhotosCard, usePhotos } from '../PhotosCard.tsx';
import { ProgrammesCard } from './Programme.tsx';

const NO_VERVAL = (today: string): Verval => ({
  result: 0,
  duplicateOf: null,
  mergeInto: null,
  visitedAt: today,
  musdesAt: null,
  note: '',
});

// The verval results that name another household: a duplicate (6) or the household merged into (4).
const VERVAL_REFERENCES = [
  { key: 'duplicateOf', result: 6, id: 'verval-dup', label: 'hh.duplicateOf' },
  { key: 'mergeInto', result: 4, id: 'verval-merge', label: 'hh.mergeInto' },
] as const;

export function HouseholdPage({ idbdt }: { idbdt: string }) {
  const t = useT();
  const { inst } = useApp();
  const base = useBaseRecord(idbdt);
  if (base === undefined)
    return (
      <main id="main">
        <p>{t('app.loading')}</p>
      </main>
    );
  if (base === null)
    return (
      <main id="main">
        <h1>{formatIdbdt(idbdt)}</h1>
        <p role="alert">{t('hh.notFound')}</p>
      </main>
    );
  const latest = latestFor(inst.proposals, idbdt);
  // Keyed by the latest proposal, so saving, discarding or correcting starts from what is stored.
  const conflicts = latest?.rebase?.conflicts.length ?? 0;
  return <HouseholdEditor key={latest ? `${latest.proposalId}:${latest.status}:${conflicts}` : 'none'} base={base} latest={latest} />;
}

function HouseholdEditor({ base, latest }: { base: BaseRecord; latest: BdtProposal | undefined }) {
  const t = useT();
  const lang = useLang();
  const { db, inst, setInst } = useApp();
  const today = localIsoDate();
  const idbdt = String(base.household.idbdt);
  const draft = latest?.status === 'draft' ? latest : undefined;
  // After feedback, what the supervisor rejected is not carried into the next proposal.
  const [start] = useState(() => startingProposal(latest));
  const state = useEditState(() => editStateFrom(base, start));
  const { edit, setHousehold } = state;
  // Photos follow the same rule: a rejected proposal's photos are not sent again.
  const photos = usePhotos(start?.media);
  const [verval, setVerval] = useState<Verval>(() =>
    start?.type === 'PERBAIKAN' ? { ...start.verval, note: start.verval.note ?? '' } : NO_VERVAL(today),
  );
  const [message, setMessage] = useState<EditorMessage | null>(null);
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
      media: photos.media,
    });
    if (repeatsLatest(latest, json)) return setMessage({ kind: 'err', text: t('hh.noChange') });
    const stored = draftOf(inst.proposals, latest, {
      proposalId: json.proposalId,
      subject: idbdt,
      type: 'PERBAIKAN',
      json,
      label: typeof merged.household.nama_krt === 'string' ? merged.household.nama_krt : String(base.household.nama_krt ?? ''),
      kodeWilayah: String(base.household.kode_wilayah),
    });
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
    const json = buildPerbaikan(base, edit, verval, { proposalId: '', createdAt: '', media: photos.media });
    return start
      ? !sameContent(start, json)
      : Object.keys(json.household).length > 0 || json.members.length > 0 || json.media.length > 0 || verval.result !== 0;
  }, [base, edit, verval, start, photos.media]);
  useUnsavedWarning(dirty);

  const title = String(merged.household.nama_krt ?? base.household.nama_krt ?? '');
  return (
    <main id="main" className="editor">
      <p className="crumbs">
        <a href="#/">{t('nav.households')}</a>
      </p>
      <h1>{t('hh.title', { name: title })}</h1>
      <p className="muted">
        IDBDT {formatIdbdt(idbdt)} · {desaName} ({formatRegionCode(String(base.household.kode_wilayah))}) · {String(base.household.status)}{' '}
        · versi {String(base.household.version)}
      </p>
      {latest ? <ProposalNotice latest={latest} /> : null}
      {draft?.json ? <p className="muted">{formatDateTime(draft.updatedAt, lang)}</p> : null}
      {draft?.rebase ? <ConflictPanel draft={draft} base={base} /> : null}
      {!aktif ? (
        <p className="notice">{t('hh.nonaktif')}</p>
      ) : (
        <section className="card">
          <h2>{t('hh.verval')}</h2>
          <div className="grid">
            <LabelledField id="verval-result" label={t('hh.result')} path="verval.result" issues={issues}>
              <select id="verval-result" value={verval.result || ''} onChange={(e) => setV('result', Number(e.target.value) || 0)}>
                <option value="">{t('common.choose')}</option>
                {Object.values(vervalResults).map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.code} – {r.label}
                  </option>
                ))}
              </select>
            </LabelledField>
            {VERVAL_REFERENCES.filter((r) => r.result === verval.result).map((r) => (
              <LabelledField key={r.key} id={r.id} label={t(r.label)} path={`verval.${r.key}`} issues={issues} hint={t('hh.refHelp')}>
                <input
                  id={r.id}
                  inputMode="numeric"
                  maxLength={16}
                  value={verval[r.key] ?? ''}
                  onChange={(e) => setV(r.key, e.target.value)}
                />
              </LabelledField>
            ))}
            <LabelledField id="verval-visited" label={t('hh.visitedAt')} path="verval.visitedAt" issues={issues}>
              <input
                id="verval-visited"
                type="date"
                max={today}
                value={verval.visitedAt}
                onChange={(e) => setV('visitedAt', e.target.value)}
              />
            </LabelledField>
            <LabelledField id="verval-musdes" label={t('hh.musdesAt')} path="verval.musdesAt" issues={issues}>
              <input
                id="verval-musdes"
                type="date"
                value={verval.musdesAt ?? ''}
                onChange={(e) => setV('musdesAt', e.target.value || null)}
              />
            </LabelledField>
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
      <MembersCard state={state} baseMembers={baseMembers} issues={issues} disabled={!aktif} />
      <PhotosCard photos={photos} disabled={!aktif} />
      <ProgrammesCard base={base} />
      {aktif ? <IssueSummary errors={validation.errors} warnings={validation.warnings} /> : null}
      <EditorActions
        onSave={aktif ? save : undefined}
        busy={busy}
        discardDraft={draft ? discard : undefined}
        onBack={() => navigate('/')}
        message={message}
        dirty={dirty}
      >
        <button type="button" className="btn btn-secondary" onClick={() => navigate(`/cetak/rt/${idbdt}`)}>
          {t('hh.printForm')}
        </button>
      </EditorActions>
    </main>
  );
}

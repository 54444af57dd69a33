// O5: usulan baru: a new household with its members, checked whole as a new household (R8: its
// desa must be in the scope), saved as a draft USULAN_BARU proposal.

import { useMemo, useState } from 'react';
import { formatRegionCode, isPresentMember } from '../../shared/dictionary/index.ts';
import { EditorActions, type EditorMessage, IssueSummary, ListTable, ProposalNotice, useUnsavedWarning } from '../components.tsx';
import { HouseholdFields, MembersCard, emptyBlockVBooleans, useEditState } from '../editor.tsx';
import { useT } from '../i18n.ts';
import { localIsoDate, rfc3339, uuidV4 } from '../lib/ids.ts';
import type { BdtProposal } from '../lib/model.ts';
import {
  type EditState,
  USULAN_HOUSEHOLD_FIELDS,
  buildUsulanBaru,
  editStateFrom,
  mergedRecord,
  newMember,
  sameContent,
} from '../lib/proposals.ts';
import { scopeDesa } from '../lib/release.ts';
import { deleteProposal, draftOf, latestFor, repeatsLatest, saveProposals } from '../lib/store.ts';
import { issuesByPath, validateUsulanBaru } from '../lib/validate.ts';
import { navigate, useApp } from '../state.tsx';
import { decisionKey, latestBySubject } from '../work.ts';
import { PhotosCard, usePhotos } from '../PhotosCard.tsx';

export function UsulanList() {
  const t = useT();
  const { inst } = useApp();
  const latest = useMemo(
    () => [...latestBySubject(inst.proposals.filter((p) => p.type === 'USULAN_BARU')).values()].sort((a, b) => b.seq - a.seq),
    [inst.proposals],
  );
  const regionName = new Map(inst.regions.map((r) => [r.code, r.name]));
  return (
    <main id="main">
      <h1>{t('ub.title')}</h1>
      <p>{t('ub.intro')}</p>
      <p>
        <a className="btn" href="#/usulan-baru/baru">
          {t('ub.add')}
        </a>
      </p>
      <ListTable
        head={[t('col.krt'), t('col.desa'), t('col.art'), t('col.status')]}
        items={latest}
        empty={t('ub.none')}
        row={(p) => (
          <tr key={p.subject}>
            <td>
              <a href={`#/usulan-baru/${p.subject}`}>{p.label || t('ub.noName')}</a>
            </td>
            <td>{regionName.get(p.kodeWilayah) ?? p.kodeWilayah}</td>
            <td className="num">{p.json.members.length}</td>
            <td>
              {p.feedback
                ? t(decisionKey(p.feedback.decision))
                : p.status === 'draft'
                  ? t('status.draft')
                  : t('status.exported', { file: p.exports.at(-1)?.fileName ?? '' })}
              {p.feedback?.assigned?.idbdt ? ` · IDBDT ${p.feedback.assigned.idbdt}` : ''}
            </td>
          </tr>
        )}
      />
    </main>
  );
}

export function UsulanPage({ subject }: { subject: string }) {
  const { inst } = useApp();
  const isNew = subject === 'baru';
  const latest = isNew ? undefined : latestFor(inst.proposals, subject);
  return <UsulanEditor key={latest ? `${latest.proposalId}:${latest.status}` : subject} subject={isNew ? null : subject} latest={latest} />;
}

function headName(edit: EditState): string {
  const head = edit.members.find((m) => m.fields.hub_krt === 1 && isPresentMember(m.fields));
  return typeof head?.fields.nama === 'string' ? head.fields.nama.trim() : '';
}

function UsulanEditor({ subject, latest }: { subject: string | null; latest: BdtProposal | undefined }) {
  const t = useT();
  const { db, inst, setInst } = useApp();
  const today = localIsoDate();
  const desa = useMemo(() => scopeDesa(inst.meta.scope, inst.regions), [inst.meta.scope, inst.regions]);
  const desaOptions = useMemo(
    () => inst.regions.filter((r) => desa.includes(r.code)).map((r) => ({ code: r.code, name: r.name })),
    [inst.regions, desa],
  );
  const state = useEditState(() => {
    if (latest) return editStateFrom(null, latest.json);
    const e = editStateFrom(null);
    if (desa.length === 1) e.household.kode_wilayah = desa[0];
    return { ...e, members: [newMember([], { hub_krt: 1, hubkel: 1, nuk: 1, sta_keberadaan_art: 1 })] };
  });
  const { edit, setEdit, setHousehold } = state;
  const photos = usePhotos(latest?.json.media);

  const [message, setMessage] = useState<EditorMessage | null>(null);
  const draft = latest?.status === 'draft' ? latest : undefined;
  const validation = useMemo(
    () =>
      validateUsulanBaru(edit, {
        today,
        allowedDesa: new Set(desa),
        nikHeldElsewhere: (nik) => inst.index.byNumber(nik).length > 0,
      }),
    [edit, today, desa, inst.index],
  );
  const [attempted, setAttempted] = useState(false);
  const issues = useMemo(() => issuesByPath(validation, attempted), [validation, attempted]);
  const merged = useMemo(() => mergedRecord(null, edit), [edit]);
  const dirty = useMemo(
    () => !latest || !sameContent(latest.json, buildUsulanBaru(edit, { proposalId: '', createdAt: '', media: photos.media })),
    [edit, latest, photos.media],
  );
  useUnsavedWarning(dirty);

  const save = async () => {
    setMessage(null);
    if (validation.errors.length > 0) {
      setAttempted(true);
      return setMessage({ kind: 'err', text: t('hh.saveBlocked') });
    }
    const json = buildUsulanBaru(edit, { proposalId: draft?.proposalId ?? uuidV4(), createdAt: rfc3339(), media: photos.media });
    if (repeatsLatest(latest, json)) return setMessage({ kind: 'err', text: t('hh.noChange') });
    const subj = subject ?? uuidV4();
    const stored = draftOf(inst.proposals, latest, {
      proposalId: json.proposalId,
      subject: subj,
      type: 'USULAN_BARU',
      json,
      label: headName(edit),
      kodeWilayah: String(edit.household.kode_wilayah ?? ''),
    });
    await saveProposals(db, [stored]);
    setInst({ ...inst, proposals: [...inst.proposals.filter((p) => p.proposalId !== stored.proposalId), stored] });
    if (!subject) navigate(`/usulan-baru/${subj}`, true);
  };

  const discard = async () => {
    if (!draft || !window.confirm(t('hh.discardConfirm'))) return;
    await deleteProposal(db, draft.proposalId);
    setInst({ ...inst, proposals: inst.proposals.filter((p) => p.proposalId !== draft.proposalId) });
    if (!latest || latest.proposalId === draft.proposalId) navigate('/usulan-baru', true);
  };

  const name = headName(edit);
  return (
    <main id="main" className="editor">
      <p className="crumbs">
        <a href="#/usulan-baru">{t('ub.title')}</a>
      </p>
      <h1>{subject ? t('ub.edit', { name: name || t('ub.noName') }) : t('ub.new')}</h1>
      {latest ? <ProposalNotice latest={latest} /> : null}
      <section className="card">
        <h2>{t('hh.data')}</h2>
        <p>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() =>
              setEdit((e) => ({
                ...e,
                household: {
                  ...e.household,
                  ...Object.fromEntries(emptyBlockVBooleans(e.household).map((f) => [f, false])),
                },
              }))
            }
          >
            {t('ub.fillNo')}
          </button>
        </p>
        <HouseholdFields
          editable={USULAN_HOUSEHOLD_FIELDS}
          values={edit.household}
          base={null}
          derived={merged.household}
          issues={issues}
          onChange={setHousehold}
          regionOptions={desaOptions}
        />
        {typeof edit.household.kode_wilayah === 'string' ? <p className="muted">{formatRegionCode(edit.household.kode_wilayah)}</p> : null}
      </section>
      <MembersCard state={state} baseMembers={new Map()} issues={issues} newMember={{ sta_keberadaan_art: 1 }} />
      <PhotosCard photos={photos} />
      <IssueSummary errors={validation.errors} warnings={validation.warnings} />
      <EditorActions
        onSave={save}
        discardDraft={draft ? discard : undefined}
        onBack={() => navigate('/usulan-baru')}
        message={message}
        dirty={dirty}
      />
    </main>
  );
}

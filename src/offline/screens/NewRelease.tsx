// O1/O8 (issue 13): open a newer release over the installed one without losing the work (in the
// import worker, lib/update.ts), the drafts that wait for the operator after it (conflicts, a
// household gone), and the conflict panel of the household editor.

import { useState } from 'react';
import { fieldDef } from '../../shared/dictionary/index.ts';
import { ListTable, displayValue } from '../components.tsx';
import { formatDateTime, useLang, useT } from '../i18n.ts';
import { ForgetReleaseButton, ImportStatus, ReleaseFileForm, ReleaseSummary, useImportWorker } from '../import-client.tsx';
import type { ReleaseInfo } from '../lib/importer.ts';
import type { StoredProposal } from '../lib/model.ts';
import type { BaseRecord } from '../lib/proposals.ts';
import { type RebaseReport, isBlocked, releaseRefusal, resolveConflict } from '../lib/rebase.ts';
import { rfc3339 } from '../lib/ids.ts';
import { loadInstallation } from '../lib/store.ts';
import { useApp, useProposalStore } from '../state.tsx';
import { SubjectLink } from './Export.tsx';

export function NewReleasePage() {
  const t = useT();
  const lang = useLang();
  const { db, inst, setInst } = useApp();
  const [info, setInfo] = useState<ReleaseInfo | null>(null);
  const [report, setReport] = useState<RebaseReport | null>(null);
  const worker = useImportWorker((m) => {
    if (m.type === 'opened') {
      // An older, equal or foreign release is refused before anything is stored.
      const refusal = releaseRefusal(inst.meta, m.info);
      if (!refusal) return setInfo(m.info);
      worker.post({ type: 'forget' });
      worker.setError(refusal.messages[lang]);
    } else if (m.type === 'updated') {
      worker.close();
      void loadInstallation(db).then((next) => {
        setInfo(null);
        setReport(m.report);
        if (next) setInst(next);
      });
    }
  });
  const { busy, setBusy } = worker;

  return (
    <main id="main">
      <h1>{t('nr.title')}</h1>
      <p>{t('nr.intro')}</p>
      <p className="muted">{t('nr.installed', { date: formatDateTime(inst.meta.createdAt, lang) })}</p>
      {!info ? (
        <ReleaseFileForm
          idPrefix="nr"
          busy={!!busy}
          onOpen={(file, passphrase) => {
            setReport(null);
            void worker.open(file, passphrase);
          }}
        />
      ) : (
        <section className="card">
          <ReleaseSummary info={info} />
          <div className="actions">
            <button
              type="button"
              className="btn"
              disabled={!!busy}
              onClick={() => {
                setBusy({ phase: 'households', fraction: 0 });
                worker.post({ type: 'update' });
              }}
            >
              {t('nr.install')}
            </button>
            <ForgetReleaseButton worker={worker} label={t('common.cancel')} then={() => setInfo(null)} />
          </div>
        </section>
      )}
      <ImportStatus busy={busy} error={worker.error} />
      {report ? (
        <div className="ok" role="status">
          <p>{t('nr.done', { date: formatDateTime(inst.meta.createdAt, lang) })}</p>
          <p>{t('nr.report', { ...report })}</p>
        </div>
      ) : null}
      <BlockedDrafts />
    </main>
  );
}

/** The drafts that wait for the operator after a newer release: conflicts to decide, a household gone. */
export function BlockedDrafts() {
  const t = useT();
  const { inst } = useApp();
  const store = useProposalStore();
  const blocked = inst.proposals.filter(isBlocked);
  if (blocked.length === 0) return null;
  return (
    <section data-testid="blocked-drafts">
      <h2>{t('nr.blocked')}</h2>
      <p className="hint">{t('nr.blockedHelp')}</p>
      <ListTable
        head={[t('col.subject'), t('col.status'), t('col.action')]}
        items={blocked}
        row={(p) => (
          <tr key={p.proposalId} data-proposal={p.proposalId}>
            <td>
              <SubjectLink p={p} />
            </td>
            <td>{p.rebase?.gone ? t(`nr.gone.${p.rebase.gone}`) : t('nr.conflicts', { n: p.rebase?.conflicts.length ?? 0 })}</td>
            <td>
              {p.rebase?.gone ? (
                <button type="button" className="btn btn-danger" onClick={() => void store.remove(p.proposalId)}>
                  {t('nr.delete')}
                </button>
              ) : (
                <a className="btn btn-secondary" href={`#/rt/${p.subject}`}>
                  {t('nr.open')}
                </a>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}

/** The conflicts of a draft moved onto a newer release, each with "keep mine" / "take the new value". */
export function ConflictPanel({ draft, base }: { draft: StoredProposal; base: BaseRecord }) {
  const t = useT();
  const lang = useLang();
  const store = useProposalStore();
  const note = draft.rebase;
  if (!note || (note.conflicts.length === 0 && !note.gone)) return null;
  const names = new Map(base.members.map((m) => [String(m.idartbdt), String(m.nama ?? m.idartbdt)]));
  const decide = (i: number, choice: 'mine' | 'theirs') => store.save({ ...resolveConflict(draft, i, choice), updatedAt: rfc3339() });
  return (
    <section className="card conflicts" aria-labelledby="cf-title">
      <h2 id="cf-title">{t('cf.title')}</h2>
      {note.gone ? <p className="alert">{t(`cf.gone.${note.gone}`)}</p> : <p>{t('cf.help')}</p>}
      {note.conflicts.length > 0 ? (
        <ListTable
          head={[t('cf.field'), t('cf.seen'), t('cf.mine'), t('cf.theirs'), t('col.action')]}
          items={note.conflicts.map((c, i) => ({ c, i }))}
          row={({ c, i }) => {
            const who = c.member === null ? '' : `${t('fbw.member', { name: names.get(c.member) ?? c.member })}: `;
            if (c.field === null)
              return (
                <tr key={`${c.member}:*`} data-conflict={`${c.member}`}>
                  <th scope="row">{who.replace(/: $/, '')}</th>
                  <td colSpan={3}>{t('cf.memberGone')}</td>
                  <td>
                    <button type="button" className="btn btn-secondary" onClick={() => void decide(i, 'theirs')}>
                      {t('cf.dropMember')}
                    </button>
                  </td>
                </tr>
              );
            const def = fieldDef(c.member === null ? 'household' : 'member', c.field);
            const show = (v: unknown) => (def ? displayValue(def, v, t, lang) : String(v ?? ''));
            return (
              <tr key={`${c.member}:${c.field}`} data-conflict={c.field}>
                <th scope="row">
                  {who}
                  {def?.label ?? c.field}
                </th>
                <td>{show(c.seen)}</td>
                <td>{show(c.mine)}</td>
                <td>{show(c.theirs)}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="btn btn-secondary" onClick={() => void decide(i, 'mine')}>
                      {t('cf.keepMine')}
                    </button>
                    <button type="button" className="btn btn-secondary" onClick={() => void decide(i, 'theirs')}>
                      {t('cf.takeTheirs')}
                    </button>
                  </div>
                </td>
              </tr>
            );
          }}
        />
      ) : null}
    </section>
  );
}

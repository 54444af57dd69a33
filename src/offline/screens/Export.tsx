// O7: export the work not yet exported as .siks packages, one per module (BDT, BSP, PBI); the
// history of exports (the very same file can be saved again); "Ekspor ulang" of a chosen proposal
// (same proposalId); the BSP/PBI proposals waiting for export (edit, delete); and the list of
// every proposal with its state and decision.

import { useMemo, useState } from 'react';
import { ListTable, saveFile } from '../components.tsx';
import { formatDateTime, formatNumber, useLang, useT } from '../i18n.ts';
import { buildPackages, markExported, pendingProposals } from '../lib/exporter.ts';
import { canCorrect } from '../lib/feedback.ts';
import { rfc3339 } from '../lib/ids.ts';
import type { ExportRecord, StoredProposal } from '../lib/model.ts';
import { programmeHref, programmeLineOf } from '../lib/programmes.ts';
import { recordExport, saveProposals } from '../lib/store.ts';
import { describeError } from '../lib/importer.ts';
import { inAktifList, scopeDesa } from '../lib/release.ts';
import { useApp, useProposalStore } from '../state.tsx';
import { decisionKey, vervalResultText } from '../work.ts';
import { BlockedDrafts } from './NewRelease.tsx';
import { PendingPhotos, exportedPhotosText, photosFor } from '../ExportPhotos.tsx';
import { programmeDetail } from './Programme.tsx';

/** Link to where a proposal is edited or corrected. */
export function subjectHref(p: StoredProposal): string {
  return programmeHref(p.subject) ?? (p.type === 'PERBAIKAN' ? `#/rt/${p.subject}` : `#/usulan-baru/${p.subject}`);
}

/** What the "Hasil verval" column shows: the verval result of a PERBAIKAN, the gist of a BSP/PBI proposal. */
export function resultText(p: StoredProposal, lang: 'id' | 'en'): string {
  if (p.json.type === 'PERBAIKAN') return vervalResultText(p.json.verval.result);
  const line = programmeLineOf(p.json);
  return line ? programmeDetail(line, lang) : '';
}

/** The subject of a proposal as a link to its editor, with the IDBDT beside a household's name. */
export function SubjectLink({ p }: { p: StoredProposal }) {
  return (
    <>
      <a href={subjectHref(p)}>{p.label || p.subject}</a>
      {p.type === 'PERBAIKAN' ? <span className="muted"> {p.subject}</span> : null}
      {programmeHref(p.subject) ? <span className="muted"> {p.subject.replace(/^(BSP:[A-Z]+|PBI):/, '')}</span> : null}
    </>
  );
}

/** "Perbaiki": to the editor of a proposal that may be corrected now (see canCorrect). */
export function CorrectLink({ p, all }: { p: StoredProposal; all: readonly StoredProposal[] }) {
  const t = useT();
  return canCorrect(p, all) ? (
    <a className="btn btn-secondary" href={subjectHref(p)}>
      {t('ex.correct')}
    </a>
  ) : null;
}

/** The cells every proposal list starts with: type, subject, result (or gist), status. */
function ProposalCells({ p }: { p: StoredProposal }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <td>{t(`type.${p.type}`)}</td>
      <td>
        <SubjectLink p={p} />
      </td>
      <td>{resultText(p, lang)}</td>
      <td>
        <ProposalStatus p={p} />
      </td>
    </>
  );
}

export function ProposalStatus({ p }: { p: StoredProposal }) {
  const t = useT();
  return (
    <>
      {p.status === 'draft' ? t('status.draft') : t('status.exported', { file: p.exports.map((e) => e.fileName).join(', ') })}
      {p.reexport ? <span className="chip chip-draft"> {t('ex.reexportMarked')}</span> : null}
    </>
  );
}

export function ExportPage() {
  const t = useT();
  const lang = useLang();
  const { db, inst, setInst } = useApp();
  const store = useProposalStore();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  const pending = useMemo(() => pendingProposals(inst.proposals), [inst.proposals]);
  const all = useMemo(() => [...inst.proposals].sort((a, b) => b.seq - a.seq), [inst.proposals]);

  const exportNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const packages = await buildPackages(inst.meta, pending, new Set(inst.exports.map((e) => e.fileName)), {
        check: {
          isAktif: (id) => inAktifList(inst.aktif, id),
          scopeDesa: new Set(scopeDesa(inst.meta.scope, inst.regions)),
        },
        media: await photosFor(db, pending),
      });
      const at = rfc3339();
      const records: ExportRecord[] = [];
      const byId = new Map<string, StoredProposal>();
      // One transaction per package: a package is recorded with its proposals or not at all.
      for (const built of packages) {
        const updated = markExported(built, at);
        const record: ExportRecord = {
          packageId: built.header.id,
          fileName: built.fileName,
          createdAt: built.header.createdAt,
          count: updated.length,
          proposalIds: updated.map((p) => p.proposalId),
          bytes: built.bytes,
          module: built.header.module,
        };
        await recordExport(db, record, updated);
        records.push(record);
        for (const p of updated) byId.set(p.proposalId, p);
      }
      setInst({
        ...inst,
        proposals: inst.proposals.map((p) => byId.get(p.proposalId) ?? p),
        exports: [...inst.exports, ...records],
      });
      for (const r of records) saveFile(r.bytes, r.fileName);
      const [only] = records;
      setMessage({
        kind: 'ok',
        text: [
          records.length === 1 && only
            ? t('ex.done', { file: only.fileName, n: only.count })
            : t('ex.doneMany', { files: records.map((r) => r.fileName).join(', '), n: byId.size }),
          exportedPhotosText(packages, t, lang),
        ]
          .filter(Boolean)
          .join(' '),
      });
    } catch (err) {
      setMessage({ kind: 'err', text: describeError(err).messages[lang] });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (p: StoredProposal) => {
    if (p.status === 'draft' && window.confirm(t('pg.deleteConfirm'))) await store.remove(p.proposalId);
  };
  const programmePending = pending.filter((p) => programmeHref(p.subject));

  const toggleReexport = async (p: StoredProposal) => {
    const next = { ...p, reexport: !p.reexport };
    await saveProposals(db, [next]);
    setInst({ ...inst, proposals: inst.proposals.map((x) => (x.proposalId === p.proposalId ? next : x)) });
  };

  return (
    <main id="main">
      <h1>{t('ex.title')}</h1>
      <p className="muted">{t('ex.operator', { name: inst.meta.operator.name, username: inst.meta.operator.username })}</p>
      <section className="card">
        <p data-testid="pending">{pending.length > 0 ? t('ex.pending', { n: formatNumber(pending.length, lang) }) : t('ex.nothing')}</p>
        <PendingPhotos pending={pending} />
        <div className="actions">
          <button type="button" className="btn" disabled={busy || pending.length === 0} onClick={() => void exportNow()}>
            {t('ex.export')}
          </button>
          <a className="btn btn-secondary" href="#/cetak/usulan">
            {t('ex.printList')}
          </a>
        </div>
        {message ? (
          <p className={message.kind === 'ok' ? 'ok' : 'alert'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.text}
          </p>
        ) : null}
      </section>
      <BlockedDrafts />
      <section>
        <h2>{t('pg.pending')}</h2>
        <ListTable
          head={[t('col.type'), t('col.subject'), t('col.detail'), t('col.status'), t('col.action')]}
          items={programmePending}
          empty={t('pg.nonePending')}
          row={(p) => (
            <tr key={p.proposalId} data-proposal={p.proposalId}>
              <ProposalCells p={p} />
              <td>
                <div className="row-actions">
                  <a className="btn btn-secondary" href={subjectHref(p)}>
                    {t('pg.edit')}
                  </a>
                  {p.status === 'draft' ? (
                    <button type="button" className="btn btn-danger" onClick={() => void remove(p)}>
                      {t('common.delete')}
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          )}
        />
      </section>
      <section>
        <h2>{t('ex.history')}</h2>
        <ListTable
          head={[t('col.date'), t('col.file'), { label: t('col.count'), className: 'num' }, t('col.action')]}
          items={[...inst.exports].reverse()}
          empty={t('ex.noHistory')}
          row={(e) => (
            <tr key={e.packageId}>
              <td>{formatDateTime(e.createdAt, lang)}</td>
              <td>{e.fileName}</td>
              <td className="num">{e.count}</td>
              <td>
                <button type="button" className="btn btn-secondary" onClick={() => saveFile(e.bytes, e.fileName)}>
                  {t('ex.download')}
                </button>
              </td>
            </tr>
          )}
        />
      </section>
      <section>
        <h2>{t('ex.all')}</h2>
        <p className="hint">{t('ex.reexportHelp')}</p>
        <ListTable
          head={[t('col.type'), t('col.subject'), t('col.result'), t('col.status'), t('col.decision'), t('col.action')]}
          items={all}
          row={(p) => (
            <tr key={p.proposalId} data-proposal={p.proposalId}>
              <ProposalCells p={p} />
              <td>{p.feedback ? t(decisionKey(p.feedback.decision)) : p.status === 'exported' ? t('fb.waiting') : ''}</td>
              <td>
                <div className="row-actions">
                  {p.status === 'exported' ? (
                    <button type="button" className="btn btn-secondary" onClick={() => void toggleReexport(p)}>
                      {p.reexport ? t('ex.reexportCancel') : t('ex.reexport')}
                    </button>
                  ) : null}
                  <CorrectLink p={p} all={inst.proposals} />
                </div>
              </td>
            </tr>
          )}
        />
      </section>
    </main>
  );
}

// O8: open a .siksfb feedback file (key derived from the release's packageKey) and show the
// decision on each proposal; rejected or returned proposals can be corrected (a new proposal).

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { formatIdbdt } from '../../shared/codes.ts';
import { packageKeyProvider, readFeedback } from '../../shared/siks/browser.ts';
import { displayValue, fileBytes, ListTable } from '../components.tsx';
import { formatDateTime, useLang, useT } from '../i18n.ts';
import { applyFeedback, feedbackKey } from '../lib/feedback.ts';
import { assignedText, describePath } from '../lib/feedback-text.ts';
import { rfc3339 } from '../lib/ids.ts';
import { describeError } from '../lib/importer.ts';
import type { FeedbackRecord, StoredProposal } from '../lib/model.ts';
import { loadBase, recordFeedback } from '../lib/store.ts';
import { keptKeys } from '../lib/update.ts';
import { useApp } from '../state.tsx';
import { decisionKey } from '../work.ts';
import { CorrectLink, SubjectLink } from './Export.tsx';

export function FeedbackPage() {
  const t = useT();
  const lang = useLang();
  const { db, inst, setInst } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Every exported proposal: with its decision, or waiting for one ("menunggu keputusan").
  const decided = useMemo(() => inst.proposals.filter((p) => p.status === 'exported').sort((a, b) => b.seq - a.seq), [inst.proposals]);
  const names = useMemberNames(decided);
  const words = (p: StoredProposal, paths: readonly string[]) =>
    paths
      .map((path) => {
        const w = describePath(path, p.json, (id) => names.get(id), lang);
        return w.def && w.value !== undefined ? `${w.label} (${displayValue(w.def, w.value, t, lang)})` : w.label;
      })
      .join('; ');

  const open = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const bytes = await fileBytes(file);
      const meta = inst.meta;
      // The installed release's key, or a kept one: feedback on a package exported under an older release.
      const kept = await keptKeys(db);
      const content = await readFeedback(
        bytes,
        packageKeyProvider((releaseId) => feedbackKey(meta, kept, releaseId)),
      );
      const receivedAt = rfc3339();
      const applied = applyFeedback(inst.proposals, content.feedback, { feedbackId: content.header.id, receivedAt });
      const pkg = inst.exports.find((x) => x.packageId === content.header.package);
      const record: FeedbackRecord = {
        feedbackId: content.header.id,
        packageId: content.header.package,
        createdAt: content.header.createdAt,
        receivedAt,
        count: content.feedback.length,
        matched: applied.decisions.length - applied.unknown.length,
      };
      await recordFeedback(db, record, applied.updated);
      const byId = new Map(applied.updated.map((p) => [p.proposalId, p]));
      setInst({
        ...inst,
        proposals: inst.proposals.map((p) => byId.get(p.proposalId) ?? p),
        feedback: [...inst.feedback.filter((f) => f.feedbackId !== record.feedbackId), record],
      });
      const lines = [t('fb.result', { file: pkg?.fileName ?? content.header.package, n: record.count, matched: record.matched })];
      if (!pkg) lines.push(t('fb.unknownPackage', { id: content.header.package }));
      if (applied.unknown.length) lines.push(t('fb.unknown', { n: applied.unknown.length }));
      setResult(lines);
    } catch (err) {
      setError(describeError(err).messages[lang]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main">
      <h1>{t('fb.title')}</h1>
      <p>{t('fb.intro')}</p>
      <form className="card" onSubmit={(e) => void open(e)}>
        <div className="field">
          <label htmlFor="fb-file">{t('fb.file')}</label>
          <input id="fb-file" type="file" accept=".siksfb" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" className="btn" disabled={!file || busy}>
          {t('fb.open')}
        </button>
        {result ? (
          <div role="status" className="ok">
            {result.map((l) => (
              <p key={l}>{l}</p>
            ))}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="alert">
            {error}
          </p>
        ) : null}
      </form>
      <section>
        <h2>{t('fb.decisions')}</h2>
        <ListTable
          head={[t('col.type'), t('col.subject'), t('col.decision'), t('col.reason'), t('col.assigned'), t('col.action')]}
          items={decided}
          empty={t('fb.none')}
          row={(p) => {
            const f = p.feedback;
            return (
              <tr key={p.proposalId} data-proposal={p.proposalId}>
                <td>{t(`type.${p.type}`)}</td>
                <td>
                  <SubjectLink p={p} />
                </td>
                {f ? (
                  <>
                    <td>
                      <span className={`chip chip-${f.decision}`}>{t(decisionKey(f.decision))}</span>
                      {f.decidedAt ? <span className="muted"> {formatDateTime(f.decidedAt, lang)}</span> : null}
                    </td>
                    <td>
                      {f.reason ? <p>{f.reason}</p> : null}
                      {f.errors.length ? (
                        <ul>
                          {f.errors.map((e, i) => (
                            <li key={i}>
                              <strong>{describePath(e.path, p.json, (id) => names.get(id), lang).label}</strong>: {e.message}{' '}
                              <span className="muted">({e.code})</span>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {f.acceptedFields?.length ? <p>{t('fb.kept', { fields: words(p, f.acceptedFields) })}</p> : null}
                      {f.rejectedFields?.length ? <p>{t('fb.notKept', { fields: words(p, f.rejectedFields) })}</p> : null}
                    </td>
                    <td>
                      {assignedText(f, p.json, p.label, lang).map((a) => (
                        <p key={a.id}>
                          {t(a.kind === 'idbdt' ? 'fb.assignedHhName' : 'fb.assignedMemberName', { id: formatIdbdt(a.id), name: a.name })}
                        </p>
                      ))}
                    </td>
                    <td>
                      <CorrectLink p={p} all={inst.proposals} />
                    </td>
                  </>
                ) : (
                  <>
                    <td>
                      <span className="chip chip-waiting">{t('fb.waiting')}</span>
                    </td>
                    <td colSpan={3} className="muted">
                      {p.exports.at(-1)?.fileName}
                    </td>
                  </>
                )}
              </tr>
            );
          }}
        />
      </section>
      {inst.feedback.length > 0 ? (
        <section>
          <h2>{t('fb.files')}</h2>
          <ul>
            {inst.feedback.map((f) => (
              <li key={f.feedbackId}>
                {formatDateTime(f.receivedAt, lang)}: {inst.exports.find((x) => x.packageId === f.packageId)?.fileName ?? f.packageId} (
                {f.matched}/{f.count})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

/** The release names of the members that exported corrections touch (feedback paths name members by index). */
function useMemberNames(proposals: readonly StoredProposal[]): ReadonlyMap<string, string> {
  const { db, inst } = useApp();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const subjects = useMemo(
    () => [...new Set(proposals.filter((p) => p.json.type === 'PERBAIKAN' && p.json.members.length > 0).map((p) => p.subject))].join(','),
    [proposals],
  );
  useEffect(() => {
    let live = true;
    void (async () => {
      const out = new Map<string, string>();
      for (const idbdt of subjects ? subjects.split(',') : []) {
        const base = await loadBase(db, inst.index, idbdt).catch(() => undefined);
        for (const m of base?.members ?? []) if (typeof m.nama === 'string') out.set(String(m.idartbdt), m.nama);
      }
      if (live) setNames(out);
    })();
    return () => {
      live = false;
    };
  }, [db, inst.index, subjects]);
  return names;
}

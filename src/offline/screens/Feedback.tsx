// O8: open a .siksfb feedback file (key derived from the release's packageKey) and show the
// decision on each proposal; rejected or returned proposals can be corrected (a new proposal).

import { useMemo, useState, type FormEvent } from 'react';
import { packageKeyProvider, readFeedback } from '../../shared/siks/browser.ts';
import { fileBytes, ListTable } from '../components.tsx';
import { formatDateTime, useLang, useT } from '../i18n.ts';
import { applyFeedback } from '../lib/feedback.ts';
import { rfc3339 } from '../lib/ids.ts';
import { describeError } from '../lib/importer.ts';
import type { FeedbackRecord } from '../lib/model.ts';
import { recordFeedback } from '../lib/store.ts';
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
  const decided = useMemo(() => inst.proposals.filter((p) => p.feedback).sort((a, b) => b.seq - a.seq), [inst.proposals]);

  const open = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const bytes = await fileBytes(file);
      const meta = inst.meta;
      const content = await readFeedback(
        bytes,
        packageKeyProvider((releaseId) => (releaseId === meta.releaseId ? meta.packageKey : undefined)),
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
            const f = p.feedback!;
            return (
              <tr key={p.proposalId} data-proposal={p.proposalId}>
                <td>{t(`type.${p.type}`)}</td>
                <td>
                  <SubjectLink p={p} />
                </td>
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
                          <code>{e.path}</code> {e.code}: {e.message}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {f.acceptedFields?.length ? <p>{t('fb.accepted', { fields: f.acceptedFields.join(', ') })}</p> : null}
                  {f.rejectedFields?.length ? <p>{t('fb.rejected', { fields: f.rejectedFields.join(', ') })}</p> : null}
                </td>
                <td>
                  {f.assigned?.idbdt ? <p>{t('fb.assignedHh', { idbdt: f.assigned.idbdt })}</p> : null}
                  {Object.entries(f.assigned?.members ?? {}).map(([temp, id]) => (
                    <p key={temp}>{t('fb.assignedMember', { temp, id })}</p>
                  ))}
                </td>
                <td>
                  <CorrectLink p={p} all={inst.proposals} />
                </td>
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

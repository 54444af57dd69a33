// The decision panel of a waiting proposal: the reason, "Setujui", "Setujui sebagian" (which turns
// on the per-part checkboxes), "Tolak", "Perlu perbaikan"; and the confirmation a conflict needs.
import { useId } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { useT } from '../../i18n/index.ts';
import { IssueList } from '../ProposalIssues.tsx';
import { REASON_ID, type Decision } from './useDecision.ts';

/** Parts without a field row or member heading to carry their checkbox (e.g. the verval result). */
function isExtraPart(path: string): boolean {
  return !path.startsWith('household.') && !/^members\[\d+\]$/.test(path);
}

function PartialButtons({ d }: { d: Decision }) {
  const t = useT();
  return (
    <div className="form-actions decision-actions">
      <button type="button" className="btn btn-primary" disabled={d.busy} onClick={d.submitPartial}>
        {t('decision.savePartial')}
      </button>
      <button type="button" className="btn btn-secondary" disabled={d.busy} onClick={() => d.setPartialOn(false)}>
        {t('decision.cancelPartial')}
      </button>
    </div>
  );
}

function DecisionButtons({ d }: { d: Decision }) {
  const t = useT();
  return (
    <div className="form-actions decision-actions">
      <button type="button" className="btn btn-primary" disabled={d.busy} onClick={d.approve}>
        {t('decision.approve')}
      </button>
      {/* Only a correction changing fields can be split (verval.ts partialOffered). */}
      {d.partialOffered && (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={d.busy}
          onClick={() => {
            d.setPartialOn(true);
            requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.part-check')?.focus());
          }}
        >
          {t('decision.partial')}
        </button>
      )}
      <button type="button" className="btn btn-secondary btn-danger" disabled={d.busy} onClick={() => d.withReason('REJECT')}>
        {t('decision.reject')}
      </button>
      <button type="button" className="btn btn-secondary" disabled={d.busy} onClick={() => d.withReason('RETURN')}>
        {t('decision.return')}
      </button>
    </div>
  );
}

export function DecisionPanel({ d, memberNames }: { d: Decision; memberNames: readonly (string | null)[] }) {
  const t = useT();
  const fid = useId();
  const extraParts = d.parts.filter((part) => isExtraPart(part.path));
  return (
    <section className="card decision-panel" aria-labelledby={`${fid}-title`}>
      <h2 id={`${fid}-title`}>{t('decision.title')}</h2>
      {d.partial.on && (
        <p className="alert alert-info" role="status">
          {t('decision.partialHint')}
        </p>
      )}
      <TextAreaField
        id={REASON_ID}
        label={t('decision.reason')}
        value={d.reason}
        onChange={d.setReason}
        hint={t('decision.reasonHint')}
        error={d.reasonError}
      />
      {d.partial.on && extraParts.length > 0 && (
        <fieldset className="checklist decision-extra">
          <legend>{t('decision.otherParts')}</legend>
          {extraParts.map((part) => (
            <label key={part.path} className="check">
              <input
                type="checkbox"
                className="part-check"
                checked={d.partial.accepted.has(part.path)}
                onChange={() => d.partial.toggle(part.path)}
              />
              {t('decision.acceptPart', { label: part.label })}
            </label>
          ))}
        </fieldset>
      )}
      {d.error && (
        <div className="alert alert-error" role="alert">
          <p>{d.error}</p>
        </div>
      )}
      {d.invalid.length > 0 && <IssueList issues={d.invalid} caption={t('decision.invalidCaption')} memberNames={memberNames} />}
      {d.partial.on ? <PartialButtons d={d} /> : <DecisionButtons d={d} />}
      {d.busy && (
        <p className="loading" role="status">
          {t('decision.saving')}
        </p>
      )}
      <ConfirmDialog
        open={d.pending !== null}
        title={t('conflict.confirmTitle')}
        message={t('conflict.confirm')}
        confirmLabel={t('conflict.confirmButton')}
        busy={d.busy}
        onConfirm={d.confirmPending}
        onCancel={d.cancelPending}
      />
    </section>
  );
}

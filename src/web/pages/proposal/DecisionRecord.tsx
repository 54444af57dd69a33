// A decision already taken: status, when and by whom, the reason, the parts accepted and refused,
// and the IDBDT a new household received.
import type { ProposalDetail } from '../../api/proposals.ts';
import { Fact } from '../../components/Fact.tsx';
import { formatDateTime } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { issuePathLabel } from '../../verval.ts';
import { ProposalStatusBadge } from '../ProposalIssues.tsx';
import { IdbdtLink } from './Summary.tsx';

export function DecisionRecord({ data, memberNames }: { data: ProposalDetail; memberNames: readonly (string | null)[] }) {
  const t = useT();
  const locale = useLocale();
  const d = data.proposal.decision;
  if (!d) return null;
  const labels = (paths: readonly string[] | null) => (paths ?? []).map((p) => issuePathLabel(p, t, memberNames)).join('; ');
  // A partial approval's reason explains what it rejected: shown once, with the rejected parts.
  const rejected = d.rejectedFields && d.rejectedFields.length > 0 ? d.rejectedFields : null;
  return (
    <section className="card decision-record" aria-labelledby="decision-record-title">
      <h2 id="decision-record-title">{t('decision.recordTitle')}</h2>
      <dl className="summary">
        <Fact label={t('proposal.statusLabel')}>
          <ProposalStatusBadge status={data.proposal.status} />
        </Fact>
        <Fact label={t('decision.decidedAt')}>
          {formatDateTime(d.decidedAt, locale)}
          {d.decidedBy && <> · {d.decidedBy}</>}
        </Fact>
        {d.reason && !rejected && (
          <Fact label={t('decision.reason')} wide className="prewrap">
            {d.reason}
          </Fact>
        )}
        {d.acceptedFields && d.acceptedFields.length > 0 && (
          <Fact label={t('decision.acceptedFields')} wide lang="id">
            {labels(d.acceptedFields)}
          </Fact>
        )}
        {rejected && (
          <Fact label={t('decision.rejectedFields')} wide lang="id">
            {labels(rejected)}
          </Fact>
        )}
        {rejected && d.reason && (
          <Fact label={t('decision.rejectedReason')} wide className="prewrap">
            {d.reason}
          </Fact>
        )}
        {d.assigned?.idbdt && (
          <Fact label={t('decision.assigned')} wide>
            <IdbdtLink idbdt={d.assigned.idbdt} />
          </Fact>
        )}
      </dl>
    </section>
  );
}

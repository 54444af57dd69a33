// What the checks found in a proposal: its validation errors, its warnings, and the other
// proposals waiting for the same household.
import type { ProposalDetail } from '../../api/proposals.ts';
import { formatNumber } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { proposalHref, type ProposalFilter } from '../../verval.ts';
import { IssueList } from '../ProposalIssues.tsx';

function OtherPending({ ids, filter }: { ids: readonly string[]; filter: ProposalFilter }) {
  const t = useT();
  const locale = useLocale();
  if (ids.length === 0) return null;
  return (
    <div className="alert alert-warn-soft">
      <p>{t('proposal.others', { n: formatNumber(ids.length, locale) })}</p>
      <ul>
        {ids.map((other) => (
          <li key={other}>
            <Link to={proposalHref(other, filter)} className="mono">
              {t('proposal.otherLink', { id: other.slice(0, 8) })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Findings({
  data,
  filter,
  memberNames,
}: {
  data: ProposalDetail;
  filter: ProposalFilter;
  memberNames: readonly (string | null)[];
}) {
  const t = useT();
  const p = data.proposal;
  return (
    <>
      {p.errors.length > 0 && (
        <section className="issues issues-errors" aria-labelledby="errors-title">
          <h2 id="errors-title">{t('proposal.errors')}</h2>
          <IssueList issues={p.errors} caption={t('proposal.errorsCaption')} memberNames={memberNames} />
        </section>
      )}
      {(p.warnings.length > 0 || p.pendingOthers.length > 0) && (
        <section className="issues issues-warnings" aria-labelledby="warnings-title">
          <h2 id="warnings-title">{t('proposal.warnings')}</h2>
          <OtherPending ids={p.pendingOthers} filter={filter} />
          {p.warnings.length > 0 && <IssueList issues={p.warnings} caption={t('proposal.warningsCaption')} memberNames={memberNames} />}
        </section>
      )}
    </>
  );
}

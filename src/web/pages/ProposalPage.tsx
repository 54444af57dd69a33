// F7 one proposal (/verifikasi-usulan/:id; proposal:read): its summary, what an approval will do,
// the decision already taken, the conflict, the findings, the changes (side by side for a
// correction, proposed values for a new household) and, for a waiting proposal and a user who
// may decide, the decision panel. The parts live in ./proposal/; this file loads and composes.
// Loaded lazily.
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { proposalsApi, type ProposalDetail } from '../api/proposals.ts';
import { ErrorBox, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { useT } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { useData } from '../lib/useData.ts';
import { Link, useLocation } from '../router.tsx';
import { clearFlash, parseProposalFilter, peekFlash, proposalListHref, proposalName, type ProposalFilter } from '../verval.ts';
import { NO_PARTIAL } from './proposal/ChangeTable.tsx';
import { Changes } from './proposal/Changes.tsx';
import { ConflictNote } from './proposal/ConflictNote.tsx';
import { DecisionPanel } from './proposal/DecisionPanel.tsx';
import { DecisionRecord } from './proposal/DecisionRecord.tsx';
import { Findings } from './proposal/Findings.tsx';
import { ProposalPhotos } from './proposal/ProposalPhotos.tsx';
import { EffectNote, Summary } from './proposal/Summary.tsx';
import { memberNamesOf, useDecision } from './proposal/useDecision.ts';
import '../account.css';

function BackLink({ filter }: { filter: ProposalFilter }) {
  const t = useT();
  return (
    <p className="back">
      <Link to={proposalListHref(filter)}>← {t('proposal.back')}</Link>
    </p>
  );
}

/** The proposal with everything but loading; exported for rendering tests. */
export function ProposalView({ data, filter, reload }: { data: ProposalDetail; filter: ProposalFilter; reload: () => void }) {
  const t = useT();
  const p = data.proposal;
  const name = proposalName(data) || t('value.empty');
  const d = useDecision(data, filter, reload);
  // The decision panel and partial-approval checkboxes: a waiting proposal, for users who may decide.
  const mayDecide = useCan()('proposal:decide');
  const waiting = p.status === 'MENUNGGU' && mayDecide;
  const memberNames = useMemo(() => memberNamesOf(data), [data]);
  const [flash] = useState(peekFlash);
  useEffect(() => clearFlash(), []);
  const title = t(p.type === 'PERBAIKAN' ? 'proposal.titlePerbaikan' : 'proposal.titleBaru', { name });
  useDocumentTitle(title);

  return (
    <div className="proposal-page">
      <BackLink filter={filter} />
      {flash && (
        <p className="alert alert-ok" role="status">
          {flash}
        </p>
      )}
      <h1>{title}</h1>
      <Summary data={data} />
      <EffectNote data={data} />
      <DecisionRecord data={data} memberNames={memberNames} />
      <ConflictNote data={data} />
      <Findings data={data} filter={filter} memberNames={memberNames} />
      <Changes data={data} partial={waiting ? d.partial : NO_PARTIAL} />
      <ProposalPhotos data={data} />
      {waiting && <DecisionPanel d={d} memberNames={memberNames} />}
    </div>
  );
}

const NOT_FOUND = 'notFound' as const;

export function ProposalPage({ id }: { id: string }) {
  const t = useT();
  const allowed = useCan()('proposal:read');
  const { search } = useLocation();
  const filter = useMemo(() => parseProposalFilter(search), [search]);
  const proposal = useData(
    (signal) =>
      proposalsApi.get(id, signal).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return NOT_FOUND;
        throw e;
      }),
    [id],
    allowed,
  );

  if (!allowed) return <Forbidden title={t('verval.title')} message={t('verval.forbidden')} />;
  const { data, error } = proposal;
  if (error || data === NOT_FOUND) {
    return (
      <div className="proposal-page">
        <BackLink filter={filter} />
        <h1>{t('proposal.title')}</h1>
        <ErrorBox message={error ?? t('proposal.notFound')} onRetry={error ? proposal.reload : undefined} />
      </div>
    );
  }
  if (!data) return <Loading />;
  // Keyed by status: a reload after "not pending" starts the decision panel afresh.
  return <ProposalView key={data.proposal.status} data={data} filter={filter} reload={proposal.reload} />;
}

export default ProposalPage;

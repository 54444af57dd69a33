// What a proposal changes. A correction (Perbaikan Data): every changed household field with its
// current value beside the proposed one, fields changed in the registry since the operator's
// release flagged. A new household (Usulan Baru): nothing to compare with, so the proposed values
// alone. Then the changed and added members.
import type { ProposalDetail } from '../../api/proposals.ts';
import { useT } from '../../i18n/index.ts';
import { householdChangeRows } from '../../verval.ts';
import { ChangeTable, type PartialProps } from './ChangeTable.tsx';
import { MemberChanges } from './MemberChanges.tsx';
import { useValueTexts } from './useValueTexts.ts';

export function Changes({ data, partial }: { data: ProposalDetail; partial: PartialProps }) {
  const t = useT();
  const texts = useValueTexts();
  const isNew = data.current === null;
  const conflict = data.proposal.conflictChanges;
  const rows = householdChangeRows(data.changes.household, texts, conflict?.fields ?? [], isNew);
  const none = data.changes.household.length === 0 && data.changes.members.length === 0;
  return (
    <section className="changes" aria-labelledby="changes-title">
      <h2 id="changes-title">{t('change.title')}</h2>
      {none && <p className="muted">{t('change.none')}</p>}
      {rows.length > 0 && (
        <ChangeTable
          rows={rows}
          caption={t(isNew ? 'change.newHouseholdCaption' : 'change.householdCaption')}
          showCurrent={!isNew}
          pathOf={(r) => `household.${r.field}`}
          partial={partial}
        />
      )}
      <MemberChanges members={data.changes.members} conflictMembers={conflict?.members} partial={partial} />
    </section>
  );
}

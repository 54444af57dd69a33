// What a proposal changes, in the questionnaire's blocks and order (shared with the offline form:
// shared/dictionary/questionnaire.ts), then the members. A correction (Perbaikan Data): every
// changed household field with its current value beside the proposed one, fields changed in the
// registry since the operator's release flagged. A new household (Usulan Baru): nothing to compare
// with, so the proposed values alone, every block shown and the blocks left empty folded.
import type { ProposalDetail } from '../../api/proposals.ts';
import { useLanguage, useT } from '../../i18n/index.ts';
import { bySection, sectionLabel, type HouseholdSection } from '../../../shared/dictionary/questionnaire.ts';
import { householdChangeRows, sameValue, type ChangeRow } from '../../verval.ts';
import { ChangeTable, type PartialProps } from './ChangeTable.tsx';
import { MemberChanges } from './MemberChanges.tsx';
import { useValueTexts } from './useValueTexts.ts';

/** One block of household fields: folded (closed) when the proposal leaves all of it empty. */
function SectionChanges({
  section,
  rows,
  empty,
  isNew,
  partial,
}: {
  section: HouseholdSection;
  rows: ChangeRow[];
  empty: boolean;
  isNew: boolean;
  partial: PartialProps;
}) {
  const t = useT();
  const title = sectionLabel(section, useLanguage());
  return (
    <details className="change-section" open={!empty}>
      <summary>
        <h3 className="change-section-title">{title}</h3>
        {empty && <span className="muted small"> {t('change.sectionEmpty')}</span>}
      </summary>
      <ChangeTable
        rows={rows}
        caption={t(isNew ? 'change.newHouseholdCaption' : 'change.householdCaption', { section: title })}
        showCurrent={!isNew}
        pathOf={(r) => `household.${r.field}`}
        partial={partial}
      />
    </details>
  );
}

export function Changes({ data, partial }: { data: ProposalDetail; partial: PartialProps }) {
  const t = useT();
  const lang = useLanguage();
  const texts = useValueTexts();
  const isNew = data.current === null;
  const conflict = data.proposal.conflictChanges;
  const rows = householdChangeRows(data.changes.household, texts, conflict?.fields ?? [], isNew);
  const emptyFields = new Set(data.changes.household.filter((c) => sameValue(c.proposed, null)).map((c) => c.field));
  const none = data.changes.household.length === 0 && data.changes.members.length === 0;
  return (
    <section className="changes" aria-labelledby="changes-title">
      <h2 id="changes-title">{t('change.title')}</h2>
      {none && <p className="muted">{t('change.none')}</p>}
      {bySection(rows, (r) => r.field).map(({ section, items }) => (
        <SectionChanges
          key={section}
          section={section}
          rows={items}
          empty={isNew && items.every((r) => emptyFields.has(r.field))}
          isNew={isNew}
          partial={partial}
        />
      ))}
      {data.changes.members.length > 0 && <h3 className="change-section-title">{sectionLabel('members', lang)}</h3>}
      <MemberChanges members={data.changes.members} conflictMembers={conflict?.members} partial={partial} />
    </section>
  );
}

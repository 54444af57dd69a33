// The members a proposal changes or adds, one section each: its heading (with the checkbox that
// accepts the whole member in a partial approval) and its fields.
import type { MemberChange } from '../../api/proposals.ts';
import { formatIdbdt } from '../../format.ts';
import { useT } from '../../i18n/index.ts';
import { memberChangeRows, memberInConflict, memberTitle } from '../../verval.ts';
import { ChangeTable, PartCheck, type PartialProps } from './ChangeTable.tsx';
import { useValueTexts } from './useValueTexts.ts';

function MemberChangeView({ m, conflict, partial }: { m: MemberChange; conflict: boolean; partial: PartialProps }) {
  const t = useT();
  const texts = useValueTexts();
  const title = memberTitle(m, t);
  const rows = memberChangeRows(m, texts);
  return (
    <section className={conflict ? 'member-change member-conflict' : 'member-change'} aria-label={title}>
      <h4>
        {partial.on && <PartCheck path={`members[${m.index}]`} label={title} partial={partial} />}
        <span lang="id">{title}</span>
        {m.idartbdt && <span className="muted mono small"> {formatIdbdt(m.idartbdt)}</span>}
        {conflict && <span className="badge badge-conflict conflict-mark">{t('change.changedSinceRelease')}</span>}
      </h4>
      <ChangeTable rows={rows} caption={t('change.memberCaption', { title })} showCurrent={m.op === 'update'} />
    </section>
  );
}

/** Every changed or added member; `conflictMembers`: the idartbdt changed in the registry since the release. */
export function MemberChanges({
  members,
  conflictMembers,
  partial,
}: {
  members: readonly MemberChange[];
  conflictMembers?: readonly string[];
  partial: PartialProps;
}) {
  if (members.length === 0) return null;
  return (
    <div className="member-changes">
      {members.map((m) => (
        <MemberChangeView key={m.index} m={m} conflict={memberInConflict(m, conflictMembers)} partial={partial} />
      ))}
    </div>
  );
}

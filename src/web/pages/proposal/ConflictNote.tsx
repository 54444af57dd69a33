// The conflict of a proposal: the registry changed the household since the operator's release;
// which fields and members, and a link to the household's history.
import type { ProposalDetail } from '../../api/proposals.ts';
import { formatIdbdt } from '../../format.ts';
import { useT } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { conflictFieldLabels } from '../../verval.ts';

export function ConflictNote({ data }: { data: ProposalDetail }) {
  const t = useT();
  const p = data.proposal;
  if (!p.conflict) return null;
  const fields = conflictFieldLabels(p.conflictChanges?.fields ?? []);
  const names = new Map((data.current?.members ?? []).map((m) => [String(m.idartbdt), typeof m.nama === 'string' ? m.nama : null]));
  const members = (p.conflictChanges?.members ?? []).map((id) =>
    names.get(id) ? `${names.get(id)} (${formatIdbdt(id)})` : formatIdbdt(id),
  );
  return (
    <section className="alert alert-conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p>{t('conflict.text')}</p>
      {fields.length > 0 && (
        <p>
          <strong>{t('conflict.fields')}</strong> <span lang="id">{fields.join(', ')}</span>
        </p>
      )}
      {members.length > 0 && (
        <p>
          <strong>{t('conflict.members')}</strong> {members.join(', ')}
        </p>
      )}
      {p.idbdt && (
        <p>
          <Link to={`/data-kesos/${p.idbdt}`}>{t('conflict.history')}</Link>
        </p>
      )}
    </section>
  );
}

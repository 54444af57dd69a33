// The head of a proposal: type, status, household, region, verval result, dates, operator and
// package; and what an approval will do when it does more than change fields.
import type { ProposalDetail } from '../../api/proposals.ts';
import { Fact } from '../../components/Fact.tsx';
import { formatDate, formatIdbdt, formatRegionCode } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useRegionChildren } from '../../lib/useRegionChildren.ts';
import { Link } from '../../router.tsx';
import { vervalLabel } from '../../verval.ts';
import { ProposalStatusBadge } from '../ProposalIssues.tsx';

/** The desa name of a region code, best effort (null until known, or for another kind of code). */
function useDesaName(kode: string): string | null {
  const desa = /^\d{10}$/.test(kode);
  const { items } = useRegionChildren(desa ? kode.slice(0, 6) : null);
  return items?.find((r) => r.code === kode)?.name ?? null;
}

/** A household of the registry, linked to its page. */
export function IdbdtLink({ idbdt }: { idbdt: string }) {
  return (
    <Link to={`/data-kesos/${idbdt}`} className="mono">
      {formatIdbdt(idbdt)}
    </Link>
  );
}

export function Summary({ data }: { data: ProposalDetail }) {
  const t = useT();
  const locale = useLocale();
  const p = data.proposal;
  const desa = useDesaName(p.kodeWilayah);
  const empty = t('value.empty');
  return (
    <section className="card" aria-label={t('proposal.summary')}>
      <dl className="summary">
        <Fact label={t('proposal.type')}>{t(p.type === 'PERBAIKAN' ? 'verval.tab.perbaikan' : 'verval.tab.usulanBaru')}</Fact>
        <Fact label={t('proposal.statusLabel')}>
          <ProposalStatusBadge status={p.status} />
        </Fact>
        {p.idbdt && (
          <Fact label={t('hh.idbdt')}>
            <IdbdtLink idbdt={p.idbdt} />
          </Fact>
        )}
        <Fact label={t('hh.region')}>
          {desa && <>{desa} </>}
          <span className="mono">({formatRegionCode(p.kodeWilayah)})</span>
        </Fact>
        {p.type === 'PERBAIKAN' && (
          <Fact label={t('path.verval.result')} wide>
            {p.vervalResult === null ? (
              empty
            ) : (
              <span lang="id">
                {p.vervalResult}. {vervalLabel(p.vervalResult)}
              </span>
            )}
            {p.duplicateOf && (
              <>
                {' – '}
                {t('proposal.duplicateOf')} <IdbdtLink idbdt={p.duplicateOf} />
              </>
            )}
            {p.mergeInto && (
              <>
                {' – '}
                {t('proposal.mergeInto')} <IdbdtLink idbdt={p.mergeInto} />
              </>
            )}
          </Fact>
        )}
        {p.visitedAt && <Fact label={t('path.verval.visitedAt')}>{formatDate(p.visitedAt, locale)}</Fact>}
        {p.musdesAt && <Fact label={t('path.verval.musdesAt')}>{formatDate(p.musdesAt, locale)}</Fact>}
        <Fact label={t('verval.filter.operator')}>{p.operator ?? empty}</Fact>
        <Fact label={t('verval.filter.import')}>
          <Link to={`/import/${p.importId}`}>{p.fileName ?? p.importId.slice(0, 8)}</Link>
        </Fact>
        {p.note && (
          <Fact label={t('path.verval.note')} wide className="prewrap">
            {p.note}
          </Fact>
        )}
        <Fact label={t('proposal.id')} wide className="mono small">
          {p.id}
        </Fact>
      </dl>
    </section>
  );
}

/** What an approval will do, for results that do more than change fields (a waiting proposal only). */
export function EffectNote({ data }: { data: ProposalDetail }) {
  const t = useT();
  const p = data.proposal;
  const idbdt = (v: string | null) => (v ? formatIdbdt(v) : '?');
  let text: string | null = null;
  if (p.type === 'USULAN_BARU') text = t('proposal.effect.new');
  else if (p.vervalResult === 2 || p.vervalResult === 3) text = t('proposal.effect.deactivate');
  else if (p.vervalResult === 4) text = t('proposal.effect.merge', { idbdt: idbdt(p.mergeInto) });
  else if (p.vervalResult === 5) text = t('proposal.effect.refused');
  else if (p.vervalResult === 6) text = t('proposal.effect.duplicate', { idbdt: idbdt(p.duplicateOf) });
  if (!text || p.status !== 'MENUNGGU') return null;
  return <p className="alert alert-info">{text}</p>;
}

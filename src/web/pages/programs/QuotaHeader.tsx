// "Terpakai / Kuota" of the programmes a page is about (C4: used = AKTIF members of the list). An
// over-full list (the quota was lowered) says that additions are refused until it is under it.
import type { QuotaUse } from '../../api/programs.ts';
import { formatNumber } from '../../format.ts';
import { useLocale, useT } from '../../i18n/index.ts';

export function QuotaHeader({ use, programs }: { use: QuotaUse | null; programs: readonly QuotaUse['items'][number]['program'][] }) {
  const t = useT();
  const locale = useLocale();
  if (!use) return null;
  const items = use.items.filter((i) => programs.includes(i.program));
  return (
    <ul className="home-figures prog-quota" aria-label={t('prog.quota.label', { kab: use.name })}>
      {items.map((i) => (
        <li key={i.program}>
          <strong>{t('prog.quota.item', { program: i.program })}</strong>{' '}
          <span className="prog-quota-figure">
            {i.quota === null
              ? t('prog.quota.none', { used: formatNumber(i.used, locale) })
              : t('prog.quota.used', { used: formatNumber(i.used, locale), quota: formatNumber(i.quota, locale) })}
          </span>
          {i.quota !== null && i.used > i.quota && (
            <span className="badge badge-warning"> {t('prog.quota.over', { n: formatNumber(i.used - i.quota, locale) })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

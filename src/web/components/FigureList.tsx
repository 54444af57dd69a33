// Key figures as a list of labelled numbers (Finalisasi counts, the Monitoring summary).
import type { ReactNode } from 'react';
import { formatNumber } from '../format.ts';
import { useLocale } from '../i18n/index.ts';
import '../finalisasi.css';

export interface Figure {
  key: string;
  label: ReactNode;
  value: number;
  /** Extra class, e.g. 'fin-figure-total' or 'fin-figure-alert'. */
  className?: string;
}

export function FigureList({ label, figures }: { label?: string; figures: readonly Figure[] }) {
  const locale = useLocale();
  return (
    <dl className="fin-figure-list" aria-label={label}>
      {figures.map((f) => (
        <div key={f.key} className={f.className ? `fin-figure ${f.className}` : 'fin-figure'}>
          <dt>{f.label}</dt>
          <dd>{formatNumber(f.value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

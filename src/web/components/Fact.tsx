// One term of a summary list (<dl className="summary">): its label and its value, the pair kept
// together in a <div> so that the grid lays them out as one cell.
import type { ReactNode } from 'react';

export interface FactProps {
  label: ReactNode;
  children?: ReactNode;
  /** Spans the whole row (an address, a note, a long list). */
  wide?: boolean;
  /** Class of the value, e.g. 'mono', 'prewrap'. */
  className?: string;
  /** Language of the value when it differs from the page's (dictionary words are Indonesian). */
  lang?: string;
}

export function Fact({ label, children, wide = false, className, lang }: FactProps) {
  return (
    <div className={wide ? 'wide' : undefined}>
      <dt>{label}</dt>
      <dd className={className} lang={lang}>
        {children}
      </dd>
    </div>
  );
}

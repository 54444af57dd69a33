// A row of tabs over one panel (WAI-ARIA tabs, automatic activation): the selected tab is the one
// in the tab order, the arrow keys select and focus the next or previous tab.
import type { ReactNode } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: ReactNode;
}

export interface TabsProps<K extends string> {
  /** The tablist's accessible name. */
  label: string;
  tabs: readonly TabItem<K>[];
  selected: K;
  onSelect: (key: K) => void;
  /** Each tab gets the id `${idPrefix}-${key}` (the panel's aria-labelledby). */
  idPrefix: string;
  /** id of the panel the tabs control. */
  panelId: string;
}

export function Tabs<K extends string>({ label, tabs, selected, onSelect, idPrefix, panelId }: TabsProps<K>) {
  const move = (from: number, step: number) => {
    const next = tabs[(from + step + tabs.length) % tabs.length]!.key;
    onSelect(next);
    requestAnimationFrame(() => document.getElementById(`${idPrefix}-${next}`)?.focus());
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab, i) => {
        const isSelected = tab.key === selected;
        return (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${idPrefix}-${tab.key}`}
            aria-selected={isSelected}
            aria-controls={panelId}
            tabIndex={isSelected ? 0 : -1}
            className={isSelected ? 'tab tab-selected' : 'tab'}
            onClick={() => !isSelected && onSelect(tab.key)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                move(i, e.key === 'ArrowRight' ? 1 : -1);
              }
            }}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}

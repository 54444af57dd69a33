// The search boxes of the web app search after a pause in typing, not on every keystroke.
import { useCallback, useEffect, useState } from 'react';

/** The pause after the last keystroke before a search box's text is searched. */
export const SEARCH_DEBOUNCE_MS = 350;

/**
 * `value` once it has stayed the same for `ms`, and `flush()` to take it at once (Enter in the box).
 * Put the settled value in a load's deps: the list reloads after the pause, not while typing.
 */
export function useDebounced<T>(value: T, ms = SEARCH_DEBOUNCE_MS): [T, () => void] {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  const flush = useCallback(() => setSettled(value), [value]);
  return [settled, flush];
}

/**
 * The page of a list whose filter is `filter`: whatever page was chosen, a new filter starts again at
 * page 1, without an effect that resets the page (and a request for the old page in between).
 */
export function usePageOf(filter: string): [number, (page: number) => void] {
  const [chosen, setChosen] = useState({ filter, page: 1 });
  const page = chosen.filter === filter ? chosen.page : 1;
  const setPage = useCallback((p: number) => setChosen({ filter, page: p }), [filter]);
  return [page, setPage];
}

// Small helpers over Set shared by the web and offline apps (selections held in React state).

/** A copy of the set with `value` removed when it is there and added when it is not (a checkbox flip). */
export function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

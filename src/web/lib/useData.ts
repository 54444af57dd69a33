// Loading data for a view: one hook instead of a useEffect with AbortController, loading and
// error state in every page; and one helper for the calls a button makes.
import { useCallback, useEffect, useRef, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { isAbort } from '../api/client.ts';
import { errorText } from './errors.ts';

/**
 * Starts one load with its own AbortSignal and reports the value or the error text, unless the
 * returned cancel function ran first (it aborts the request; a late answer is then dropped).
 */
export function startLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  onData: (value: T) => void,
  onError: (text: string) => void,
): () => void {
  const ctrl = new AbortController();
  load(ctrl.signal).then(
    (value) => {
      if (!ctrl.signal.aborted) onData(value);
    },
    (e: unknown) => {
      if (!isAbort(e) && !ctrl.signal.aborted) onError(errorText(e));
    },
  );
  return () => ctrl.abort();
}

export interface DataState<T> {
  /** The last loaded value; kept while a reload runs (null before the first answer). */
  data: T | null;
  /** The error text of the last load (null when it succeeded or is running). */
  error: string | null;
  /** True while a load runs. */
  loading: boolean;
  /** Loads again with the same deps (a "Coba lagi" button, or after a change). */
  reload: () => void;
  /** Replaces the value locally, e.g. with what a mutation answered. */
  setData: Dispatch<SetStateAction<T | null>>;
}

/**
 * Runs `load(signal)` on mount, whenever a value in `deps` changes and on `reload()`; the previous
 * request is aborted then and on unmount, so a late answer never overwrites a newer one. With
 * `enabled` false nothing is loaded (the user may not see the page, a district is not chosen yet).
 * List in `deps` every value `load` reads: biome checks it (useData is declared as a hook in
 * biome.json), so pass `load` as an arrow function written in the call.
 */
export function useData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList, enabled = true): DataState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [attempt, setAttempt] = useState(0);
  // The latest closure; the effect runs only when `deps`, `enabled` or the attempt change.
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load (checked at the call site)
  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    setLoading(true);
    setError(null);
    return startLoad(
      loadRef.current,
      (value) => {
        setData(value);
        setLoading(false);
      },
      (text) => {
        setError(text);
        setLoading(false);
      },
    );
  }, [enabled, attempt, ...deps]);

  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { data, error, loading, reload, setData };
}

export type MutationResult<R> = { ok: true; value: R } | { ok: false };

export interface Mutation<A extends unknown[], R> {
  /** Runs the call; `ok: false` when it failed (the text is then in `error`) or another call still runs. */
  run: (...args: A) => Promise<MutationResult<R>>;
  /** True while the call runs (disable the button, aria-busy). */
  busy: boolean;
  /** The error text of the last call, null after a success. */
  error: string | null;
  /** Clears the error (e.g. when the user edits the form again). */
  clearError: () => void;
}

/** A call a button makes (create, close, delete): busy flag, error text, no double submit. */
export function useMutation<A extends unknown[], R>(call: (...args: A) => Promise<R>): Mutation<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const callRef = useRef(call);
  callRef.current = call;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<MutationResult<R>> => {
    if (running.current) return { ok: false };
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return { ok: true, value: await callRef.current(...args) };
    } catch (e) {
      if (mounted.current) setError(errorText(e));
      return { ok: false };
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}

export interface Confirmed<T> {
  /** The item waiting for the user's answer (null: no dialog open). */
  item: T | null;
  /** Asks about an item (opens the dialog). */
  ask: (item: T) => void;
  /** True while the confirmed call runs. */
  busy: boolean;
  /** The error text of the last call, null after a success. */
  error: string | null;
  /** A ConfirmDialog's open, busy, onConfirm and onCancel. */
  dialog: { open: boolean; busy: boolean; onConfirm: () => void; onCancel: () => void };
}

/**
 * A call on one item that the user confirms first (delete, close, revoke): the item waits in a
 * ConfirmDialog until confirmed or cancelled; `done` runs after the call with whether it succeeded.
 */
export function useConfirmed<T>(call: (item: T) => Promise<unknown>, done: (item: T, ok: boolean) => void): Confirmed<T> {
  const [item, setItem] = useState<T | null>(null);
  const { run, busy, error } = useMutation(call);
  const confirm = async () => {
    if (item === null) return;
    const r = await run(item);
    setItem(null);
    done(item, r.ok);
  };
  const cancel = () => setItem(null);
  return { item, ask: setItem, busy, error, dialog: { open: item !== null, busy, onConfirm: () => void confirm(), onCancel: cancel } };
}

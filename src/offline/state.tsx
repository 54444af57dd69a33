// App-wide state: the IndexedDB connection, the loaded installation, the language, and a tiny
// hash router (the app is served from /offline/ online and from any folder offline, so routes
// live in the fragment: #/rt/3174011001000123).

import { createContext, useContext, useEffect, useState } from 'react';
import type { Lang } from './i18n.ts';
import type { StoredProposal } from './lib/model.ts';
import type { BaseRecord } from './lib/proposals.ts';
import { type Installation, deleteProposal, loadBase, saveProposals } from './lib/store.ts';

export interface AppState {
  db: IDBDatabase;
  inst: Installation;
  setInst: (next: Installation) => void;
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Forget the installation in memory (after "Hapus instalasi"). */
  reset: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside AppContext');
  return s;
}

/** A household of the scope with its members from IndexedDB: undefined while loading, null when it is not in the scope. */
export function useBaseRecord(idbdt: string): BaseRecord | null | undefined {
  const { db, inst } = useApp();
  const [base, setBase] = useState<BaseRecord | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setBase(undefined);
    loadBase(db, inst.index, idbdt).then(
      (b) => live && setBase(b ?? null),
      () => live && setBase(null),
    );
    return () => {
      live = false;
    };
  }, [db, inst.index, idbdt]);
  return base;
}

/** Saving a proposal and deleting a draft, in IndexedDB and in the installation in memory. */
export function useProposalStore() {
  const { db, inst, setInst } = useApp();
  return {
    save: async (stored: StoredProposal) => {
      await saveProposals(db, [stored]);
      setInst({ ...inst, proposals: [...inst.proposals.filter((p) => p.proposalId !== stored.proposalId), stored] });
    },
    remove: async (proposalId: string) => {
      await deleteProposal(db, proposalId);
      setInst({ ...inst, proposals: inst.proposals.filter((p) => p.proposalId !== proposalId) });
    },
  };
}

/** The route as path segments, e.g. ['rt', '3174011001000123']. */
export function parseHash(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function navigate(path: string, replace = false): void {
  const hash = `#${path.startsWith('/') ? path : `/${path}`}`;
  if (replace) history.replaceState(null, '', hash);
  else location.hash = hash;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

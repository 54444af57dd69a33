// The logged-in user, shared with the pages.
import { createContext, useContext } from 'react';
import type { Me } from './api/client.ts';

export interface Session {
  me: Me;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The session of a page rendered inside the logged-in layout. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a logged-in page');
  return s;
}

/** The session, or null before login (public pages). */
export function useOptionalSession(): Session | null {
  return useContext(SessionContext);
}

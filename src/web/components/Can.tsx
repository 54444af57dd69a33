// Shows its children only to a user holding the verb (GET /me `abilities`); the API checks again.
import type { ReactNode } from 'react';
import { useCan, type Verb } from '../lib/abilities.ts';

export interface CanProps {
  verb: Verb;
  children?: ReactNode;
  /** Shown instead when the user lacks the verb (default: nothing). */
  fallback?: ReactNode;
}

export function Can({ verb, children, fallback = null }: CanProps) {
  const can = useCan();
  return <>{can(verb) ? children : fallback}</>;
}

// What the benches share: the district supervisor they act as, with an API token for HTTP benches
// and the actor the services see for in-process ones (read back through the token, as a request would).
import { randomUUID } from 'node:crypto';
import { authenticateToken, createApiToken, createUser } from '../src/server/modules/access/index.ts';
import { type AppContext, CLI_ACTOR } from '../src/server/platform/context.ts';
import type { Actor } from '../src/server/platform/scope.ts';

/** Creates `<kab>_supervisor` (password bench-password-123) and returns its token and actor. */
export async function benchSupervisor(ctx: AppContext, kab = '3174'): Promise<{ token: string; actor: Actor }> {
  const username = `${kab}_supervisor`;
  await createUser(ctx, CLI_ACTOR, {
    username,
    name: 'bench',
    role: 'SUPERVISOR',
    regions: [kab],
    password: 'bench-password-123',
    mustChangePassword: false,
  });
  const { token } = await createApiToken(ctx, CLI_ACTOR, username, 'bench');
  const actor = await authenticateToken(ctx, token);
  if (!actor) throw new Error(`the bench token of ${username} does not authenticate`);
  return { token, actor: actor as Actor };
}

/** A PERBAIKAN proposal line that changes a household's floor (lantai), as an operator would send it. */
export function floorProposal(h: { idbdt: string; version: number; lantai: number | null }) {
  return {
    proposalId: randomUUID(),
    type: 'PERBAIKAN',
    idbdt: h.idbdt,
    baseVersion: h.version,
    verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2026-08-11', musdesAt: null, note: '' },
    household: { lantai: h.lantai === 2 ? 4 : 2 },
    members: [],
    media: [],
    createdAt: '2026-08-11T09:00:00+07:00',
  };
}

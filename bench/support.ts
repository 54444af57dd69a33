// What the benches share: the district supervisor they act as, with an API token for HTTP benches
// and the actor the services see for in-process ones (read back through the token, as a request would).
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

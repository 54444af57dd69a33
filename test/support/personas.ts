import { CLI_ACTOR, type AppContext } from '../../src/server/platform/context.ts';
import { createApiToken, createUser } from '../../src/server/modules/access/index.ts';
import type { Role } from '../../src/shared/roles.ts';

export interface Persona {
  username: string;
  password: string;
  role: Role;
  regions: string[];
  token: string;
}

const PERSONAS = {
  pusdatin: { username: 'pusdatin', role: 'PUSDATIN', regions: [] },
  pfm: { username: 'pfm', role: 'PFM', regions: [] },
  provinsi31: { username: 'provinsi_31', role: 'PROVINSI', regions: ['31'] },
  supervisorJakSel: { username: '3174_supervisor', role: 'SUPERVISOR', regions: ['3174'] },
  supervisorOther: { username: '3171_supervisor', role: 'SUPERVISOR', regions: ['3171'] },
  operatorDesa: { username: '3174_operator', role: 'OPERATOR', regions: ['317401'] },
} as const satisfies Record<string, { username: string; role: Role; regions: readonly string[] }>;

export type PersonaName = keyof typeof PERSONAS;

/** Creates one user with a password and an API token, as the personas are made. */
export async function createPersona(ctx: AppContext, p: { username: string; role: Role; regions: readonly string[] }): Promise<Persona> {
  const password = `${p.username}-Pa55word!`;
  await createUser(ctx, CLI_ACTOR, {
    username: p.username,
    name: p.username,
    role: p.role,
    regions: [...p.regions],
    password,
    mustChangePassword: false,
  });
  const { token } = await createApiToken(ctx, CLI_ACTOR, p.username, 'test');
  return { username: p.username, password, role: p.role, regions: [...p.regions], token };
}

/** Creates the named personas of the test suite, each with a password and an API token. */
export async function createPersonas(ctx: AppContext): Promise<Record<PersonaName, Persona>> {
  const out = {} as Record<PersonaName, Persona>;
  for (const [key, p] of Object.entries(PERSONAS) as [PersonaName, (typeof PERSONAS)[PersonaName]][])
    out[key] = await createPersona(ctx, p);
  return out;
}

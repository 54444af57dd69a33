import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { serverSecret } from '../../platform/secrets.ts';

// Self-hosted proof-of-work captcha (altcha v2, PBKDF2/SHA-256). Challenges are HMAC-signed
// with a secret kept in the database; a verified challenge id is stored until it expires, so a
// solved payload works once, on whichever server process receives it.

const ALGORITHM = 'PBKDF2/SHA-256';

async function secrets(ctx: AppContext) {
  const [signature, keySignature] = await Promise.all([
    serverSecret(ctx.database.db, 'captcha_hmac'),
    serverSecret(ctx.database.db, 'captcha_key_hmac'),
  ]);
  return { signature, keySignature };
}

/** A new signed challenge for the login form's widget. */
export async function createCaptchaChallenge(ctx: AppContext): Promise<Challenge> {
  const { cost, counterMin, counterMax, expiresMinutes } = ctx.config.captcha;
  const s = await secrets(ctx);
  return createChallenge({
    algorithm: ALGORITHM,
    cost,
    counter: randomInt(counterMax, counterMin),
    deriveKey,
    expiresAt: new Date(Date.now() + expiresMinutes * 60_000),
    hmacSignatureSecret: s.signature,
    hmacKeySignatureSecret: s.keySignature,
  });
}

function parsePayload(payload: string): { challenge: Challenge; solution: Solution } | undefined {
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as {
      challenge?: Challenge;
      solution?: Solution;
    };
    if (!p || typeof p !== 'object' || !p.challenge?.parameters || !p.solution) return undefined;
    if (p.challenge.parameters.algorithm !== ALGORITHM) return undefined;
    return { challenge: p.challenge, solution: p.solution };
  } catch {
    return undefined;
  }
}

/** Checks a solved captcha payload and burns it; throws CAPTCHA_* otherwise. */
export async function verifyCaptcha(ctx: AppContext, payload: string | undefined): Promise<void> {
  if (!payload) throw new AppError('CAPTCHA_REQUIRED');
  const parsed = parsePayload(payload);
  if (!parsed) throw new AppError('CAPTCHA_INVALID');
  const s = await secrets(ctx);
  let result;
  try {
    result = await verifySolution({
      ...parsed,
      deriveKey,
      hmacSignatureSecret: s.signature,
      hmacKeySignatureSecret: s.keySignature,
    });
  } catch {
    throw new AppError('CAPTCHA_INVALID');
  }
  if (result.expired) throw new AppError('CAPTCHA_EXPIRED');
  if (!result.verified) throw new AppError('CAPTCHA_INVALID');
  const { nonce, expiresAt } = parsed.challenge.parameters;
  const burned = await ctx.database.db
    .insertInto('captcha_used')
    .values({ challenge_id: nonce.slice(0, 128), expires_at: new Date((expiresAt ?? Date.now() / 1000 + 600) * 1000) })
    .onConflict((oc) => oc.column('challenge_id').doNothing())
    .executeTakeFirst();
  if (Number(burned.numInsertedOrUpdatedRows ?? 0) === 0) throw new AppError('CAPTCHA_REPLAYED');
  // Housekeeping: forget challenges that can no longer verify anyway.
  await ctx.database.db.deleteFrom('captcha_used').where('expires_at', '<', new Date()).execute();
}

import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { createCaptchaChallenge } from '../../src/server/modules/access/index.ts';
import type { AppContext } from '../../src/server/platform/context.ts';

/** Solves a challenge as the browser widget does and returns the payload it would submit. */
export async function solvePayload(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('captcha not solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** A fresh, solved captcha payload (tests run with the easy test difficulty). */
export async function solvedCaptcha(ctx: AppContext): Promise<string> {
  return solvePayload(await createCaptchaChallenge(ctx));
}

// Solves the server's proof-of-work challenge (altcha v2, PBKDF2/SHA-256) with one worker per core
// (at most 4): worker i tries the counters i, i + n, i + 2n, …; the first answer wins and the others
// stop. The payload is what the server's verifyCaptcha reads: base64 of {challenge, solution}.
import PowWorker from './pow.worker.ts?worker';

/** The challenge as GET /api/v1/captcha sends it (altcha-lib's Challenge). */
export type Challenge = { parameters: { expiresAt?: number } & Record<string, unknown> } & Record<string, unknown>;
type Solution = { counter: number; derivedKey: string; time?: number };
type Answer = Solution | { error: unknown } | null;

/** The solved payload, or null when the work timed out or was aborted. */
export async function solveChallenge(challenge: Challenge, signal: AbortSignal): Promise<string | null> {
  const n = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  const workers = Array.from({ length: n }, () => new PowWorker({ name: 'siks-captcha' }));
  const stop = () => {
    for (const w of workers) w.terminate();
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    const solution = await Promise.race(
      workers.map(
        (w, i) =>
          new Promise<Solution | null>((resolve, reject) => {
            w.onerror = (e) => reject(e);
            w.onmessage = (m: MessageEvent<Answer>) => {
              const d = m.data;
              if (d && 'error' in d) reject(d.error);
              else resolve(d);
            };
            w.postMessage({ type: 'work', challenge, counterStart: i, counterStep: n, timeout: 90_000 });
          }),
      ),
    );
    if (!solution || signal.aborted) return null;
    return btoa(JSON.stringify({ challenge, solution }));
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
  }
}

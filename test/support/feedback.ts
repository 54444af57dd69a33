import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FeedbackReader, packageKeyProvider, readFile } from '../../src/server/platform/siks-node.ts';

/** The lines of a downloaded feedback file (.siksfb), opened with the package key of its release. */
export async function readFeedbackLines(bytes: Uint8Array, packageKey: Uint8Array): Promise<Record<string, unknown>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-fb-'));
  const file = path.join(dir, 'f.siksfb');
  fs.writeFileSync(file, bytes);
  const r = (await readFile(
    file,
    packageKeyProvider(() => packageKey),
    { kind: 'feedback' },
  )) as FeedbackReader;
  try {
    const lines: Record<string, unknown>[] = [];
    for await (const l of r.feedback()) lines.push(l as Record<string, unknown>);
    return lines;
  } finally {
    await r.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { PackageHeader } from '../../src/shared/siks/index.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { writePackage } from '../../src/server/platform/siks-node.ts';

/** A release of the system for a district and period, as if a supervisor had downloaded it. */
export async function makeRelease(ctx: AppContext, kab: string, period: string): Promise<{ id: string; packageKey: Uint8Array }> {
  const id = randomUUID();
  const packageKey = randomBytes(32);
  await ctx.database.db
    .insertInto('releases')
    .values({ id, kab_kota: kab, period, package_key: packageKey.toString('base64'), counts: JSON.stringify({ households: 0, members: 0, kpm: 0, pbi: 0 }), finalization: null, created_by: null })
    .execute();
  return { id, packageKey };
}

/** A `.siks` package as the offline app writes it (built from the format page's fields). */
export async function buildPackage(opts: {
  release: { id: string; packageKey: Uint8Array };
  kab: string;
  period: string;
  scope: string[];
  proposals: object[];
  id?: string;
  operator?: { username: string; name: string };
}): Promise<{ id: string; bytes: Uint8Array }> {
  const id = opts.id ?? randomUUID();
  const header: PackageHeader = {
    kind: 'package',
    formatVersion: 1,
    id,
    createdAt: new Date().toISOString(),
    app: { name: 'SIKS-NG Offline (test)', version: '1' },
    kabKota: opts.kab,
    period: opts.period,
    key: { kdf: 'hkdf-sha256', release: opts.release.id },
    module: 'BDT',
    dictionaryVersion: 1,
    operator: opts.operator ?? { username: 'op_tebet', name: 'Operator Tebet' },
    scope: opts.scope,
    counts: { proposals: opts.proposals.length },
  };
  return { id, bytes: await writePackage(header, { proposals: opts.proposals as never }, opts.release.packageKey) };
}

/** A multipart body with one file in the field `file`. */
export function fileUpload(bytes: Uint8Array, fileName = 'paket.siks', field = 'file') {
  const boundary = '----siks' + randomBytes(8).toString('hex');
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dictionary } from '../../../shared/dictionary/index.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import {
  MIN_PASSPHRASE_CODE_POINTS,
  newPackageKey,
  newReleaseKeyParams,
  type ReleaseHeader,
  type ReleaseJson,
} from '../../../shared/siks/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Database, Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { actingDistrict } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import { writeRelease } from '../../platform/siks-node.ts';
import { makeWorkDir } from '../../platform/work-dir.ts';
import { lastFinalisationOf } from '../finalisations/index.ts';
import { isMouApproved } from '../mou/index.ts';
import { findOpenPeriod } from '../periods/index.ts';
import { getDistrictPrograms } from '../programs/index.ts';
import * as q from './releases.queries.ts';

// F5 "Download Database BDT Rilis": the district's registry as a `.siksdb` (siks-format.md 3.1),
// sealed with the supervisor's passphrase. The file is written to a private work file inside one
// snapshot transaction (so counts and rows agree); the release record and its log entry then
// commit together in a short transaction before the file is streamed to the client: a slow
// connection never holds the database, and memory stays constant whatever the district's size.

const BATCH = 2000;
// Households per page on PGlite: a page's text is built whole in its WebAssembly heap, which never shrinks.
const PAGE = 500;
export const APP_INFO = { name: 'SIKS-NG Online', version: '0.1.0' };

// Households and members reach the file as the NDJSON lines the database builds (releases.queries.ts):
// on PostgreSQL one COPY per entry streamed in the snapshot; on PGlite (no COPY TO a stream) one COPY per keyset page.
async function* copyLines(database: Database, tx: Db, copySql: string): AsyncGenerator<Buffer> {
  // Started on the first read, not before: the entries before it still use the connection.
  const rows = database.copyOut!(tx, copySql);
  let done = false;
  try {
    for await (const chunk of rows) yield chunk;
    done = true;
  } finally {
    // A COPY left half-read would hold the connection (the rollback could never run): read it out.
    if (!done)
      try {
        for await (const _ of rows);
      } catch {
        // The COPY itself failed: the transaction rolls back with the error already on its way.
      }
  }
}

// PGlite has no COPY to a stream: one COPY per keyset page of households, whose output (the page's
// lines as one text) arrives as bytes (copyOutBytes). Read as rows instead, a page's lines all became
// strings at once, outlived V8's young generation and piled up until a full GC: +235 MiB of peak RSS
// at 200,000 households (docs/performance.md).
const LF = new Uint8Array([0x0a]);
async function* pagedCopy(database: Database, tx: Db, kab: string, copySql: (page: q.HouseholdPage) => string) {
  let after: q.HouseholdKey | null = null;
  for (;;) {
    const ids = await q.pageHouseholdIds(tx, kab, after, PAGE);
    if (ids.length === 0) return;
    const last = { kode: ids[ids.length - 1]!.kode_wilayah, idbdt: ids[ids.length - 1]!.idbdt };
    const text = q.copiedText(await database.copyOutBytes!(tx, copySql({ after, last })));
    if (text) yield* [text, LF];
    if (ids.length < PAGE) return;
    after = last;
  }
}

// The programme lists, every row of the district (AKTIF and NONAKTIF) with exactly the keys of
// siks-format 3.1, in key order.
async function* kpmRows(tx: Db, kab: string) {
  let after: { program: string; idbdt: string } | null = null;
  for (;;) {
    const rows = await q.pageKpmRows(tx, kab, after, BATCH);
    for (const r of rows) {
      yield {
        program: r.program,
        idbdt: r.idbdt,
        id_pengurus: r.id_pengurus,
        no_kks: r.no_kks,
        no_rekening: r.no_rekening,
        status: r.status,
      };
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!;
  }
}

async function* pbiRows(tx: Db, kab: string) {
  let after: string | null = null;
  for (;;) {
    const rows = await q.pagePbiRows(tx, kab, after, BATCH);
    for (const r of rows) yield { idartbdt: r.idartbdt, no_kartu: r.no_kartu, status: r.status };
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.idartbdt;
  }
}

export interface PreparedRelease {
  releaseId: string;
  fileName: string;
  size: number;
  path: string;
  /** Deletes the temporary file (call when the response has been sent or failed). */
  dispose(): void;
}

/**
 * Builds the district's release for the supervisor (after MoU approval, in the open period),
 * then records it with its packageKey and logs the download in one short transaction.
 */
export async function prepareRelease(ctx: AppContext, actor: Actor, passphrase: string): Promise<PreparedRelease> {
  const kab = actingDistrict(actor, 'release:download');
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_CODE_POINTS) throw new AppError('PASSPHRASE_TOO_SHORT');
  if (!(await isMouApproved(ctx, kab))) throw new AppError('MOU_NOT_APPROVED');
  const period = await findOpenPeriod(ctx);
  if (!period) throw new AppError('NO_OPEN_PERIOD');
  const programs = await getDistrictPrograms(ctx, actor, kab);

  const releaseId = randomUUID();
  const createdAt = now().toISOString();
  const packageKey = newPackageKey();
  // In the private work directory: a killed process's partial file is removed at the next start.
  const { dir, dispose } = makeWorkDir(ctx.config, 'release');
  const file = path.join(dir, `${releaseId}.siksdb`);
  try {
    const { counts, finalization } = await ctx.database.transaction(
      async (tx) => {
        const counts = { ...(await q.countDistrict(tx, kab)), ...(await q.countLists(tx, kab)) };
        // The district's last finalisation, read in the same snapshot as the rows (siks-format 3.1).
        const finalization = await lastFinalisationOf(tx, kab);
        const header: ReleaseHeader = {
          kind: 'release',
          formatVersion: 1,
          id: releaseId,
          createdAt,
          app: APP_INFO,
          kabKota: kab,
          period: period.code,
          key: newReleaseKeyParams(),
          counts,
        };
        const release: ReleaseJson = {
          releaseId,
          kabKota: kab,
          period: period.code,
          createdAt,
          finalization,
          packageKey,
          dictionaryVersion: dictionary.version,
          counts,
          quota: {
            BPNT: programs.quotas.BPNT ?? 0,
            RASTRA: programs.quotas.RASTRA ?? 0,
            PBI: programs.quotas.PBI ?? 0,
          },
        };
        const out = fs.createWriteStream(file, { mode: 0o600 });
        const copying = ctx.database.copyOut !== undefined;
        await writeRelease(
          out,
          header,
          release,
          {
            regions: regionRows(tx, kab),
            households: {
              ndjson: copying
                ? copyLines(ctx.database, tx, q.copyHouseholdLines(kab))
                : pagedCopy(ctx.database, tx, kab, (page) => q.copyHouseholdPage(kab, page)),
            },
            members: {
              ndjson: copying
                ? copyLines(ctx.database, tx, q.copyMemberLines(kab))
                : pagedCopy(ctx.database, tx, kab, (page) => q.copyMemberPage(kab, page)),
            },
            kpm: kpmRows(tx, kab),
            pbi: pbiRows(tx, kab),
          },
          { passphrase },
        );
        return { counts, finalization };
      },
      { snapshot: true },
    );
    // The release record and its log entry in a short transaction of their own, before a byte
    // reaches the client: the audit chain's head must be read at READ COMMITTED under its lock (a
    // snapshot taken earlier would fork the chain), and the lock must not be held while writing.
    await ctx.database.transaction(async (tx) => {
      await q.insertRelease(tx, {
        id: releaseId,
        kab,
        period: period.code,
        packageKey,
        counts,
        finalization,
        createdBy: actor.userId,
      });
      await recordAudit(tx, {
        actor: { id: actor.userId, username: actor.username },
        action: 'DOWNLOAD_RELEASE',
        text: {
          id: `Download Database BDT Rilis ${period.name} (${counts.households.toLocaleString('id-ID')} rumah tangga)`,
          en: `Downloaded the BDT release database ${period.name} (${counts.households.toLocaleString('en-US')} households)`,
        },
        subject: `release:${releaseId}`,
        regionCode: kab,
        details: { releaseId, period: period.code, counts },
      });
    });
  } catch (err) {
    dispose();
    throw err;
  }
  return {
    releaseId,
    // The district's date, not UTC's: a release of 06:30 WIB is named with that day.
    fileName: `BDT_${kab}_${period.code}_${districtDate(kab, new Date(createdAt))}.siksdb`,
    size: fs.statSync(file).size,
    path: file,
    dispose,
  };
}

async function* regionRows(tx: Db, kab: string) {
  for (const r of await q.listDistrictRegions(tx, kab)) yield { code: r.code, name: r.name, level: r.level, parent: r.parent_code };
}

/** The packageKey of a release of district `kab` (for opening packages), or undefined. */
export async function findReleaseKey(ctx: AppContext, kab: string, releaseId: string) {
  return q.findRelease(ctx.database.db, kab, releaseId);
}

/** The releases downloaded for the supervisor's district, newest first. */
export async function listOwnReleases(ctx: AppContext, actor: Actor) {
  return q.listReleases(ctx.database.db, actingDistrict(actor, 'release:download'));
}

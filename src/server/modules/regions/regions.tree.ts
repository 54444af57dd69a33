import { createHash } from 'node:crypto';
import type { RegionTreeDepth } from '../../../shared/api/regions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { Region, RegionLevel } from './regions.queries.ts';

// The public tree of the nation's regions (issue 16): the same document for everyone, so it is built
// once per depth and database for the life of the process (regions are loaded at start and never
// change while it runs) and served with a strong ETag; a client holding it gets 304.

export interface RegionTreeDocument {
  /** The JSON text sent as the body. */
  body: string;
  /** A strong validator: the SHA-256 of the body. */
  etag: string;
}

interface TreeNode {
  code: string;
  name: string;
  level: RegionLevel;
  children?: TreeNode[];
}

const LEVELS: readonly RegionLevel[] = ['provinsi', 'kabkota', 'kecamatan', 'desa'];
const built = new WeakMap<Db, Map<RegionTreeDepth, Promise<RegionTreeDocument>>>();

async function build(db: Db, depth: RegionTreeDepth): Promise<RegionTreeDocument> {
  const levels = LEVELS.slice(0, LEVELS.indexOf(depth) + 1);
  // Parents sort before their children by code, so one ordered pass nests every region.
  const rows: Region[] = await db.selectFrom('regions').selectAll().where('level', 'in', levels).orderBy('code').execute();
  const roots: TreeNode[] = [];
  const byCode = new Map<string, TreeNode>();
  for (const r of rows) {
    const node: TreeNode = { code: r.code, name: r.name, level: r.level };
    if (r.level !== depth) node.children = [];
    byCode.set(r.code, node);
    if (r.parent_code === null) roots.push(node);
    else byCode.get(r.parent_code)?.children?.push(node);
  }
  const body = JSON.stringify(roots);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
}

/** The regions tree of the nation down to `depth` (kabkota, kecamatan or desa), built once per process. */
export function regionTree(ctx: AppContext, depth: RegionTreeDepth): Promise<RegionTreeDocument> {
  const { db } = ctx.database;
  let docs = built.get(db);
  if (!docs) built.set(db, (docs = new Map()));
  let doc = docs.get(depth);
  if (!doc) {
    doc = build(db, depth);
    docs.set(depth, doc);
    // A failed build is not kept: the next request tries again.
    doc.catch(() => docs.delete(depth));
  }
  return doc;
}

/** Whether an If-None-Match header names the ETag (or is `*`); weak and strong forms compare alike, as RFC 9110 asks. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

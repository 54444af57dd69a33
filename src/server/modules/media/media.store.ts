import type { Db } from '../../platform/db.ts';
import type { ImageContentType } from '../../platform/db-schema.ts';

// Where photos live: one storage interface, content-addressed (the key is the SHA-256 of the
// bytes, so a photo carried by many packages is kept once). Every call takes the transaction it
// belongs to, so that the database store writes a package's photos with its publication or not at
// all; a store outside the database would have to stage its writes the same way.

export interface StoredMedia {
  sha256: string;
  contentType: ImageContentType;
  bytes: Uint8Array;
  size: number;
}

export interface MediaStore {
  /** Keeps a photo under its hash; a hash already present is left as it is (one copy per hash). */
  put(tx: Db, media: { sha256: string; contentType: ImageContentType; bytes: Uint8Array }): Promise<void>;
  /** A photo by its hash, or undefined. */
  get(db: Db, sha256: string): Promise<StoredMedia | undefined>;
  /** Whether a photo is kept under this hash. */
  has(db: Db, sha256: string): Promise<boolean>;
}

/** The default store: the `media` table (migration 0024). */
export const databaseMediaStore: MediaStore = {
  async put(tx, m) {
    await tx
      .insertInto('media')
      .values({ sha256: m.sha256, content_type: m.contentType, bytes: Buffer.from(m.bytes), size: m.bytes.length })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  },
  async get(db, sha256) {
    const r = await db
      .selectFrom('media')
      .select(['sha256', 'content_type', 'bytes', 'size'])
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return r ? { sha256: r.sha256, contentType: r.content_type as ImageContentType, bytes: r.bytes, size: r.size } : undefined;
  },
  async has(db, sha256) {
    return (await db.selectFrom('media').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
  },
};

let current: MediaStore = databaseMediaStore;

/** The store in use (the database unless a deployment or a test set another). */
export function mediaStore(): MediaStore {
  return current;
}

/** Replaces the store in use; returns the previous one. */
export function setMediaStore(store: MediaStore): MediaStore {
  const previous = current;
  current = store;
  return previous;
}

import type { Db } from '../../platform/db.ts';
import type { ImageContentType } from '../../platform/db-schema.ts';

// Where photos live: one storage interface, content-addressed (the key is the SHA-256 of the
// bytes, so a photo carried by many packages is kept once). Every call takes the transaction it
// belongs to, so that the database store writes a package's photos with its publication or not at
// all; a store outside the database would have to stage its writes the same way. Photos are kept
// per district (kab_kota): a district's photos live with its data when the registry is distributed
// by district (docs/adr/0015-distribution-by-district.md), and a photo carried in two districts is
// kept in each.

export interface StoredMedia {
  sha256: string;
  contentType: ImageContentType;
  bytes: Uint8Array;
  size: number;
}

export interface MediaStore {
  /** Keeps a photo of district `kab` under its hash; a hash already present is left as it is (one copy per district and hash). */
  put(tx: Db, kab: string, media: { sha256: string; contentType: ImageContentType; bytes: Uint8Array }): Promise<void>;
  /** A photo of district `kab` by its hash, or undefined. */
  get(db: Db, kab: string, sha256: string): Promise<StoredMedia | undefined>;
  /** Whether district `kab` keeps a photo under this hash. */
  has(db: Db, kab: string, sha256: string): Promise<boolean>;
}

/** The default store: the `media` table (migration 0024). */
export const databaseMediaStore: MediaStore = {
  async put(tx, kab, m) {
    await tx
      .insertInto('media')
      .values({ kab_kota: kab, sha256: m.sha256, content_type: m.contentType, bytes: Buffer.from(m.bytes), size: m.bytes.length })
      .onConflict((oc) => oc.columns(['kab_kota', 'sha256']).doNothing())
      .execute();
  },
  async get(db, kab, sha256) {
    const r = await db
      .selectFrom('media')
      .select(['sha256', 'content_type', 'bytes', 'size'])
      .where('kab_kota', '=', kab)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return r ? { sha256: r.sha256, contentType: r.content_type as ImageContentType, bytes: r.bytes, size: r.size } : undefined;
  },
  async has(db, kab, sha256) {
    return (
      (await db.selectFrom('media').select('sha256').where('kab_kota', '=', kab).where('sha256', '=', sha256).executeTakeFirst()) !==
      undefined
    );
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

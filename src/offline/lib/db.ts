// A small promise wrapper over IndexedDB (no library), and the stores of the offline app.
// Used from the page and from the import worker.

export const DB_NAME = 'siks-offline';
/**
 * 1: the first release of the app; 2 (O6) adds the programme lists `kpm` and `pbi`. An upgrade only
 * adds stores, so an installation of version 1 keeps its release, proposals and history (it has no
 * programme lists until it is set up again from a newer release: META.programmes is then absent).
 * 3 adds `media` (photos taken in the field) and `keys` (package keys of earlier releases, so that
 * the feedback of packages exported under an older release still opens after a newer one).
 */
export const DB_VERSION = 3;

export const STORES = {
  meta: 'meta',
  /** The release's households of the scope with their members, in chunks (see RECORDS_PER_CHUNK). */
  records: 'records',
  proposals: 'proposals',
  exports: 'exports',
  feedback: 'feedback',
  /** KPM rows of the scope's households (kpm.ndjson), key [program, idbdt], index `idbdt`. */
  kpm: 'kpm',
  /** PBI rows of the scope's members (pbi.ndjson) with their household's idbdt, key idartbdt, index `idbdt`. */
  pbi: 'pbi',
  /** Photos taken in the field, content-addressed: key sha256 (issue 15). */
  media: 'media',
  /** Package keys of the releases installed before the current one, key releaseId (issue 13). */
  keys: 'keys',
} as const;
export type StoreName = (typeof STORES)[keyof typeof STORES];

/**
 * Households per record of the `records` store: { k, rows: [{ household, members }] }, chunk k
 * holding the households of search-index ordinals k*N … k*N+N-1 (idbdt order). Few large records
 * store ten times faster than one record per household or member, and reading one household
 * costs a few milliseconds.
 */
export const RECORDS_PER_CHUNK = 250;

/** Keys of the meta store. */
export const META = {
  release: 'release',
  regions: 'regions',
  index: 'index',
  aktif: 'aktif',
  seq: 'seq',
  /** Quotas and the scope's AKTIF KPM and PBI ids (lib/programmes.ts ProgrammeLists); absent before O6. */
  programmes: 'programmes',
} as const;

/** Resolves with the request's result, rejects with its error. */
export function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves when the transaction commits, rejects when it aborts. */
export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

export function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(STORES.meta)) db.createObjectStore(STORES.meta);
      if (!db.objectStoreNames.contains(STORES.records)) db.createObjectStore(STORES.records, { keyPath: 'k' });
      if (!db.objectStoreNames.contains(STORES.proposals))
        db.createObjectStore(STORES.proposals, { keyPath: 'proposalId' }).createIndex('subject', 'subject');
      if (!db.objectStoreNames.contains(STORES.exports)) db.createObjectStore(STORES.exports, { keyPath: 'packageId' });
      if (!db.objectStoreNames.contains(STORES.feedback)) db.createObjectStore(STORES.feedback, { keyPath: 'feedbackId' });
      if (!db.objectStoreNames.contains(STORES.kpm))
        db.createObjectStore(STORES.kpm, { keyPath: ['program', 'idbdt'] }).createIndex('idbdt', 'idbdt');
      if (!db.objectStoreNames.contains(STORES.pbi))
        db.createObjectStore(STORES.pbi, { keyPath: 'idartbdt' }).createIndex('idbdt', 'idbdt');
      if (!db.objectStoreNames.contains(STORES.media)) db.createObjectStore(STORES.media, { keyPath: 'sha256' });
      if (!db.objectStoreNames.contains(STORES.keys)) db.createObjectStore(STORES.keys, { keyPath: 'releaseId' });
    };
    open.onsuccess = () => {
      const db = open.result;
      // Another tab upgrading: let it, this one reloads later.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app'));
  });
}

/** Runs `fn` in one transaction and waits for it to commit; resolves with fn's value. */
export async function transact<T>(
  db: IDBDatabase,
  stores: StoreName[],
  mode: IDBTransactionMode,
  fn: (tx: IDBTransaction) => T | Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, mode, { durability: 'strict' } as IDBTransactionOptions);
  const committed = done(tx);
  let value: T;
  try {
    value = await fn(tx);
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    await committed.catch(() => {});
    throw err;
  }
  await committed;
  return value;
}

export function get<T>(db: IDBDatabase, store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return transact(db, [store], 'readonly', (tx) => req(tx.objectStore(store).get(key) as IDBRequest<T | undefined>));
}

export function getAll<T>(db: IDBDatabase, store: StoreName): Promise<T[]> {
  return transact(db, [store], 'readonly', (tx) => req(tx.objectStore(store).getAll() as IDBRequest<T[]>));
}

export function getAllByIndex<T>(db: IDBDatabase, store: StoreName, index: string, key: IDBValidKey): Promise<T[]> {
  return transact(db, [store], 'readonly', (tx) => req(tx.objectStore(store).index(index).getAll(key) as IDBRequest<T[]>));
}

/** Puts many values in one transaction (no waiting per request: they are queued, the commit is awaited). */
export function putMany(db: IDBDatabase, store: StoreName, values: readonly unknown[]): Promise<void> {
  return transact(db, [store], 'readwrite', (tx) => {
    const os = tx.objectStore(store);
    for (const v of values) os.put(v);
  });
}

export function putMeta(db: IDBDatabase, key: string, value: unknown): Promise<void> {
  return transact(db, [STORES.meta], 'readwrite', (tx) => {
    tx.objectStore(STORES.meta).put(value, key);
  });
}

export function getMeta<T>(db: IDBDatabase, key: string): Promise<T | undefined> {
  return get<T>(db, STORES.meta, key);
}

/** Empties every store (a new installation, or a set-up that did not finish). */
export function clearAll(db: IDBDatabase): Promise<void> {
  const all = Object.values(STORES) as StoreName[];
  return transact(db, all, 'readwrite', (tx) => {
    for (const s of all) tx.objectStore(s).clear();
  });
}

// Keyset reads of long lists (exports): a page at a time after the last row read, so memory stays
// flat whatever the list's length and no OFFSET grows with it.

/** Rows per read of a list export. */
export const EXPORT_PAGE = 1000;

/** Every row `read(after, limit)` gives, page after page: `after` is the last row of the previous page (undefined at first). */
export async function* keyset<R>(read: (after: R | undefined, limit: number) => Promise<R[]>, pageSize = EXPORT_PAGE): AsyncGenerator<R> {
  let after: R | undefined;
  for (;;) {
    const rows = await read(after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}

/** A query that can be cut to one page (a Kysely select). */
interface Pageable<R> {
  limit(n: number): { offset(n: number): { execute(): Promise<R[]> } };
}

/** Page `page` (from 1) of an ordered query, `pageSize` rows to a page: the lists' OFFSET paging. */
export function readPage<R>(query: Pageable<R>, page: number, pageSize: number): Promise<R[]> {
  return query
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

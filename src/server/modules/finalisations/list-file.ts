// A list's export read through the list's own service: the file holds what the list page shows
// (the same verb, scope, order and masking, since it is the same code), page after page. Lists
// with personal data are logged (loggedExport); the others stream without a log entry.
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { EXPORT_PAGE, keyset } from '../../platform/keyset.ts';
import type { Actor } from '../../platform/scope.ts';
import {
  type Column,
  type FilterLabels,
  filterTexts,
  LIST_FILTER_LABELS,
  loggedExport,
  type StreamedDownload,
  streamedFile,
} from './tabular.ts';

/** One page of a list as its service answers it; an unpaged list answers every item and no total. */
export type ListRead<T> = (page: number, pageSize: number) => Promise<{ items: T[]; total?: number }>;

/** A list export: the list's service, its columns, and how its log entry names it. */
export interface ListFile<T> {
  format: 'xlsx' | 'csv';
  /** Whether the rows hold personal data: only then is the download logged. */
  personal: boolean;
  /** The log's action code, e.g. `EXPORT_BSP_PROPOSALS` (its subject is `list:bsp_proposals`). */
  action: string;
  /** The list as the log texts name it. */
  name: { id: string; en: string };
  filter: Record<string, unknown>;
  labels?: FilterLabels;
  regionCode: string | null;
  details?: Record<string, unknown>;
  /** File name without its extension. */
  fileName: string;
  sheet: string;
  columns: readonly Column<T>[];
  read: ListRead<T>;
}

/** The items of `first` (page 1), then of the pages after it while they are full. */
export async function* everyItem<T>(first: readonly T[], read: ListRead<T>, pageSize = EXPORT_PAGE): AsyncGenerator<T> {
  yield* first;
  if (first.length < pageSize) return;
  let page = 1;
  yield* keyset<T>(async (_after, limit) => (await read(++page, limit)).items, pageSize);
}

/**
 * The list as xlsx or csv: its first page is read before anything else, so a request without the
 * verb or outside the scope is refused (403/404) by the list's own checks before any log entry.
 */
export async function listFile<T>(ctx: AppContext, actor: Actor, s: ListFile<T>): Promise<StreamedDownload> {
  const first = await s.read(1, EXPORT_PAGE);
  const rows = first.total === undefined ? first.items : everyItem(first.items, s.read);
  const table = { name: s.sheet, columns: s.columns, rows };
  if (!s.personal) return streamedFile(s.format, s.fileName, table);
  return loggedExport(ctx, actor, {
    format: s.format,
    action: s.action,
    name: s.name,
    filter: filterTexts(s.filter, s.labels ?? LIST_FILTER_LABELS),
    rows: first.total ?? first.items.length,
    subject: `list:${s.action.replace(/^EXPORT_/, '').toLowerCase()}`,
    regionCode: s.regionCode,
    details: { ...s.details, filter: s.filter },
    fileName: s.fileName,
    table,
  });
}

/** How an unpaged list's file is named and logged; its sheet is the file name with spaces. */
export type ItemsFile = Pick<ListFile<unknown>, 'personal' | 'action' | 'name'> &
  Partial<Pick<ListFile<unknown>, 'filter' | 'regionCode'>> & { fileName: string };

/** An unpaged list as xlsx or csv: `items` is the list's own service call (its checks refuse first); the file is dated today. */
export function itemsFile<T>(
  ctx: AppContext,
  actor: Actor,
  format: 'xlsx' | 'csv',
  file: ItemsFile,
  columns: readonly Column<T>[],
  items: () => Promise<T[]>,
): Promise<StreamedDownload> {
  return listFile(ctx, actor, {
    filter: {},
    regionCode: null,
    ...file,
    format,
    fileName: `${file.fileName}_${now().toISOString().slice(0, 10)}`,
    sheet: file.fileName.replace(/_/g, ' '),
    columns,
    read: async () => ({ items: await items() }),
  });
}

/** One request's read of an unpaged list: the list's own service call, plus what the request adds to the file (filter, region, name). */
export type ItemsRead<T> = Promise<T[]> | { items: Promise<T[]>; file: Partial<ItemsFile> };

/**
 * An unpaged list's export as one declaration (how its file is named and logged, its columns, its
 * read): the function its route calls with the request's query.
 */
export function listExport<T, Q extends { format: 'xlsx' | 'csv' } = { format: 'xlsx' | 'csv' }>(
  file: ItemsFile,
  columns: readonly Column<T>[],
  read: (ctx: AppContext, actor: Actor, query: Q) => ItemsRead<T>,
): (ctx: AppContext, actor: Actor, query: Q) => Promise<StreamedDownload> {
  return (ctx, actor, query) => {
    const r = read(ctx, actor, query);
    const { items, file: extra } = r instanceof Promise ? { items: r, file: {} } : r;
    return itemsFile(ctx, actor, query.format, { ...file, ...extra }, columns, () => items);
  };
}

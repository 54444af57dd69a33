// Typed client of the SIKS-NG JSON API (same origin, cookie session). Errors come back as
// ApiError carrying the server's { code, message, details }; the message is already in the
// language sent as Accept-Language. A 401 on any call but login and /me calls the handler set by
// the app (which shows the login page).
import type { LoginResultSchema, MeSchema } from '../../shared/api/access.ts';
import type { Page, Wire } from '../../shared/api/common.ts';
import type { HomeDocumentSchema, HomeSchema } from '../../shared/api/home.ts';
import type {
  HistoryItemSchema,
  HouseholdDetail,
  HouseholdListItemSchema,
  HouseholdListQuerySchema,
  HouseholdRecord,
  MemberRecord,
} from '../../shared/api/households.ts';
import type { RegionListSchema, RegionRefSchema, RegionSchema } from '../../shared/api/regions.ts';
import { isErrorBody } from '../../shared/api/vocabulary.ts';
import { getLanguage, translate } from '../i18n/index.ts';

// The types of the answers are those of the API's contracts (src/shared/api), as the JSON arrives.
export type { Role } from '../../shared/roles.ts';
export type { HouseholdStatus, RegionLevel } from '../../shared/api/vocabulary.ts';
export type { LocalizedText, Page } from '../../shared/api/common.ts';
export type { HouseholdDetail, HouseholdRecord, MemberRecord };
export type RegionRef = Wire<typeof RegionRefSchema>;
export type Region = Wire<typeof RegionSchema>;
/** The logged-in user; `abilities` are the verbs the role holds: show an action only when its verb is here. */
export type Me = Wire<typeof MeSchema>;
export type HomeData = Wire<typeof HomeSchema>;
/** A download card of Beranda. */
export type HomeDocument = Wire<typeof HomeDocumentSchema>;
export type HouseholdListItem = Wire<typeof HouseholdListItemSchema>;
export type HouseholdQuery = Wire<typeof HouseholdListQuerySchema>;
export type HistoryEntry = Wire<typeof HistoryItemSchema>;

/** An error answer of the API, or a network failure (status 0, code 'NETWORK'). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when a request answers 401 (the session ended): the app shows the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

interface RequestOptions {
  body?: unknown;
  /** A multipart body (file uploads); the browser sets its Content-Type. */
  form?: FormData;
  signal?: AbortSignal;
  /** false: a 401 is only thrown, the unauthorized handler is not called. */
  redirectOn401?: boolean;
}

/** The CSRF token the server set at login (double-submit cookie), sent back on every change. */
export function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('siks_csrf='))
    ?.slice('siks_csrf='.length);
}

/** Tells the app that the session ended (401), for calls made without request() (file downloads). */
export function notifyUnauthorized(): void {
  unauthorizedHandler?.();
}

/** Sends one API request; exported for pages whose calls are not in `api` (e.g. downloads). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLanguage() };
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const csrf = method === 'GET' || method === 'HEAD' ? undefined : csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  if (res.status === 204) return undefined as T;
  let data: unknown;
  const text = await res.text();
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined; // e.g. an HTML error page from a proxy
    }
  }
  if (!res.ok) {
    if (res.status === 401 && options.redirectOn401 !== false) unauthorizedHandler?.();
    if (isErrorBody(data)) throw new ApiError(res.status, data.code, data.message, data.details);
    throw new ApiError(res.status, `HTTP_${res.status}`, translate('error.generic'));
  }
  return data as T;
}

/** Builds a query string from defined, non-empty values: '?a=1&b=x' or ''. */
export function queryString(params: Readonly<Record<string, string | number | undefined | null>>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

// Region children change only when Pusdatin reloads the region list: cache them for the page's life.
const regionCache = new Map<string, Promise<Region[]>>();

export const api = {
  /**
   * Logs in with the solved captcha payload ("Saya bukan robot"); 401 LOGIN_FAILED, 400 CAPTCHA_*,
   * 423 ACCOUNT_LOCKED, … come back as an ApiError.
   */
  async login(username: string, password: string, captcha: string): Promise<Me> {
    const r = await request<Wire<typeof LoginResultSchema>>('POST', '/api/v1/session', {
      body: { username, password, captcha },
      redirectOn401: false,
    });
    return r.user;
  },

  async logout(): Promise<void> {
    regionCache.clear();
    await request<void>('DELETE', '/api/v1/session', { redirectOn401: false });
  },

  /** The logged-in user; ApiError 401 when there is no session. */
  me(signal?: AbortSignal): Promise<Me> {
    return request<Me>('GET', '/api/v1/me', { signal, redirectOn401: false });
  },

  home(signal?: AbortSignal): Promise<HomeData> {
    return request<HomeData>('GET', '/api/v1/home', { signal });
  },

  /** Children of a region (kecamatan of a district, desa of a kecamatan), cached. */
  regions(parent: string): Promise<Region[]> {
    let p = regionCache.get(parent);
    if (!p) {
      p = request<Wire<typeof RegionListSchema>>('GET', `/api/v1/regions${queryString({ parent })}`).then((r) => r.items);
      regionCache.set(parent, p);
      p.catch(() => regionCache.delete(parent)); // do not cache failures
    }
    return p;
  },

  households(query: HouseholdQuery, signal?: AbortSignal): Promise<Page<HouseholdListItem>> {
    return request<Page<HouseholdListItem>>('GET', `/api/v1/households${queryString({ ...query })}`, { signal });
  },

  /** One household; ApiError 404 when it does not exist or is outside the user's scope. */
  household(idbdt: string, signal?: AbortSignal): Promise<HouseholdDetail> {
    return request<HouseholdDetail>('GET', `/api/v1/households/${encodeURIComponent(idbdt)}`, { signal });
  },
};

/** Whether an error is the abort of a superseded request (to be ignored). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

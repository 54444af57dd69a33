// Typed client of the SIKS-NG JSON API (same origin, cookie session). Errors come back as
// ApiError carrying the server's { code, message, details }; the message is already in the
// language sent as Accept-Language. A 401 on any call but login and /me calls the handler set by
// the app (which shows the login page).
import { getLanguage, translate } from '../i18n/index.ts';

export type Role = 'PUSDATIN' | 'PFM' | 'PROVINSI' | 'SUPERVISOR' | 'OPERATOR';
export type RegionLevel = 'provinsi' | 'kabkota' | 'kecamatan' | 'desa';
export type HouseholdStatus = 'AKTIF' | 'NONAKTIF';

export interface LocalizedText {
  id: string;
  en: string;
}

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface Region extends RegionRef {
  parent_code: string | null;
}

export interface Me {
  username: string;
  name: string;
  role: Role;
  roleLabel: LocalizedText;
  regions: RegionRef[];
  language: 'id' | 'en';
  mustChangePassword: boolean;
}

export interface HomeData {
  region: RegionRef | null;
  roleLabel: LocalizedText;
  totalHouseholds: number;
  /** BPNT (KKS) quota of the user's district; null without one. */
  kuotaKks: number | null;
  /** BPNT expansion stage of the user's district; null without one. */
  tahapBpnt: string | null;
  /** Documents published for the user's district (download cards), in order. */
  documents: HomeDocument[];
}

/** A download card of Beranda. */
export interface HomeDocument {
  id: number;
  title: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface HouseholdListItem {
  idbdt: string;
  kode_wilayah: string;
  nama_desa: string;
  nama_kecamatan: string;
  nama_krt: string | null;
  alamat: string;
  jumlah_art: number | null;
  persentil: number | null;
  status: HouseholdStatus;
  version: number;
}

export interface HouseholdQuery {
  kecamatan?: string;
  desa?: string;
  q?: string;
  status?: HouseholdStatus;
  desil?: number;
  page: number;
  pageSize: number;
}

/** A household with every dictionary field (codes as numbers, dates 'YYYY-MM-DD', timestamps ISO). */
export interface HouseholdRecord {
  idbdt: string;
  kode_wilayah: string;
  alamat: string;
  nama_krt: string | null;
  persentil: number | null;
  status: HouseholdStatus;
  version: number;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

/** A member with every dictionary field. */
export interface MemberRecord {
  idartbdt: string;
  idbdt: string;
  nik: string;
  no_kk: string;
  nama: string;
  hub_krt: number;
  jenis_kelamin: number;
  tanggal_lahir: string;
  sta_keberadaan_art: number;
  version: number;
  [field: string]: unknown;
}

export interface HistoryEntry {
  id: string | number;
  idartbdt: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  version: number;
  changed_at: string;
  changed_by: string | null;
  source: string;
  reason: string | null;
}

export interface HouseholdDetail {
  household: HouseholdRecord;
  members: MemberRecord[];
  history: HistoryEntry[];
}

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

function isErrorBody(v: unknown): v is { code: string; message: string; details?: unknown } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { message?: unknown }).message === 'string'
  );
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
    const r = await request<{ user: Me }>('POST', '/api/v1/session', {
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
      p = request<{ items: Region[] }>('GET', `/api/v1/regions${queryString({ parent })}`).then((r) => r.items);
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

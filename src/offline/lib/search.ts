// The in-memory search index of the households in scope (O2). Built once when a release is stored
// and persisted as a compact snapshot (a few joined strings and typed arrays, which IndexedDB
// clones in milliseconds); loaded on start, it answers in well under a millisecond to a few ms:
//  - 16 digits: IDBDT, or a member's NIK or No KK, exactly; 18 digits: a member's IDARTBDT;
//  - other digits: a prefix of the IDBDT;
//  - text: a case- and accent-insensitive prefix of any member's name or of any word in it
//    ("siti" finds "Nur Siti Aminah"), as the online search matches name prefixes.
// Results are in the order of the head's name, filtered by desa and status, and paged.
// Edits made offline (new names, new NIKs) are searched through a small overlay.

import type { HouseholdStatus } from '../../shared/api/vocabulary.ts';
import { isPresentMember } from '../../shared/dictionary/index.ts';
import type { Rec } from './proposals.ts';

export interface IndexSnapshot {
  v: 1;
  n: number;
  /** IDBDT of every household, 16 digits each, in idbdt order (ordinal = position). */
  ids: string;
  /** nama_krt, joined by \u0001. */
  heads: string;
  /** alamat, joined by \u0001. */
  alamat: string;
  /** Distinct desa codes; desaOf[i] indexes them. */
  desa: string[];
  desaOf: Uint16Array;
  /** 1 AKTIF, 0 NONAKTIF. */
  aktif: Uint8Array;
  /** jumlah_art. */
  art: Uint8Array;
  /** Ordinals sorted by head name, then idbdt. */
  order: Int32Array;
  /** Sorted name keys joined by \u0001; keyRef[k] is the household of key k. */
  keys: string;
  keyRef: Int32Array;
  /** Sorted 16-digit NIK / No KK, concatenated; numRef the household; numPresent 1 for a NIK of a present member of an AKTIF household. */
  nums: string;
  numRef: Int32Array;
  numPresent: Uint8Array;
}

export interface HouseholdSummary {
  idbdt: string;
  nama_krt: string;
  alamat: string;
  kode_wilayah: string;
  aktif: boolean;
  jumlah_art: number;
}

export interface SearchQuery {
  q?: string;
  /** A desa (10 digits) or kecamatan (6 digits) code. */
  region?: string;
  status?: HouseholdStatus;
  /** Further filter on the idbdt (e.g. work status). */
  filter?: (idbdt: string) => boolean;
  offset?: number;
  limit?: number;
}

export interface SearchResult {
  total: number;
  items: HouseholdSummary[];
}

/** Overlay entry: what a household looks like after the operator's edits. */
export interface OverlayEntry {
  idbdt: string;
  names: string[];
  niks: string[];
  head?: string | null;
}

const SEP = '\u0001';

/** Lowercase, accents removed, one space between words. */
export function normName(s: string): string {
  // Most names are plain ASCII: skip the (slow) Unicode decomposition for them.
  const base = /[^\u0000-\u007f]/.test(s) ? s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : s;
  return base
    .toLowerCase()
    .replace(/[\s\u0000-\u001f]+/g, ' ')
    .trim();
}

/** The keys a name is found by: the whole name and the rest of it from each later word. */
export function nameKeys(name: string): string[] {
  const n = normName(name);
  if (!n) return [];
  const out = [n];
  for (let i = n.indexOf(' '); i >= 0; i = n.indexOf(' ', i + 1)) out.push(n.slice(i + 1));
  return out;
}

/** First index in [0, n) for which `below(i)` is false (binary search over a monotone predicate). */
function lowerBound(n: number, below: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Builds the snapshot from the households and members of the scope. */
export function buildIndex(households: readonly Rec[], members: readonly Rec[]): IndexSnapshot {
  const hs = [...households].sort((a, b) => (str(a.idbdt) < str(b.idbdt) ? -1 : str(a.idbdt) > str(b.idbdt) ? 1 : 0));
  const n = hs.length;
  const ordinal = new Map<string, number>();
  hs.forEach((h, i) => ordinal.set(str(h.idbdt), i));
  const desa: string[] = [];
  const desaIdx = new Map<string, number>();
  const desaOf = new Uint16Array(n);
  const aktif = new Uint8Array(n);
  const art = new Uint8Array(n);
  const heads: string[] = new Array(n);
  const alamat: string[] = new Array(n);
  const keyed: string[] = [];
  const numbered: string[] = [];
  hs.forEach((h, i) => {
    const d = str(h.kode_wilayah);
    let di = desaIdx.get(d);
    if (di === undefined) {
      di = desa.length;
      desa.push(d);
      desaIdx.set(d, di);
    }
    desaOf[i] = di;
    aktif[i] = h.status === 'NONAKTIF' ? 0 : 1;
    art[i] = Math.min(255, Math.max(0, Number(h.jumlah_art) || 0));
    heads[i] = str(h.nama_krt).replaceAll(SEP, ' ');
    alamat[i] = str(h.alamat).replaceAll(SEP, ' ');
    for (const k of nameKeys(heads[i]!)) keyed.push(`${k}\u0000${i}`);
  });
  for (const m of members) {
    const i = ordinal.get(str(m.idbdt));
    if (i === undefined) continue;
    for (const k of nameKeys(str(m.nama))) keyed.push(`${k}\u0000${i}`);
    const present = aktif[i] === 1 && isPresentMember(m) ? 1 : 0;
    for (const num of [m.nik, m.no_kk]) if (typeof num === 'string' && /^[0-9]{16}$/.test(num)) numbered.push(`${num}${present}${i}`);
  }
  // Default sort compares UTF-16 code units, the same order the binary search uses; \u0000 after
  // the key keeps "ab" before "abc". The same key twice for one household is kept once.
  keyed.sort();
  const keys: string[] = [];
  const keyRef = new Int32Array(keyed.length);
  let prev = '';
  for (const s of keyed) {
    if (s === prev) continue;
    prev = s;
    const z = s.lastIndexOf('\u0000');
    keyRef[keys.length] = Number(s.slice(z + 1));
    keys.push(s.slice(0, z));
  }
  // (Typed arrays are filled by plain loops: TypedArray.from with a map function is slow.)
  numbered.sort();
  const numRef = new Int32Array(numbered.length);
  const numPresent = new Uint8Array(numbered.length);
  const numParts: string[] = new Array(numbered.length);
  numbered.forEach((s, i) => {
    numParts[i] = s.slice(0, 16);
    numPresent[i] = s.charCodeAt(16) === 49 ? 1 : 0;
    numRef[i] = Number(s.slice(17));
  });
  const normHeads = heads.map(normName);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (normHeads[a]! < normHeads[b]! ? -1 : normHeads[a]! > normHeads[b]! ? 1 : a - b));
  return {
    v: 1,
    n,
    ids: hs.map((h) => str(h.idbdt).padEnd(16, '0').slice(0, 16)).join(''),
    heads: heads.join(SEP),
    alamat: alamat.join(SEP),
    desa,
    desaOf,
    aktif,
    art,
    order,
    keys: keys.join(SEP),
    keyRef: keyRef.slice(0, keys.length),
    nums: numParts.join(''),
    numRef,
    numPresent,
  };
}

/** The loaded index: search and summaries. */
export class SearchIndex {
  readonly n: number;
  private readonly snap: IndexSnapshot;
  private readonly heads: string[];
  private readonly alamat: string[];
  private readonly keys: string[];
  private readonly rank: Int32Array;
  private overlay = new Map<number, OverlayEntry>();
  private overlayKeys: { key: string; ord: number }[] = [];
  private overlayNums = new Map<string, number[]>();

  constructor(snap: IndexSnapshot) {
    this.snap = snap;
    this.n = snap.n;
    this.heads = snap.n ? snap.heads.split(SEP) : [];
    this.alamat = snap.n ? snap.alamat.split(SEP) : [];
    this.keys = snap.keys ? snap.keys.split(SEP) : [];
    this.rank = new Int32Array(snap.n);
    snap.order.forEach((ord, r) => (this.rank[ord] = r));
  }

  idbdt(ord: number): string {
    return this.snap.ids.slice(ord * 16, ord * 16 + 16);
  }

  /** Ordinal of an idbdt, or -1. */
  ordinal(idbdt: string): number {
    if (!/^[0-9]{16}$/.test(idbdt)) return -1;
    const i = lowerBound(this.n, (k) => this.idbdt(k) < idbdt);
    return i < this.n && this.idbdt(i) === idbdt ? i : -1;
  }

  summary(ord: number): HouseholdSummary {
    const o = this.overlay.get(ord);
    return {
      idbdt: this.idbdt(ord),
      nama_krt: o?.head ?? this.heads[ord] ?? '',
      alamat: this.alamat[ord] ?? '',
      kode_wilayah: this.snap.desa[this.snap.desaOf[ord]!] ?? '',
      aktif: this.snap.aktif[ord] === 1,
      jumlah_art: this.snap.art[ord] ?? 0,
    };
  }

  /** Desa codes present, sorted. */
  desaCodes(): string[] {
    return [...this.snap.desa].sort();
  }

  /** Households per desa code. */
  countsByDesa(): Map<string, number> {
    const m = new Map<string, number>();
    for (let i = 0; i < this.n; i++) {
      const d = this.snap.desa[this.snap.desaOf[i]!]!;
      m.set(d, (m.get(d) ?? 0) + 1);
    }
    return m;
  }

  /** Replaces the overlay (households whose names or NIKs changed offline). */
  setOverlay(entries: readonly OverlayEntry[]): void {
    this.overlay = new Map();
    this.overlayKeys = [];
    this.overlayNums = new Map();
    for (const e of entries) {
      const ord = this.ordinal(e.idbdt);
      if (ord < 0) continue;
      this.overlay.set(ord, e);
      for (const name of e.names) for (const key of nameKeys(name)) this.overlayKeys.push({ key, ord });
      for (const nik of e.niks) {
        const list = this.overlayNums.get(nik);
        if (list) list.push(ord);
        else this.overlayNums.set(nik, [ord]);
      }
    }
  }

  private numRange(num: string): [number, number] {
    const k = this.snap.numRef.length;
    const at = (i: number) => this.snap.nums.slice(i * 16, i * 16 + 16);
    const lo = lowerBound(k, (i) => at(i) < num);
    const hi = lowerBound(k, (i) => at(i) <= num);
    return [lo, hi];
  }

  /** Households holding a NIK or No KK (base and overlay). */
  byNumber(num: string): number[] {
    const [lo, hi] = this.numRange(num);
    const out = new Set<number>();
    for (let i = lo; i < hi; i++) out.add(this.snap.numRef[i]!);
    for (const o of this.overlayNums.get(num) ?? []) out.add(o);
    return [...out];
  }

  /** R5 helper: whether a present member of an AKTIF household other than `idbdt` holds this NIK (release data of the scope). */
  nikHeldElsewhere(nik: string, idbdt: string): boolean {
    const own = this.ordinal(idbdt);
    const [lo, hi] = this.numRange(nik);
    for (let i = lo; i < hi; i++) if (this.snap.numPresent[i] === 1 && this.snap.numRef[i] !== own) return true;
    return false;
  }

  /** Ordinals matching the text part of a query, or undefined for "all". */
  private matches(q: string): Set<number> | undefined {
    const text = q.trim();
    if (!text) return undefined;
    const out = new Set<number>();
    const digits = text.replace(/[\s.]/g, '');
    if (/^[0-9]+$/.test(digits)) {
      if (digits.length === 16) {
        const o = this.ordinal(digits);
        if (o >= 0) out.add(o);
        for (const x of this.byNumber(digits)) out.add(x);
      } else if (digits.length === 18) {
        const o = this.ordinal(digits.slice(0, 16));
        if (o >= 0) out.add(o);
      } else if (digits.length < 16) {
        const lo = lowerBound(this.n, (i) => this.idbdt(i) < digits);
        for (let i = lo; i < this.n && this.idbdt(i).startsWith(digits); i++) out.add(i);
      }
      return out;
    }
    const p = normName(text);
    const lo = lowerBound(this.keys.length, (i) => this.keys[i]! < p);
    for (let i = lo; i < this.keys.length && this.keys[i]!.startsWith(p); i++) out.add(this.snap.keyRef[i]!);
    for (const { key, ord } of this.overlayKeys) if (key.startsWith(p)) out.add(ord);
    return out;
  }

  search(query: SearchQuery): SearchResult {
    const offset = Math.max(0, query.offset ?? 0);
    const limit = Math.max(1, query.limit ?? 25);
    const hits = this.matches(query.q ?? '');
    const region = query.region ?? '';
    // Desa indexes inside the region, computed once per query.
    const desaOk = region ? Uint8Array.from(this.snap.desa, (d) => (d.startsWith(region) ? 1 : 0)) : undefined;
    const wantAktif = query.status === undefined ? -1 : query.status === 'AKTIF' ? 1 : 0;
    const ok = (ord: number) =>
      (!desaOk || desaOk[this.snap.desaOf[ord]!] === 1) &&
      (wantAktif < 0 || this.snap.aktif[ord] === wantAktif) &&
      (!query.filter || query.filter(this.idbdt(ord)));
    let ordered: Iterable<number>;
    if (hits === undefined) ordered = this.snap.order;
    else ordered = [...hits].sort((a, b) => this.rank[a]! - this.rank[b]!);
    let total = 0;
    const items: HouseholdSummary[] = [];
    for (const ord of ordered) {
      if (!ok(ord)) continue;
      if (total >= offset && items.length < limit) items.push(this.summary(ord));
      total++;
    }
    return { total, items };
  }
}

/** An empty index (no release yet). */
export const EMPTY_INDEX: IndexSnapshot = buildIndex([], []);

// Set-up from a release (O1): what the scope chooser shows, which records a scope keeps, and the
// compact list of the district's AKTIF households (for GANDA / BAGIAN_RUTA_LAIN references).

import type { Region } from './model.ts';

type Json = Record<string, unknown>;

/** Regions of the release as typed records (unknown shapes are skipped). */
export function regionsOf(rows: readonly Json[]): Region[] {
  const out: Region[] = [];
  for (const r of rows) {
    if (typeof r.code !== 'string' || typeof r.name !== 'string') continue;
    const level = r.level === 'kabkota' || r.level === 'kecamatan' || r.level === 'desa' ? r.level : undefined;
    if (!level) continue;
    out.push({ code: r.code, name: r.name, level, parent: typeof r.parent === 'string' ? r.parent : null });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** AKTIF households per desa code. */
export function householdsPerDesa(households: readonly Json[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const h of households) {
    if (h.status === 'NONAKTIF' || typeof h.kode_wilayah !== 'string') continue;
    out[h.kode_wilayah] = (out[h.kode_wilayah] ?? 0) + 1;
  }
  return out;
}

/** The chosen codes without desa already covered by a chosen kecamatan, sorted, no repeats. */
export function normalizeScope(codes: readonly string[], kabKota: string): string[] {
  const valid = [...new Set(codes)].filter((c) => /^(?:[0-9]{6}|[0-9]{10})$/.test(c) && c.startsWith(kabKota));
  const kec = new Set(valid.filter((c) => c.length === 6));
  return valid.filter((c) => c.length === 6 || !kec.has(c.slice(0, 6))).sort();
}

/** Whether a desa code lies in the scope. */
export function inScope(scope: readonly string[], kodeWilayah: unknown): boolean {
  return typeof kodeWilayah === 'string' && scope.some((c) => kodeWilayah.startsWith(c));
}

/** Desa codes of the scope, from the release's regions. */
export function scopeDesa(scope: readonly string[], regions: readonly Region[]): string[] {
  return regions.filter((r) => r.level === 'desa' && inScope(scope, r.code)).map((r) => r.code);
}

/** Every AKTIF idbdt of the district, sorted and concatenated (16 digits each): small and quick to search. */
export function aktifList(households: readonly Json[]): string {
  const ids: string[] = [];
  for (const h of households) if (h.status !== 'NONAKTIF' && typeof h.idbdt === 'string') ids.push(h.idbdt);
  return idList(ids, 16);
}

/** Ids of one width (16-digit idbdt, 18-digit idartbdt), sorted and concatenated, without repeats or malformed ones. */
export function idList(ids: Iterable<string>, width: number): string {
  const re = new RegExp(`^[0-9]{${width}}$`);
  return [...new Set(ids)]
    .filter((id) => re.test(id))
    .sort()
    .join('');
}

/** Whether `id` is in a list made by idList with that width (binary search). */
export function inIdList(list: string, id: string, width: number): boolean {
  if (id.length !== width || !/^[0-9]+$/.test(id)) return false;
  let lo = 0;
  let hi = list.length / width;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = list.slice(mid * width, mid * width + width);
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** Whether `idbdt` is in a list made by aktifList. */
export function inAktifList(list: string, idbdt: string): boolean {
  return inIdList(list, idbdt, 16);
}

/** A short, readable name of a scope, e.g. "Kec. Tebet" or "Kel. Tebet Barat, Kel. Manggarai". */
export function scopeLabel(scope: readonly string[], regions: readonly Region[]): string {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  return scope.map((c) => byCode.get(c)?.name ?? c).join(', ');
}

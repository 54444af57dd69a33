// Identifiers and dates of the offline app. UUIDs come from getRandomValues (available also where
// crypto.randomUUID is not); dates are the operator's local calendar day.

/** A random UUID version 4, lowercase canonical form (siks-format.md general conventions). */
export function uuidV4(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 'YYYY-MM-DD' of the local calendar day (toISOString would give the UTC day). */
export function localIsoDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** RFC 3339 timestamp with the local offset, e.g. 2026-11-30T10:15:00+07:00 (no fraction). */
export function rfc3339(d: Date = new Date()): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${localIsoDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The local calendar day of an RFC 3339 timestamp as written (its own offset), 'YYYY-MM-DD'. */
export function dateOfTimestamp(ts: string): string {
  return ts.slice(0, 10);
}

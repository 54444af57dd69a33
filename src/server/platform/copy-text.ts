// COPY text format for bulk loads, without database imports, so that a worker thread can encode
// rows too (the demo seeder's generation thread).

/** One value as a COPY text field: \N for null, t/f, numbers as written, dates in ISO, objects as JSON; backslash escapes for the characters that end a field or a line. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString();
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  // Most values hold none of them: testing first spares a replace per field.
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

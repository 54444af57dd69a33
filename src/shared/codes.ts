// How the registry's numbers are written for people, the same on every screen of both apps:
// Kemendagri region codes dotted by level (31.74.01.1001), an IDBDT as its desa code dotted and
// its serial (31.74.01.1001.000123), an IDARTBDT as its household's IDBDT and the member's number
// (31.74.01.1001.000123.01), a NIK or No KK as its 16 digits unbroken, as the cards print them.
// Display only: a value of another shape (a masked number, a partial code) is shown as it is.
// Files and the API keep the undotted digits; a search accepts both (searchDigits).

const REGION = /^(\d{2}|\d{4}|\d{6}|\d{10})$/;

/** Dotted display of an undotted Kemendagri region code: '3174011001' → '31.74.01.1001'. Other text is returned unchanged. */
export function formatRegionCode(code: string): string {
  if (!REGION.test(code)) return code;
  return [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6)].filter((p) => p !== '').join('.');
}

/**
 * An IDBDT (10-digit desa code + 6-digit serial) with its region part dotted: '31.74.01.1001.000123';
 * an IDARTBDT (IDBDT + 2-digit member number) likewise: '31.74.01.1001.000123.01'. Other text unchanged.
 */
export function formatIdbdt(id: string): string {
  if (/^\d{16}$/.test(id)) return `${formatRegionCode(id.slice(0, 10))}.${id.slice(10)}`;
  if (/^\d{18}$/.test(id)) return `${formatIdbdt(id.slice(0, 16))}.${id.slice(16)}`;
  return id;
}

/** A NIK or No KK: its 16 digits unbroken (spaces or dots typed into one removed); a masked or other value unchanged. */
export function formatNik(value: string | null | undefined): string {
  if (value == null) return '';
  const digits = value.replace(/[\s.]/g, '');
  return /^\d{16}$/.test(digits) ? digits : value;
}

/**
 * The digits of a number typed or pasted in any of the written forms ('31.74.01.1001.000123',
 * '3174 0117 0785 0001'), or null when the text is not a number (a name).
 */
export function searchDigits(text: string): string | null {
  const t = text.trim();
  if (!/^[\d\s.-]+$/.test(t) || !/\d/.test(t)) return null;
  return t.replace(/\D/g, '');
}

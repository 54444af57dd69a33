/**
 * The one error catalogue: every error a user can meet, with its HTTP status, its CLI exit code
 * and its message in Bahasa Indonesia and English. Routes map AppError to
 * `{ code, message, details }` once (http/errors.ts); the CLI maps it to an exit code once.
 */
export const errorCatalogue = {
  NOT_FOUND: { status: 404, exit: 4, id: 'Data tidak ditemukan.', en: 'Not found.' },
  UNAUTHENTICATED: { status: 401, exit: 3, id: 'Silakan login terlebih dahulu.', en: 'Please log in first.' },
  FORBIDDEN: { status: 403, exit: 3, id: 'Anda tidak berwenang melakukan tindakan ini.', en: 'You are not allowed to do this.' },
  LOGIN_FAILED: { status: 401, exit: 3, id: 'User ID atau password salah.', en: 'Wrong User ID or password.' },
  ACCOUNT_DISABLED: { status: 403, exit: 3, id: 'Akun Anda dinonaktifkan. Hubungi Pusdatin Kesos.', en: 'Your account is disabled. Contact Pusdatin Kesos.' },
  VALIDATION: { status: 400, exit: 2, id: 'Data yang dikirim tidak valid.', en: 'The data sent is not valid.' },
  USER_EXISTS: { status: 409, exit: 2, id: 'User ID sudah dipakai.', en: 'This User ID is already taken.' },
  UNKNOWN_REGION: { status: 400, exit: 2, id: 'Kode wilayah tidak dikenal.', en: 'Unknown region code.' },
  SCOPE_MISMATCH: { status: 400, exit: 2, id: 'Wilayah tidak sesuai dengan peran pengguna.', en: 'The region does not fit the user role.' },
  WEAK_PASSWORD: { status: 400, exit: 2, id: 'Password minimal 10 karakter, tidak sama dengan User ID, dan bukan password yang umum dipakai.', en: 'The password must have at least 10 characters, differ from the User ID and not be a common password.' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2, id: 'Berkas terlalu besar.', en: 'The file is too large.' },
  DATA_DIR_BUSY: { status: 503, exit: 5, id: 'Basis data sedang dipakai oleh proses lain.', en: 'The database is in use by another process.' },
  INTERNAL: { status: 500, exit: 1, id: 'Terjadi kesalahan pada sistem. Silakan coba lagi.', en: 'Something went wrong. Please try again.' },
} as const satisfies Record<string, { status: number; exit: number; id: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export type Lang = 'id' | 'en';

/** An expected failure with a stable code from the catalogue. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Overrides the catalogue text, when the message needs specifics (both languages). */
    readonly text?: { id: string; en: string },
  ) {
    super(text?.en ?? errorCatalogue[code].en);
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  /** The message in the user's language. */
  messageIn(lang: Lang): string {
    return (this.text ?? errorCatalogue[this.code])[lang];
  }
}

/** Shorthand for the most common error: anything outside the actor's scope is "not found". */
export function notFound(details?: unknown): AppError {
  return new AppError('NOT_FOUND', details);
}

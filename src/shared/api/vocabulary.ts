// The values of the API's vocabulary that the browser needs at run time (status lists, upload
// limits, the error shape's guard), kept free of zod so that the web app's main bundle stays small.
// The schemas in common.ts and the module contracts are built from these lists.

/** Proposal statuses (F7), in the order users read them. */
export const PROPOSAL_STATUSES = ['MENUNGGU', 'DISETUJUI', 'SEBAGIAN', 'DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Import job statuses (F6): waiting, running, and the four ways a job ends. */
export const IMPORT_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'ALREADY_IMPORTED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Verval results, keyed as in the dictionary; the code of each is its position + 1 (vervalResult 1–6). */
export const VERVAL_RESULT_KEYS = ['DITEMUKAN', 'TIDAK_DITEMUKAN', 'PINDAH', 'BAGIAN_RUTA_LAIN', 'MENOLAK', 'GANDA'] as const;
export type VervalResultKey = (typeof VERVAL_RESULT_KEYS)[number];

/** Household status in the registry. */
export const HOUSEHOLD_STATUSES = ['AKTIF', 'NONAKTIF'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

/** The two kinds of proposal: a change to a registered household, or a new household. */
export const PROPOSAL_TYPES = ['PERBAIKAN', 'USULAN_BARU'] as const;
export type ProposalType = (typeof PROPOSAL_TYPES)[number];

/** Levels of the Kemendagri region tree. */
export const REGION_LEVELS = ['provinsi', 'kabkota', 'kecamatan', 'desa'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Programmes with a quota per district (C4). */
export const PROGRAMS = ['BPNT', 'RASTRA', 'PBI'] as const;
export type Program = (typeof PROGRAMS)[number];

// ---- Limits the client checks before sending, to spare a useless upload ----

/** The largest image upload (logo, photo, MoU scans), in bytes: 2 MiB. */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
/** The largest width and height of an image, in pixels. */
export const IMAGE_MAX_SIDE = 4000;
/** The largest published document, in bytes: 20 MiB. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Longest document title. */
export const DOCUMENT_TITLE_MAX = 200;
/** Longest BPNT stage text. */
export const TAHAP_MAX = 50;
/** Highest quota accepted (well above the largest district). */
export const QUOTA_MAX = 10_000_000;

// ---- Errors ----

/** Every error answer: `message` in the user's language; `details` by error (field findings of VALIDATION, limits, …). */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Whether a parsed answer body is the API's error shape. */
export function isErrorBody(v: unknown): v is ErrorBody {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { message?: unknown }).message === 'string'
  );
}

import type { InjectOptions } from 'fastify';

/**
 * The scope probe of every /api/v1 route. test/db/route-scope.db.test.ts fails for a route that
 * has no entry here, so a new route cannot skip the question "what does a user of another
 * district get?". Requests are made as the supervisor of 3171 against data of 3174.
 */
export interface ProbeFixtures {
  /** A household of 3174. */
  idbdt: string;
  /** An API token of 3174_supervisor. */
  tokenId: number;
  /** The MoU submission of 3174. */
  mouId: number;
  /** A DONE import of 3174 with one waiting proposal. */
  importId: string;
  proposalId: string;
  /** A document published for district 3174 only. */
  documentId: number;
  /** A finalisation of 3174 (in a closed period of its own). */
  finalisationId: number;
}

export type Probe =
  /** The request names a resource of 3174: it must answer 404, exactly like a missing one. */
  | { kind: 'foreign-404'; request: (fx: ProbeFixtures) => InjectOptions }
  /** A verb the role lacks: 403, whatever the resource. */
  | { kind: 'role-403'; request: (fx: ProbeFixtures) => InjectOptions }
  /** A list or summary: it answers, and nothing in the body belongs to 3174. */
  | { kind: 'scoped'; request: (fx: ProbeFixtures) => InjectOptions }
  /** Works on the caller's own account or session only; `why` says so. */
  | { kind: 'self' | 'public'; why: string };

export const routeProbes: Record<string, Probe> = {
  'POST /api/v1/session': { kind: 'public', why: 'login: creates a session for the credentials given' },
  'DELETE /api/v1/session': { kind: 'self', why: "ends the caller's own session" },
  'GET /api/v1/me': { kind: 'self', why: "the caller's own account" },
  'PATCH /api/v1/me': { kind: 'self', why: "the caller's own language" },
  'POST /api/v1/me/password': { kind: 'self', why: "changes the caller's own password" },
  'GET /api/v1/captcha': { kind: 'public', why: 'a fresh proof-of-work challenge for the login form' },
  'GET /api/v1/users': { kind: 'role-403', request: () => ({ method: 'GET', url: '/api/v1/users' }) },
  'POST /api/v1/users': {
    kind: 'role-403',
    request: () => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: { name: 'x', role: 'SUPERVISOR', regions: ['3174'] },
    }),
  },
  'POST /api/v1/users/:username/disable': {
    kind: 'role-403',
    request: () => ({ method: 'POST', url: '/api/v1/users/3174_supervisor/disable' }),
  },
  'POST /api/v1/users/:username/enable': {
    kind: 'role-403',
    request: () => ({ method: 'POST', url: '/api/v1/users/3174_supervisor/enable' }),
  },
  'POST /api/v1/users/:username/unlock': {
    kind: 'role-403',
    request: () => ({ method: 'POST', url: '/api/v1/users/3174_supervisor/unlock' }),
  },
  'POST /api/v1/users/:username/reset-password': {
    kind: 'role-403',
    request: () => ({ method: 'POST', url: '/api/v1/users/3174_supervisor/reset-password' }),
  },
  'GET /api/v1/tokens': {
    kind: 'foreign-404',
    request: () => ({ method: 'GET', url: '/api/v1/tokens?username=3174_supervisor' }),
  },
  'POST /api/v1/tokens': {
    kind: 'foreign-404',
    request: () => ({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', username: '3174_supervisor' } }),
  },
  'DELETE /api/v1/tokens/:id': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'DELETE', url: `/api/v1/tokens/${fx.tokenId}` }),
  },
  'GET /api/v1/periods': {
    kind: 'public',
    why: 'periods are national: the same list for every logged-in user, no personal data',
  },
  'POST /api/v1/periods': {
    kind: 'role-403',
    request: () => ({
      method: 'POST',
      url: '/api/v1/periods',
      payload: { code: '2030-01', startsOn: '2030-01-01', endsOn: '2030-06-30' },
    }),
  },
  'POST /api/v1/periods/:code/close': {
    kind: 'role-403',
    request: () => ({ method: 'POST', url: '/api/v1/periods/2019-01/close' }),
  },
  'GET /api/v1/mou': { kind: 'self', why: "the MoU state of the caller's own district" },
  'POST /api/v1/mou': { kind: 'self', why: "uploads for the caller's own district only" },
  'GET /api/v1/mou/queue': { kind: 'role-403', request: () => ({ method: 'GET', url: '/api/v1/mou/queue' }) },
  'GET /api/v1/mou/:id': { kind: 'foreign-404', request: (fx) => ({ method: 'GET', url: `/api/v1/mou/${fx.mouId}` }) },
  'GET /api/v1/mou/:id/:scan': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/mou/${fx.mouId}/mou` }),
  },
  'POST /api/v1/mou/:id/review': {
    kind: 'role-403',
    request: (fx) => ({ method: 'POST', url: `/api/v1/mou/${fx.mouId}/review`, payload: { decision: 'APPROVE' } }),
  },
  'POST /api/v1/releases': { kind: 'self', why: "builds the caller's own district database only" },
  'GET /api/v1/releases': { kind: 'self', why: "the releases of the caller's own district" },
  'POST /api/v1/imports': {
    kind: 'self',
    why: "imports into the caller's own district only (the district is checked against the package)",
  },
  'GET /api/v1/imports': { kind: 'self', why: "the imports of the caller's own district" },
  'GET /api/v1/imports/:id': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/imports/${fx.importId}` }),
  },
  'GET /api/v1/imports/:id/feedback': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/imports/${fx.importId}/feedback` }),
  },
  'GET /api/v1/proposals': { kind: 'self', why: "proposals of the caller's own district only" },
  'GET /api/v1/proposals/:id': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/proposals/${fx.proposalId}` }),
  },
  'POST /api/v1/proposals/:id/decision': {
    kind: 'foreign-404',
    request: (fx) => ({
      method: 'POST',
      url: `/api/v1/proposals/${fx.proposalId}/decision`,
      payload: { decision: 'APPROVE' },
    }),
  },
  'POST /api/v1/proposals/decisions': { kind: 'self', why: "decides proposals of the caller's own district only" },
  'GET /api/v1/audit': { kind: 'scoped', request: () => ({ method: 'GET', url: '/api/v1/audit?pageSize=100' }) },
  'GET /api/v1/home': { kind: 'scoped', request: () => ({ method: 'GET', url: '/api/v1/home' }) },
  'GET /api/v1/regions': {
    kind: 'foreign-404',
    request: () => ({ method: 'GET', url: '/api/v1/regions?parent=3174' }),
  },
  'GET /api/v1/households': {
    kind: 'scoped',
    request: () => ({ method: 'GET', url: '/api/v1/households?pageSize=100' }),
  },
  'GET /api/v1/households/:idbdt': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/households/${fx.idbdt}` }),
  },
  'GET /api/v1/documents': { kind: 'scoped', request: () => ({ method: 'GET', url: '/api/v1/documents' }) },
  'POST /api/v1/documents': {
    kind: 'role-403',
    request: () => ({ method: 'POST', url: '/api/v1/documents', payload: { title: 'x' } }),
  },
  'PATCH /api/v1/documents/:id': {
    kind: 'role-403',
    request: (fx) => ({ method: 'PATCH', url: `/api/v1/documents/${fx.documentId}`, payload: { title: 'x' } }),
  },
  'DELETE /api/v1/documents/:id': {
    kind: 'role-403',
    request: (fx) => ({ method: 'DELETE', url: `/api/v1/documents/${fx.documentId}` }),
  },
  'GET /api/v1/documents/:id/content': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/documents/${fx.documentId}/content` }),
  },
  'GET /api/v1/districts/:kab/programs': {
    kind: 'foreign-404',
    request: () => ({ method: 'GET', url: '/api/v1/districts/3174/programs' }),
  },
  'PUT /api/v1/districts/:kab/quotas/:program': {
    kind: 'role-403',
    request: () => ({ method: 'PUT', url: '/api/v1/districts/3174/quotas/BPNT', payload: { quota: 1 } }),
  },
  'PUT /api/v1/districts/:kab/bpnt-stage': {
    kind: 'role-403',
    request: () => ({ method: 'PUT', url: '/api/v1/districts/3174/bpnt-stage', payload: { tahap: '2' } }),
  },
  'GET /api/v1/district-profiles/:kab': {
    kind: 'foreign-404',
    request: () => ({ method: 'GET', url: '/api/v1/district-profiles/3174' }),
  },
  'PUT /api/v1/district-profiles/:kab': {
    kind: 'foreign-404',
    request: () => ({
      method: 'PUT',
      url: '/api/v1/district-profiles/3174',
      payload: {
        namaInstansi: 'Dinas Sosial',
        alamat: 'Jl. Probe 1',
        nomorTelepon: '021-7654321',
        namaKepalaDinas: 'Probe',
        nipKepalaDinas: '196501011990031001',
        namaBupati: 'Probe',
      },
    }),
  },
  'PUT /api/v1/district-profiles/:kab/pengesahan': {
    kind: 'foreign-404',
    request: () => ({
      method: 'PUT',
      url: '/api/v1/district-profiles/3174/pengesahan',
      payload: { samaDenganKepalaDinas: true },
    }),
  },
  'PUT /api/v1/district-profiles/:kab/logo': {
    kind: 'foreign-404',
    request: () => ({
      method: 'PUT',
      url: '/api/v1/district-profiles/3174/logo',
      headers: { 'content-type': 'multipart/form-data; boundary=probe' },
      payload:
        '--probe\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--probe--\r\n',
    }),
  },
  'GET /api/v1/district-profiles/:kab/logo': {
    kind: 'foreign-404',
    request: () => ({ method: 'GET', url: '/api/v1/district-profiles/3174/logo' }),
  },
  'GET /api/v1/me/profile': { kind: 'self', why: "the caller's own Profil Pengguna" },
  'PUT /api/v1/me/profile': { kind: 'self', why: "changes the caller's own Profil Pengguna" },
  'PUT /api/v1/me/photo': { kind: 'self', why: "replaces the caller's own Foto Profil" },
  'GET /api/v1/me/photo': { kind: 'self', why: "the caller's own Foto Profil" },
  'GET /api/v1/finalisations/preview': { kind: 'self', why: "the next finalisation of the caller's own district" },
  'POST /api/v1/finalisations': { kind: 'self', why: "finalises the caller's own district only" },
  'GET /api/v1/finalisations': { kind: 'scoped', request: () => ({ method: 'GET', url: '/api/v1/finalisations' }) },
  'GET /api/v1/finalisations/:id': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/finalisations/${fx.finalisationId}` }),
  },
  'GET /api/v1/finalisations/:id/letter': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/finalisations/${fx.finalisationId}/letter` }),
  },
  'GET /api/v1/finalisations/:id/data': {
    kind: 'foreign-404',
    request: (fx) => ({ method: 'GET', url: `/api/v1/finalisations/${fx.finalisationId}/data?format=csv` }),
  },
  'GET /api/v1/reports/recap/kecamatan': {
    kind: 'foreign-404',
    request: () => ({ method: 'GET', url: '/api/v1/reports/recap/kecamatan?kab=3174' }),
  },
  'GET /api/v1/reports/recap/desa': {
    kind: 'foreign-404',
    request: () => ({ method: 'GET', url: '/api/v1/reports/recap/desa?kab=3174' }),
  },
  'GET /api/v1/reports/recap/export': {
    kind: 'foreign-404',
    request: () => ({ method: 'GET', url: '/api/v1/reports/recap/export?kab=3174&level=kecamatan&format=csv' }),
  },
  'GET /api/v1/reports/finalisations': {
    kind: 'role-403',
    request: () => ({ method: 'GET', url: '/api/v1/reports/finalisations' }),
  },
  'GET /api/v1/offline-app': {
    kind: 'public',
    why: 'the offline app as a ZIP of its built files, README and serve.mjs: it contains no registry data (any logged-in user)',
  },
};

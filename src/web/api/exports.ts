// The list exports (F13 "export of any result"): each list's `…/export` with the page's filters,
// saved under the name the server gives (fetchAndSave of finalisasi.ts: same headers and errors).
import { queryString } from './client.ts';
import { fetchAndSave } from './finalisasi.ts';

export type ExportFormat = 'xlsx' | 'csv';
type ExportQuery = Readonly<Record<string, string | number | boolean | undefined | null>>;

// A list's export: `path` is the list's URL, `name` the file name when the server gives none.
function exportOf(path: string, name: string) {
  return (format: ExportFormat, query: ExportQuery = {}): Promise<void> => {
    const values = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]));
    return fetchAndSave(`${path}/export${queryString({ ...values, format })}`, `${name}.${format}`);
  };
}

export const exportsApi = {
  /** View Data Kesos (GET /api/v1/households filters, without paging). */
  households: exportOf('/api/v1/households', 'Data_Kesos'),
  /** Verifikasi Usulan (the proposal list's filters). */
  proposals: exportOf('/api/v1/proposals', 'Usulan'),
  /** The district's imports. */
  imports: exportOf('/api/v1/imports', 'Impor'),
  /** Users (PUSDATIN; `q`, `role`). */
  users: exportOf('/api/v1/users', 'Pengguna'),
  /** PKH candidates of a district (the candidate list's filters). */
  pkhCandidates: exportOf('/api/v1/pkh/candidates', 'Calon_PKH'),
  /** Logs History as the user reads it (`q`). */
  audit: exportOf('/api/v1/audit', 'Logs_History'),
  /** The BSP or PBI review list ("Usulan" tab filters). */
  programmeProposals: (module: 'BSP' | 'PBI') =>
    module === 'BSP' ? exportOf('/api/v1/kpm/proposals', 'Usulan_BSP') : exportOf('/api/v1/pbi/proposals', 'Usulan_PBI'),
  /** The KPM waiting list of a programme (`program`, `kab`, `kecamatan`, `desa`). */
  kpmWaiting: exportOf('/api/v1/kpm/waiting-list', 'Daftar_Tunggu_KPM'),
  /** The PBI waiting list. */
  pbiWaiting: exportOf('/api/v1/pbi/waiting-list', 'Daftar_Tunggu_PBI'),
  /** The MoU review queue (Ditjen PFM). */
  mouQueue: exportOf('/api/v1/mou/queue', 'Antrean_MoU'),
  /** Verval periods. */
  periods: exportOf('/api/v1/periods', 'Periode'),
  /** The documents the user may see. */
  documents: exportOf('/api/v1/documents', 'Dokumen'),
  /** The user's own API tokens. */
  tokens: exportOf('/api/v1/tokens', 'Token_API'),
  /** The baseline loads of a district (`kab`). */
  baseline: exportOf('/api/v1/baseline', 'Baseline'),
  /** The release history of the supervisor's district. */
  releases: exportOf('/api/v1/releases', 'Rilis'),
  /** Finalisation monitoring (`period`, `provinsi`). */
  monitoring: exportOf('/api/v1/reports/finalisations', 'Monitoring_Finalisasi'),
};

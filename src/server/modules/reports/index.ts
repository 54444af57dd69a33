// Public surface of Rekapitulasi (F9) and finalisation monitoring (C5).
export {
  getRecapKecamatan,
  getRecapDesa,
  getRecapProvinsi,
  exportRecap,
  exportRecapProvinsi,
  getFinalisationMonitoring,
  type Recap,
  type RecapRow,
  type RecapQuery,
  type RegionRecap,
  type MonitoringRow,
} from './reports.service.ts';

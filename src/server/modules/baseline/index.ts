// Public surface of the baseline load (C2).
export {
  loadBaseline,
  listBaselineLoads,
  getBaselineLoad,
  baselineErrorsCsv,
  confirmBaseline,
  discardBaseline,
  cellValue,
  MAX_BASELINE_BYTES,
  type BaselineActor,
  type BaselineFile,
  type BaselineOptions,
} from './baseline.service.ts';

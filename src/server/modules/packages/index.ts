export {
  importPackage,
  runPendingImports,
  runImportJob,
  startImportWorker,
  getImport,
  listImports,
  MAX_UPLOAD_BYTES,
  type JobOptions,
} from './packages.service.ts';
export { checkProposal, mergeRecord, referenceNotActiveIssue, type CurrentHousehold } from './packages.validate.ts';
export { findNikHolders } from './packages.queries.ts';

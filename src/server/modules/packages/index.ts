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
export { checkProposal, mergeRecord, type CurrentHousehold } from './packages.validate.ts';

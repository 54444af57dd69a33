// Public surface of Finalisasi and Surat Pengesahan (F8). Releases read lastFinalisationOf for
// release.json `finalization`; Verifikasi Usulan may use isFinalisedProposalError to map the
// trigger that freezes finalised proposals; reports reuse the recap counting and table exports.
export {
  previewFinalisation,
  finalisePeriod,
  getFinalisation,
  listFinalisations,
  downloadLetter,
  verifyLetter,
  prepareFinalisedData,
  lastFinalisationOf,
  isFinalisedProposalError,
  verifyUrlOf,
  type FinalisationPreview,
  type FinalisationDetail,
  type FinalisationSummary,
  type LetterVerification,
  type PreparedDownload,
  type DataFormat,
  type DataTable,
} from './finalisations.service.ts';
export { computeDataHash, DATA_FORMAT } from './finalisations.hash.ts';
export {
  PROPOSAL_STATUSES,
  VERVAL_RESULTS,
  approvedOf,
  buildRecap,
  countsOfRow,
  emptyCounts,
  addCounts,
  proposalCountColumns,
  type ProposalCounts,
  type ProposalRecap,
  type AreaCounts,
} from './finalisations.recap.ts';
export {
  writeCsv,
  writeXlsx,
  sendDownload,
  CSV_TYPE,
  XLSX_TYPE,
  type Column,
  type Table,
  type Cell,
  type StreamedDownload,
} from './tabular.ts';

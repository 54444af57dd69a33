// Public surface of Usulan PKH (F11b).
export {
  decideNomination,
  listCandidates,
  listNominations,
  nominateHouseholds,
  prepareNominationExport,
  type PkhCandidateQuery,
  type PkhDecision,
  type PkhExportQuery,
  type PkhNominationQuery,
} from './pkh.service.ts';
export { SEVERE_DISABILITY_CODES } from './pkh.queries.ts';

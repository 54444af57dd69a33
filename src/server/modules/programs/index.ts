export {
  assertCanSetQuotas,
  getDistrictPrograms,
  PROGRAMS,
  QUOTA_MAX,
  setBpntStage,
  setDistrictQuota,
  TAHAP_MAX,
  updateBpntStage,
  updateDistrictQuota,
  type DistrictPrograms,
  type Program,
  type SetQuotaInput,
} from './programs.service.ts';
export {
  getQuotaUse,
  householdProgrammes,
  listKpm,
  listPbi,
  quotaUseOf,
  type KpmListQuery,
  type PbiListQuery,
} from './lists.service.ts';
export { inProgramme, type ProgrammeFilter } from './lists.queries.ts';
export { currentQuotaPeriod, listQuotas, upsertQuota } from './programs.queries.ts';
// Finalisasi BSP/PBI prints the AKTIF count against the quota at finalisation.
export { countActive } from './lists.queries.ts';
export { districtQuotaUse, importQuotaSheet, listQuotaDistricts, quotaTemplate } from './quotas.service.ts';
export { listFlagSql, type MemberRecord, memberFlagJoins, memberFlagsJsonb, memberRecordSelections } from './flags.ts';

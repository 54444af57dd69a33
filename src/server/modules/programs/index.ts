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
export { getQuotaUse, listKpm, listPbi, type KpmListQuery, type PbiListQuery } from './lists.service.ts';
export { currentQuotaPeriod, upsertQuota } from './programs.queries.ts';

export {
  seedDistrict,
  ensureDemo,
  ensureDemoPeriod,
  prepareDemoDistrict,
  approveDemoMou,
  DEMO_KAB,
  DEMO_HOUSEHOLDS,
  DEMO_CREDENTIALS_FILE,
} from './demo.service.ts';
export type { SeedDistrictInput, SeedDistrictResult, DemoCredential } from './demo.service.ts';
export { approveMouDirectly, DEMO_PROGRAMS, seedDemoPrograms } from './demo.fixtures.ts';
export { generateHouseholds, districtBox, DEFAULT_MISTAKE_RATE, MISTAKE_RULES } from './demo.generator.ts';
export type { Box, GenerateOptions, GeneratedHousehold, MistakeKind, PlantedMistake } from './demo.generator.ts';
export { DEMO_FILL_SHARE, DEMO_QUOTA_SHARE, seedDemoLists, type DemoListsResult } from './demo.lists.ts';
export { NATION_DISTRICTS, NATION_PROVINCES, planNation, seedNation } from './demo.nation.ts';
export type { NationDistrict, SeedNationInput, SeedNationResult } from './demo.nation.ts';

export { openPeriod, closePeriod, listPeriods, findOpenPeriod, periodName } from './periods.service.ts';
export type { PeriodRow } from './periods.queries.ts';

export * from './regions.queries.ts';
export { loadRegionsIfEmpty } from './regions.loader.ts';
export { listRegionChildren, describeScope } from './regions.service.ts';

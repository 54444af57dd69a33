export { ensureDemoBoundaries, householdPlacer, listBoundaries, loadBoundaries } from './boundaries.service.ts';
export type { BoundaryActor, BoundaryFile } from './boundaries.service.ts';

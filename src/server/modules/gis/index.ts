export { desaShapes, ensureDemoBoundaries, householdPlacer, listBoundaries, loadBoundaries } from './boundaries.service.ts';
export type { BoundaryActor, BoundaryFile } from './boundaries.service.ts';
// Pure geometry, for the demo's row generator (which also runs in a worker thread).
export { pointPlacer, type Shape } from './boundaries.geometry.ts';
// The map's figures query, with its live path (the district figures' check and the nation bench compare both).
export { areaFigures } from './map.queries.ts';

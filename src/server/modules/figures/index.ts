export { figuresByArea, figuresByAreaQuery, refreshDistrictFigures, type AreaFigures } from './figures.queries.ts';

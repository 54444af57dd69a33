export {
  figuresByArea,
  figuresByAreaQuery,
  markDistrictFiguresStale,
  refreshDistrictFigures,
  type AreaFigures,
} from './figures.queries.ts';

export * from './access.service.ts';
export * from './scope.ts';
export { findUserByUsername } from './access.queries.ts';

export * from './access.service.ts';
export * from '../../platform/scope.ts';
export { findUserByUsername } from './access.queries.ts';

export * from './households.service.ts';
// The members of a household as the household page reads them (flags derived from the lists): tests of other modules check them.
export { listMembers } from './households.queries.ts';

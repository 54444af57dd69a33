// Public surface of Pemindahan Rumah Tangga (F12) for other modules: the hand-over check of the
// importers and decisions. The routes call relocations.service.ts themselves.
export { householdsInHandover, inHandoverIssue } from './handover.ts';
// The rows of a hand-over moved to the destination district (delete and insert, one transaction).
export { handOverRows } from './relocations.queries.ts';

export { listProposals, getProposal, decideProposal, decideProposals, buildFeedback } from './proposals.service.ts';
export { decide, refusedInHandover, type DecidableProposal, type DecideOptions, type DecisionEngine } from './proposals.service.ts';
export { decideInBulk } from './proposals.service.ts';
export type { DecisionInput, Outcome } from './proposals.apply.ts';
export { proposalLineColumns } from './proposals.queries.ts';

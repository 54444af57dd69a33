export { listProposals, getProposal, decideProposal, decideProposals, buildFeedback } from './proposals.service.ts';

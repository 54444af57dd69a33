import { ROLE_LABELS } from '../../../shared/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { allows } from '../../platform/policy.ts';
import { districtOf, inScope } from '../../platform/scope.ts';
import type { Actor } from '../access/index.ts';
import { listDocuments } from '../documents/index.ts';
import { countActiveHouseholds } from '../households/index.ts';
import { getOwnMouStatus, type MouState } from '../mou/index.ts';
import { OFFLINE_APP_DOWNLOAD } from '../offline/index.ts';
import { districtQuotaUse, getDistrictPrograms, PROGRAMS } from '../programs/index.ts';
import { describeScope } from '../regions/index.ts';
import * as q from './home.queries.ts';

/** A download card of Beranda. */
export interface HomeDocument {
  id: number;
  title: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

/**
 * What Beranda (F3) shows: the region, the role, the total of BDT households in scope, the KKS
 * (BPNT) quota, BPNT stage and quota use per programme of the user's district, and the documents published for it.
 */
export async function getHome(ctx: AppContext, actor: Actor) {
  // Quota and stage belong to one district: its users who read programme quotas (the supervisor)
  // see them; an operator sees his own area's figures instead, national and provincial users none.
  const kab = districtOf(actor);
  const quotaKab = kab && allows(actor, 'program:read') ? kab : undefined;
  const [regions, totalHouseholds, documents, programs, use, period] = await Promise.all([
    describeScope(ctx, actor),
    countActiveHouseholds(ctx, actor),
    listDocuments(ctx, actor),
    quotaKab ? getDistrictPrograms(ctx, actor, quotaKab) : Promise.resolve(null),
    quotaKab ? districtQuotaUse(ctx, actor, quotaKab) : Promise.resolve(null),
    q.homePeriod(ctx.database.db),
  ]);
  const [proposals, round] = await Promise.all([
    kab && period ? kecamatanProposals(ctx, actor, kab, period.code) : Promise.resolve(null),
    kab && allows(actor, 'mou:submit') ? districtRound(ctx, actor, kab, period?.code ?? null) : Promise.resolve(null),
  ]);
  const region = regions.length === 1 ? regions[0]! : null;
  return {
    region: region && { code: region.code, name: region.name, level: region.level },
    roleLabel: ROLE_LABELS[actor.role],
    totalHouseholds,
    kuotaKks: programs?.quotas.BPNT ?? null,
    tahapBpnt: programs?.tahapBpnt ?? null,
    quotas: use && PROGRAMS.map((program) => ({ program, quota: use[program].quota, used: use[program].used })),
    documents: documents.map(
      (d): HomeDocument => ({
        id: d.id,
        title: d.title,
        contentType: d.contentType,
        size: d.size,
        uploadedAt: d.uploadedAt,
      }),
    ),
    period: period ?? null,
    proposals,
    round: round && { ...round, nextStep: nextStep(round.mou.state, round.releaseDownloads.count, proposals ?? []) },
  };
}

/** BDT proposals of the period per kecamatan of the actor's scope: a district's, or an operator's own kecamatan/desa. */
async function kecamatanProposals(ctx: AppContext, actor: Actor, kab: string, period: string) {
  const rows = await q.proposalsByKecamatan(ctx.database.db, kab, period, inScope(actor, 'p.kode_wilayah'));
  return rows.map((r) => ({
    kecamatan: { code: r.code, name: r.name ?? r.code },
    total: r.total,
    waiting: r.waiting,
    openDecided: r.open_decided,
  }));
}

/** The supervisor's round: MoU, downloads of the release and of the offline app, finalisations of the period. */
async function districtRound(ctx: AppContext, actor: Actor, kab: string, period: string | null) {
  const db = ctx.database.db;
  const [mou, downloads, finalisations] = await Promise.all([
    getOwnMouStatus(ctx, actor),
    q.downloadTallies(db, kab, period, OFFLINE_APP_DOWNLOAD),
    period ? q.periodFinalisations(db, kab, period) : Promise.resolve([]),
  ]);
  return {
    mou: { state: mou.state, submittedAt: mou.submittedAt, reviewedAt: mou.reviewedAt },
    releaseDownloads: downloads.releases,
    offlineAppDownloads: downloads.offlineApp,
    finalisations: finalisations.map((f) => ({
      id: f.id,
      number: f.number,
      letterNumber: f.letter_number,
      at: f.created_at,
      proposals: f.proposal_count,
    })),
  };
}

type NextStep = 'UPLOAD_MOU' | 'WAIT_REVIEW' | 'DOWNLOAD_RELEASE' | 'IMPORT_PACKAGES' | 'DECIDE_PROPOSALS' | 'FINALISE';

/**
 * What the supervisor does next: the MoU first (upload, then wait for PFM), then the release for
 * the operators, then their packages; proposals waiting are decided before what is decided is finalised.
 */
export function nextStep(mou: MouState, releases: number, proposals: readonly { waiting: number; openDecided: number }[]): NextStep {
  if (mou === 'NOT_UPLOADED' || mou === 'RETURNED') return 'UPLOAD_MOU';
  if (mou === 'WAITING') return 'WAIT_REVIEW';
  if (releases === 0) return 'DOWNLOAD_RELEASE';
  if (proposals.some((p) => p.waiting > 0)) return 'DECIDE_PROPOSALS';
  if (proposals.some((p) => p.openDecided > 0)) return 'FINALISE';
  return 'IMPORT_PACKAGES';
}

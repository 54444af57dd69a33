// The photos a proposal carries (issue 15): thumbnails, each opening the full image.
import type { ProposalDetail } from '../../api/proposals.ts';
import { PhotoGallery } from '../../components/PhotoGallery.tsx';
import { useT } from '../../i18n/index.ts';

export function ProposalPhotos({ data }: { data: ProposalDetail }) {
  const t = useT();
  const media = data.proposal.media ?? [];
  if (media.length === 0) return null;
  return (
    <section className="card" aria-labelledby="proposal-photos">
      <h2 id="proposal-photos">{t('photos.proposalTitle', { n: media.length })}</h2>
      <PhotoGallery photos={media} />
    </section>
  );
}

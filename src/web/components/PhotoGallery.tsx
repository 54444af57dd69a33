// Photos from the field (issue 15) as thumbnails; each opens the full image (a new tab, the same
// session). Used by the review page (ProposalPhotos) and the household page (HouseholdPhotos).
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/id.ts';
import { useT } from '../i18n/index.ts';

export interface GalleryPhoto {
  sha256: string;
  tag: 'foto_rumah' | 'foto_ktp' | 'foto_kk' | 'foto_lainnya';
  url: string;
}

const TAG_KEY: Record<GalleryPhoto['tag'], MessageKey> = {
  foto_rumah: 'photos.tag.foto_rumah',
  foto_ktp: 'photos.tag.foto_ktp',
  foto_kk: 'photos.tag.foto_kk',
  foto_lainnya: 'photos.tag.foto_lainnya',
};

/** Thumbnails with their tag (and an optional caption each), linking to the full image. */
export function PhotoGallery<P extends GalleryPhoto>({ photos, caption }: { photos: readonly P[]; caption?: (p: P) => ReactNode }) {
  const t = useT();
  return (
    <ul className="photo-gallery">
      {photos.map((p) => {
        const tag = t(TAG_KEY[p.tag]);
        return (
          <li key={`${p.sha256}:${p.tag}`} data-sha256={p.sha256}>
            <a href={p.url} target="_blank" rel="noopener" aria-label={t('photos.open', { tag })}>
              <img src={p.url} alt={tag} loading="lazy" width={160} height={120} />
            </a>
            <span>{tag}</span>
            {caption ? <span className="muted">{caption(p)}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

// The photos kept with a household (issue 15): those of its approved proposals, newest first.
import { request } from '../api/client.ts';
import type { Wire } from '../../shared/api/common.ts';
import type { HouseholdMediaSchema } from '../../shared/api/media.ts';
import { PhotoGallery } from '../components/PhotoGallery.tsx';
import { ErrorBox } from '../components/Status.tsx';
import { formatDate } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useData } from '../lib/useData.ts';

type HouseholdMedia = Wire<typeof HouseholdMediaSchema>;

export function HouseholdPhotos({ idbdt }: { idbdt: string }) {
  const t = useT();
  const locale = useLocale();
  const { data, error, reload } = useData(
    (signal) => request<HouseholdMedia>('GET', `/api/v1/households/${idbdt}/media`, { signal }),
    [idbdt],
  );
  if (!error && (!data || data.items.length === 0)) return null;
  return (
    <section className="card" aria-labelledby="household-photos">
      <h2 id="household-photos">{t('photos.householdTitle')}</h2>
      {error ? (
        <ErrorBox message={error} onRetry={reload} />
      ) : (
        <PhotoGallery photos={data!.items} caption={(p) => t('photos.addedAt', { date: formatDate(p.addedAt, locale) })} />
      )}
    </section>
  );
}

// The photos of the export (issue 15): how many the pending proposals hold and their bytes, and
// the stored photos that the packages carry.

import { useEffect, useState } from 'react';
import { type Lang, useLang, useT } from './i18n.ts';
import { type MediaRecord, type MediaRef, formatBytes, loadPhotos, referencedMedia } from './lib/media.ts';
import type { BuiltPackage } from './lib/exporter.ts';
import type { StoredProposal } from './lib/model.ts';
import { useApp } from './state.tsx';

const mediaOf = (pending: readonly StoredProposal[]) => referencedMedia(pending.map((p) => p.json as { media?: readonly MediaRef[] }));

/** The stored photos the pending proposals refer to, for buildPackages. */
export function photosFor(db: IDBDatabase, pending: readonly StoredProposal[]): Promise<Map<string, MediaRecord>> {
  return loadPhotos(db, mediaOf(pending));
}

/** "The proposals not yet exported hold n photos (x MB)"; nothing when they hold none. */
export function PendingPhotos({ pending }: { pending: readonly StoredProposal[] }) {
  const t = useT();
  const lang = useLang();
  const { db } = useApp();
  const [sum, setSum] = useState<{ n: number; bytes: number } | null>(null);
  const key = mediaOf(pending).join(',');
  useEffect(() => {
    let live = true;
    void loadPhotos(db, key ? key.split(',') : []).then((m) => {
      if (live) setSum({ n: m.size, bytes: [...m.values()].reduce((s, r) => s + r.size, 0) });
    });
    return () => {
      live = false;
    };
  }, [db, key]);
  if (!sum || sum.n === 0) return null;
  return (
    <p data-testid="pending-photos">
      {t('ex.photos', { n: sum.n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US'), size: formatBytes(sum.bytes, lang) })}
    </p>
  );
}

/** What the packages just written carry: "n foto (x MB)", or nothing without photos. */
export function exportedPhotosText(packages: readonly BuiltPackage[], t: ReturnType<typeof useT>, lang: Lang): string {
  const n = packages.reduce((s, p) => s + p.media.count, 0);
  const bytes = packages.reduce((s, p) => s + p.media.bytes, 0);
  return n === 0 ? '' : t('ex.photosDone', { n: n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US'), size: formatBytes(bytes, lang) });
}

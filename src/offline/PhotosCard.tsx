// Photos of a proposal (issue 15): "Ambil foto" with the camera (or a file), a tag for each photo,
// thumbnails with their size and a button to remove each one. The photos are kept in IndexedDB as
// soon as they are taken; the proposal refers to them by SHA-256 once it is saved.

import { useEffect, useId, useState } from 'react';
import { useLang, useT, type Key } from './i18n.ts';
import { MEDIA_TAGS, type MediaRef, type MediaTag, formatBytes, loadPhotos, storePhoto, withMedia } from './lib/media.ts';
import { useApp } from './state.tsx';

const TAG_KEY: Record<MediaTag, Key> = {
  foto_rumah: 'ph.tag.foto_rumah',
  foto_ktp: 'ph.tag.foto_ktp',
  foto_kk: 'ph.tag.foto_kk',
  foto_lainnya: 'ph.tag.foto_lainnya',
};

/** The photos an editor holds for its proposal, starting from what is stored. */
export function usePhotos(initial: readonly MediaRef[] | undefined) {
  const [media, setMedia] = useState<MediaRef[]>(() => [...(initial ?? [])]);
  return { media, setMedia };
}

/** The photos card of an editor (a household's correction or a new household). */
export function PhotosCard({ photos, disabled }: { photos: ReturnType<typeof usePhotos>; disabled?: boolean }) {
  const t = useT();
  const lang = useLang();
  const { db } = useApp();
  const ids = useId();
  const [tag, setTag] = useState<MediaTag>('foto_rumah');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [urls, setUrls] = useState<Map<string, { url: string; size: number }>>(() => new Map());
  const { media, setMedia } = photos;
  const shas = [...new Set(media.map((m) => m.sha256))].join(',');

  // Thumbnails from the stored bytes (object URLs, released when the list changes or the card goes).
  useEffect(() => {
    let live = true;
    const made: string[] = [];
    void loadPhotos(db, shas ? shas.split(',') : []).then((records) => {
      if (!live) return;
      const next = new Map<string, { url: string; size: number }>();
      for (const [sha, r] of records) {
        const url = URL.createObjectURL(new Blob([r.bytes as BlobPart], { type: r.type }));
        made.push(url);
        next.set(sha, { url, size: r.size });
      }
      setUrls(next);
    });
    return () => {
      live = false;
      for (const u of made) URL.revokeObjectURL(u);
    };
  }, [db, shas]);

  const take = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    try {
      let next = media;
      for (const file of Array.from(files)) {
        const r = await storePhoto(db, file);
        next = withMedia(next, { sha256: r.sha256, tag });
      }
      setMedia(next);
    } catch (err) {
      setError(t('ph.failed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card photos" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('ph.title')}</h2>
      <p className="hint">{t('ph.intro')}</p>
      {!disabled ? (
        <div className="photo-take">
          <div className="field">
            <label htmlFor={`${ids}-tag`}>{t('ph.tag')}</label>
            <select id={`${ids}-tag`} data-testid="photo-tag" value={tag} onChange={(e) => setTag(e.target.value as MediaTag)}>
              {MEDIA_TAGS.map((x) => (
                <option key={x} value={x}>
                  {t(TAG_KEY[x])}
                </option>
              ))}
            </select>
          </div>
          <label className="btn btn-secondary" htmlFor={`${ids}-file`}>
            {t('ph.take')}
          </label>
          <input
            id={`${ids}-file`}
            data-testid="photo-input"
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            disabled={busy}
            onChange={(e) => {
              void take(e.target.files);
              e.target.value = '';
            }}
          />
          {busy ? <span role="status">{t('ph.busy')}</span> : null}
        </div>
      ) : null}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {media.length === 0 ? (
        <p className="muted">{t('ph.none')}</p>
      ) : (
        <ul className="photo-list" data-testid="photo-list">
          {media.map((m) => {
            const thumb = urls.get(m.sha256);
            const label = t(TAG_KEY[m.tag]);
            return (
              <li key={`${m.sha256}:${m.tag}`} className="photo" data-sha256={m.sha256}>
                {thumb ? <img src={thumb.url} alt={label} width={120} /> : <span className="muted">{t('app.loading')}</span>}
                <span>
                  {label}
                  {thumb ? <span className="muted"> · {formatBytes(thumb.size, lang)}</span> : null}
                </span>
                {!disabled ? (
                  <button
                    type="button"
                    className="btn btn-danger"
                    aria-label={t('ph.removeOne', { tag: label })}
                    onClick={() => setMedia(media.filter((x) => !(x.sha256 === m.sha256 && x.tag === m.tag)))}
                  >
                    {t('ph.remove')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

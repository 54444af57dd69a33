// "Batas Wilayah" (/batas-wilayah, PUSDATIN, F14): load region shapes for the map from a GeoJSON or
// zipped Shapefile keyed by Kemendagri code, and see what was loaded and which codes were unknown.
import { useState } from 'react';
import { BOUNDARY_FILE_MAX_BYTES, type BoundaryLoadResult, boundariesApi } from '../api/boundaries.ts';
import { Can } from '../components/Can.tsx';
import { FileUploadForm } from '../components/FileUploadForm.tsx';
import { Forbidden, useDocumentTitle } from '../components/Status.tsx';
import { formatNumber } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';

const LEVELS = ['provinsi', 'kabkota', 'kecamatan', 'desa'] as const;

/** What a load stored and left out. */
export function BoundaryLoadSummary({ result }: { result: BoundaryLoadResult }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <section className="card" aria-labelledby="boundary-result-title" data-testid="boundary-result">
      <h2 id="boundary-result-title">{t('boundaries.result.title', { file: result.source })}</h2>
      <p role="status" className={result.loaded > 0 ? 'alert alert-success' : 'alert'}>
        {t('boundaries.result.loaded', { loaded: n(result.loaded), features: n(result.features), replaced: n(result.replaced) })}
      </p>
      <dl className="boundary-levels">
        {LEVELS.map((level) => (
          <div key={level}>
            <dt>{t(`boundaries.level.${level}`)}</dt>
            <dd>{n(result.byLevel[level])}</dd>
          </div>
        ))}
      </dl>
      {result.withoutCode > 0 && <p>{t('boundaries.result.withoutCode', { count: n(result.withoutCode) })}</p>}
      {result.unknownCodes.length > 0 && (
        <>
          <h3>{t('boundaries.result.unknown', { count: n(result.unknownCodes.length) })}</h3>
          <ul className="boundary-unknown" data-testid="boundary-unknown">
            {result.unknownCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function BoundaryUpload() {
  const t = useT();
  const [result, setResult] = useState<BoundaryLoadResult | null>(null);
  return (
    <>
      <section className="card" aria-labelledby="boundary-upload-title">
        <h2 id="boundary-upload-title">{t('boundaries.upload.title')}</h2>
        <p className="hint">{t('boundaries.intro')}</p>
        <FileUploadForm
          label={t('boundaries.file')}
          hint={t('boundaries.fileHint')}
          accept=".geojson,.json,.zip,application/geo+json,application/json,application/zip"
          submitLabel={t('boundaries.submit')}
          busyLabel={t('boundaries.busy')}
          chooseText={t('boundaries.choose')}
          maxBytes={BOUNDARY_FILE_MAX_BYTES}
          tooLargeText={t('boundaries.tooLarge')}
          upload={boundariesApi.load}
          onStart={() => setResult(null)}
          onDone={setResult}
        />
      </section>
      {result && <BoundaryLoadSummary result={result} />}
    </>
  );
}

/** Batas Wilayah (F14): Pusdatin's boundary load. */
export function BoundariesPage() {
  const t = useT();
  useDocumentTitle(t('boundaries.title'));
  return (
    <div className="boundaries-page">
      <h1>{t('boundaries.title')}</h1>
      <Can verb="boundary:load" fallback={<Forbidden title={t('boundaries.title')} message={t('boundaries.forbidden')} />}>
        <BoundaryUpload />
      </Can>
    </div>
  );
}

export default BoundariesPage;

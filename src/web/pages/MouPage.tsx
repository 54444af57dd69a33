// F5 "Kirim MoU & Download" (/mou, mou:submit: the district's supervisor): the MoU state and
// upload (MouUpload.tsx) and, once approved, the downloads of the release database and of the
// offline application (ReleaseDownload.tsx). This page only composes them.
import { useState } from 'react';
import { mouApi, type MouStatus } from '../api/mou.ts';
import { ErrorBox, Flash, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { useT } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { useData } from '../lib/useData.ts';
import { useSession } from '../session.ts';
import { MouStatusView } from './MouUpload.tsx';
import { ReleaseDownloads } from './ReleaseDownload.tsx';
import '../mou.css';

/** What the page shows for each MoU state: its message, the upload or, approved, the downloads. */
export function MouStateView({ status, onUploaded }: { status: MouStatus; onUploaded: (s: MouStatus) => void }) {
  return (
    <>
      <MouStatusView status={status} onUploaded={onUploaded} />
      {status.state === 'APPROVED' && <ReleaseDownloads />}
    </>
  );
}

/** The /mou page. */
export function MouPage() {
  const t = useT();
  const { me } = useSession();
  const allowed = useCan()('mou:submit');
  useDocumentTitle(t('mou.title'));
  const status = useData((signal) => mouApi.status(signal), [], allowed);
  const [flash, setFlash] = useState<string | null>(null);
  const district = me.regions.find((r) => r.level === 'kabkota') ?? me.regions[0];

  if (!allowed) return <Forbidden title={t('mou.title')} message={t('mou.forbidden')} />;

  return (
    <div className="mou-page">
      <h1>{t('mou.title')}</h1>
      {district && <p className="lead">{t('mou.region', { name: district.name })}</p>}
      <Flash message={flash} />
      {status.error && <ErrorBox message={status.error} onRetry={status.reload} />}
      {!status.data && !status.error && <Loading />}
      {status.data && (
        <MouStateView
          status={status.data}
          onUploaded={(s) => {
            status.setData(s);
            setFlash(t('mou.uploaded'));
          }}
        />
      )}
    </div>
  );
}

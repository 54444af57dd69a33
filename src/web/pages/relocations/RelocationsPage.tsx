// Pemindahan Rumah Tangga (issue 11, F12): the district supervisor moves a household within the
// district or releases it to another district, and follows the moves out, in and waiting to be
// accepted; other users of the registry read the lists of their scope.
import { useState } from 'react';
import type { RelocationDirection } from '../../api/relocations.ts';
import { Forbidden, useDocumentTitle } from '../../components/Status.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useT } from '../../i18n/index.ts';
import { can, ownDistrict } from '../../lib/abilities.ts';
import { useLocation } from '../../router.tsx';
import { useSession } from '../../session.ts';
import { MoveForm } from './MoveForm.tsx';
import { RelocationList } from './RelocationList.tsx';

export function RelocationsPage() {
  const t = useT();
  useDocumentTitle(t('reloc.title'));
  const { me } = useSession();
  const kab = ownDistrict(me);
  const { search } = useLocation();
  const initialIdbdt = new URLSearchParams(search).get('idbdt') ?? '';
  const [tab, setTab] = useState<RelocationDirection>('out');
  // A new move or release shows in the lists: they are mounted anew.
  const [generation, setGeneration] = useState(0);
  if (!can(me, 'registry:read')) return <Forbidden title={t('reloc.title')} message={t('reloc.forbidden')} />;
  const tabs = (['out', 'in', 'pending'] as const).map((key) => ({ key, label: t(`reloc.tab.${key}`) }));
  return (
    <div className="list-page">
      <h1>{t('reloc.title')}</h1>
      {kab && can(me, 'household:move') && <MoveForm kab={kab} initialIdbdt={initialIdbdt} onDone={() => setGeneration((g) => g + 1)} />}
      <Tabs label={t('reloc.tabs')} tabs={tabs} selected={tab} onSelect={setTab} idPrefix="reloc-tab" panelId="reloc-panel" />
      <div id="reloc-panel" role="tabpanel" aria-labelledby={`reloc-tab-${tab}`}>
        <RelocationList key={`${tab}-${generation}`} direction={tab} kab={kab} />
      </div>
    </div>
  );
}

export default RelocationsPage;

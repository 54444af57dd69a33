// Usulan PKH (issue 10, F11b): a district's supervisor nominates AKTIF households for PKH by their
// components and follows each nomination; Pusdatin accepts or refuses; province and national users
// follow the nominations of their scope. Candidates need one district, so only a district user sees them.
import { useState } from 'react';
import { Forbidden, useDocumentTitle } from '../../components/Status.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useT } from '../../i18n/index.ts';
import { can, ownDistrict } from '../../lib/abilities.ts';
import { useSession } from '../../session.ts';
import { CandidatesPanel } from './CandidatesPanel.tsx';
import { NominationsPanel } from './NominationsPanel.tsx';
import './pkh.css';

type Tab = 'candidates' | 'nominations';

export function UsulanPkhPage() {
  const t = useT();
  useDocumentTitle(t('pkh.title'));
  const { me } = useSession();
  const kab = ownDistrict(me);
  const [tab, setTab] = useState<Tab>(kab ? 'candidates' : 'nominations');
  if (!can(me, 'program:read')) return <Forbidden title={t('pkh.title')} message={t('pkh.forbidden')} />;
  const tabs = [
    ...(kab ? [{ key: 'candidates' as const, label: t('pkh.tab.candidates') }] : []),
    { key: 'nominations' as const, label: t('pkh.tab.nominations') },
  ];
  return (
    <div className="list-page">
      <h1>{t('pkh.title')}</h1>
      <Tabs label={t('pkh.tabs')} tabs={tabs} selected={tab} onSelect={setTab} idPrefix="pkh-tab" panelId="pkh-panel" />
      <div id="pkh-panel" role="tabpanel" aria-labelledby={`pkh-tab-${tab}`}>
        {tab === 'candidates' && kab ? (
          <CandidatesPanel kab={kab} />
        ) : (
          // Mounted anew on every switch to the tab: it shows the nominations just made.
          <NominationsPanel kab={kab} />
        )}
      </div>
    </div>
  );
}

export default UsulanPkhPage;

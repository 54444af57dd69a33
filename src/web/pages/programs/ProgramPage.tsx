// Verifikasi & Validasi BSP (/verifikasi-bsp, F10) and PBI (/verifikasi-pbi, F11); program:read.
// Tabs "Daftar KPM" / "Daftar Peserta PBI" (server-paged list, filters, used / quota, xlsx/csv
// export), "Daftar Tunggu" (the waiting list) and "Usulan" (the review of BSP/PBI proposals, bulk
// decisions); every tab's list downloads as xlsx/csv. Users holding program:decide make online proposals from the rows. The tab, the
// filters and the page live in the address. Loaded lazily.
import { useMemo, useState, type ReactNode } from 'react';
import type { Page } from '../../api/client.ts';
import { programsApi, type KpmWaitingItem, type PbiWaitingItem, type ProgrammeModule } from '../../api/programs.ts';
import { exportsApi } from '../../api/exports.ts';
import { PROPOSAL_STATUSES } from '../../api/proposals.ts';
import { DownloadButtons, ExportButtons } from '../../components/DownloadButtons.tsx';
import { Forbidden, useDocumentTitle } from '../../components/Status.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useT } from '../../i18n/index.ts';
import { ownDistrict, useCan } from '../../lib/abilities.ts';
import { useData } from '../../lib/useData.ts';
import { navigate, useLocation } from '../../router.tsx';
import { useSession } from '../../session.ts';
import { DistrictPicker } from '../RekapDistrictPicker.tsx';
import { ListFilters } from './ListFilters.tsx';
import { KpmTable, PbiTable, WaitingTable, type RowAction } from './MembershipTables.tsx';
import { ProposeDialog } from './ProposeDialog.tsx';
import { BulkDecisions, ProgrammeProposalTable, proposalFilter } from './ProposalsTab.tsx';
import { QuotaHeader } from './QuotaHeader.tsx';
import { listQuery, parseProgramState, PROGRAM_PAGE_SIZE, PROGRAM_TABS, programHref, type ProgramState, type ProgramTab } from './state.ts';
import '../../account.css';
import './programs.css';

const TAB_KEYS = {
  BSP: { list: 'prog.tab.kpm', waiting: 'prog.tab.waiting', proposals: 'prog.tab.proposals' },
  PBI: { list: 'prog.tab.pbi', waiting: 'prog.tab.waiting', proposals: 'prog.tab.proposals' },
} as const;

/** The data of the open tab (one page of it) under the state; the other tabs load nothing. */
function useTabData(module: ProgrammeModule, s: ProgramState, own: string | null, enabled: boolean) {
  const query = useMemo(() => listQuery(module, s, own), [module, s, own]);
  const kpm = useData(
    (signal) => programsApi.kpm({ ...query, page: s.page, pageSize: PROGRAM_PAGE_SIZE }, signal),
    [query, s.page],
    enabled && module === 'BSP' && s.tab === 'list',
  );
  const pbi = useData(
    (signal) => programsApi.pbi({ ...query, page: s.page, pageSize: PROGRAM_PAGE_SIZE }, signal),
    [query, s.page],
    enabled && module === 'PBI' && s.tab === 'list',
  );
  // The waiting list's and the review list's filters, as their pages and their exports take them.
  const waitingQuery = useMemo(() => ({ kab: query.kab, kecamatan: query.kecamatan, desa: query.desa }), [query]);
  const proposalQuery = useMemo(
    () => ({ ...proposalFilter(module, s), kab: query.kab, status: PROPOSAL_STATUSES.find((x) => x === s.status) }),
    [module, s, query.kab],
  );
  const waiting = useData(
    (signal): Promise<Page<KpmWaitingItem | PbiWaitingItem>> => {
      const q = { ...waitingQuery, page: s.page, pageSize: PROGRAM_PAGE_SIZE };
      return module === 'BSP' ? programsApi.kpmWaiting({ ...q, program: s.program }, signal) : programsApi.pbiWaiting(q, signal);
    },
    [module, waitingQuery, s.program, s.page],
    enabled && s.tab === 'waiting',
  );
  const proposals = useData(
    (signal) => programsApi.proposals(module, { ...proposalQuery, page: s.page, pageSize: PROGRAM_PAGE_SIZE }, signal),
    [module, proposalQuery, s.page],
    enabled && s.tab === 'proposals',
  );
  return { query, waitingQuery, proposalQuery, kpm, pbi, waiting, proposals };
}

export function ProgramPage({ module }: { module: ProgrammeModule }) {
  const t = useT();
  const can = useCan();
  const { me } = useSession();
  const { search } = useLocation();
  const allowed = can('program:read');
  const title = t(module === 'BSP' ? 'prog.title.bsp' : 'prog.title.pbi');
  useDocumentTitle(title);
  const s = useMemo(() => parseProgramState(search), [search]);
  const own = ownDistrict(me);
  const district = own ?? (s.kab || null);
  const [action, setAction] = useState<RowAction | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const data = useTabData(module, s, own, allowed && district !== null);
  const quotas = useData(
    (signal) => programsApi.quotas(own ? undefined : (district ?? undefined), signal),
    [own, district],
    allowed && district !== null,
  );

  if (!allowed) return <Forbidden title={title} message={t('prog.forbidden')} />;

  // Every change but paging goes back to page 1; a new tab starts without its status filter.
  const update = (patch: Partial<ProgramState>) => {
    const current = parseProgramState(window.location.search);
    const tabChanged = patch.tab !== undefined && patch.tab !== current.tab;
    navigate(programHref(module, { ...current, page: 1, ...(tabChanged ? { status: '' } : {}), ...patch }));
  };
  const onPage = (page: number) => update({ page });
  const load = (d: { loading: boolean; error: string | null; reload: () => void }) => ({
    loading: d.loading,
    error: d.error,
    onRetry: d.reload,
  });
  const panel: Record<ProgramTab, () => ReactNode> = {
    list: () => (
      <>
        <DownloadButtons
          items={(['xlsx', 'csv'] as const).map((format) => ({
            key: format,
            label: t(format === 'xlsx' ? 'prog.export.xlsx' : 'prog.export.csv'),
            download: () => programsApi.exportList(module, format, data.query),
          }))}
        />
        {module === 'BSP' ? (
          <KpmTable program={s.program} data={data.kpm.data} onPage={onPage} onAction={setAction} {...load(data.kpm)} />
        ) : (
          <PbiTable data={data.pbi.data} onPage={onPage} onAction={setAction} {...load(data.pbi)} />
        )}
      </>
    ),
    waiting: () => (
      <>
        <p className="hint">{t(module === 'BSP' ? 'prog.waiting.introBsp' : 'prog.waiting.introPbi')}</p>
        <ExportButtons
          download={(format) =>
            module === 'BSP'
              ? exportsApi.kpmWaiting(format, { ...data.waitingQuery, program: s.program })
              : exportsApi.pbiWaiting(format, data.waitingQuery)
          }
        />
        <WaitingTable data={data.waiting.data} onPage={onPage} onAction={setAction} {...load(data.waiting)} />
      </>
    ),
    proposals: () => (
      <>
        <BulkDecisions
          module={module}
          state={s}
          waiting={data.proposals.data?.counts.byStatus.MENUNGGU ?? 0}
          onDone={() => {
            data.proposals.reload();
            quotas.reload();
          }}
        />
        <ExportButtons download={(format) => exportsApi.programmeProposals(module)(format, data.proposalQuery)} />
        <ProgrammeProposalTable
          module={module}
          data={data.proposals.data}
          back={programHref(module, s)}
          onPage={onPage}
          {...load(data.proposals)}
        />
      </>
    ),
  };

  return (
    <div className="verval-page prog-page">
      <h1>{title}</h1>
      {!own && <DistrictPicker value={s.kab} onChange={(kab) => update({ kab, kecamatan: '', desa: '' })} />}
      <QuotaHeader use={quotas.data} programs={module === 'BSP' ? [s.program] : ['PBI']} />
      {flash && (
        <p className="alert alert-ok" role="status">
          {flash}
        </p>
      )}
      <Tabs
        label={title}
        idPrefix="prog-tab"
        panelId="prog-panel"
        selected={s.tab}
        onSelect={(tab) => update({ tab })}
        tabs={PROGRAM_TABS.map((tab) => ({ key: tab, label: t(TAB_KEYS[module][tab]) }))}
      />
      <div id="prog-panel" role="tabpanel" aria-labelledby={`prog-tab-${s.tab}`} className="tab-panel">
        {district === null ? (
          <p className="muted">{t('rekap.pick.first')}</p>
        ) : (
          <>
            <ListFilters module={module} state={s} district={district} update={update} />
            {panel[s.tab]()}
          </>
        )}
      </div>
      {action && (
        <ProposeDialog
          action={action}
          program={s.program}
          kab={own ? undefined : (district ?? undefined)}
          onCancel={() => setAction(null)}
          onDone={(message) => {
            setAction(null);
            setFlash(message);
            data.kpm.reload();
            data.pbi.reload();
            data.waiting.reload();
          }}
        />
      )}
    </div>
  );
}

export function BspPage() {
  return <ProgramPage module="BSP" />;
}

export function PbiPage() {
  return <ProgramPage module="PBI" />;
}

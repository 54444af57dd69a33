// F13 household page, "Keanggotaan Program" (issue 10): the household's KPM rows of BPNT/RASTRA
// (status, since–until, reason, pengurus, KKS and account), its members' PBI-JK rows (card
// number) and its PKH nominations. Ended memberships stay listed with their reason. The server
// masks names and numbers for roles without personal:unmasked, and the section then says so.
import type { HouseholdDetail, MemberRecord } from '../api/client.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { StatusBadge } from '../components/Status.tsx';
import { formatDate, formatIdbdt } from '../format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { useReasonText } from './programs/MembershipTables.tsx';

type Programmes = HouseholdDetail['programs'];
type Kpm = Programmes['kpm'][number];
type Pbi = Programmes['pbi'][number];
type Pkh = Programmes['pkh'][number] & { n: number };

/** The programme memberships of a household. */
export function HouseholdProgrammes({ programs, members }: { programs: Programmes; members: MemberRecord[] }) {
  const t = useT();
  const locale = useLocale();
  const can = useCan();
  const reason = useReasonText();
  const empty = t('value.empty');
  const date = (d: string | null) => (d ? formatDate(d, locale) : empty);
  const period = (since: string, until: string | null) => `${formatDate(since, locale)}${until ? ` – ${formatDate(until, locale)}` : ''}`;
  const statusCol = { key: 'status', header: t('list.col.status'), cell: (r: Kpm | Pbi) => <StatusBadge status={r.status} /> };
  const periodCol = { key: 'period', header: t('prog.col.period'), className: 'nowrap', cell: (r: Kpm | Pbi) => period(r.since, r.until) };
  const reasonCol = { key: 'reason', header: t('prog.col.reason'), cell: (r: Kpm | Pbi) => (r.reason === null ? empty : reason(r.reason)) };
  const kpmColumns: Column<Kpm>[] = [
    { key: 'program', header: t('hh.programs.col.program'), rowHeader: true, cell: (k) => k.program },
    statusCol,
    periodCol,
    reasonCol,
    { key: 'pengurus', header: t('prog.col.pengurus'), cell: (k) => k.nama_pengurus ?? k.id_pengurus ?? empty },
    { key: 'kks', header: t('prog.col.noKks'), className: 'mono', cell: (k) => k.no_kks ?? empty },
    { key: 'rekening', header: t('prog.col.noRekening'), className: 'mono', cell: (k) => k.no_rekening ?? empty },
  ];
  const names = new Map(members.map((m) => [m.idartbdt, m.nama]));
  const pbiColumns: Column<Pbi>[] = [
    { key: 'member', header: t('hh.programs.col.member'), rowHeader: true, cell: (b) => names.get(b.idartbdt) ?? b.nama },
    { key: 'idartbdt', header: t('prog.col.idartbdt'), className: 'mono nowrap', cell: (b) => formatIdbdt(b.idartbdt) },
    { key: 'kartu', header: t('prog.col.noKartu'), className: 'mono', cell: (b) => b.no_kartu ?? t('prog.noCard') },
    statusCol,
    periodCol,
    reasonCol,
  ];
  const pkhColumns: Column<Pkh>[] = [
    { key: 'status', header: t('pkh.status'), rowHeader: true, cell: (n) => t(`pkh.status.${n.status}`) },
    { key: 'nominated', header: t('hh.programs.col.nominatedAt'), cell: (n) => date(n.nominated_at) },
    { key: 'decided', header: t('hh.programs.col.decidedAt'), cell: (n) => date(n.decided_at) },
  ];
  // One table per programme kind, its caption and empty text named by the kind.
  const table = <T,>(kind: 'kpm' | 'pbi' | 'pkh', columns: Column<T>[], rows: T[], rowKey: (row: T) => string) => (
    <DataTable
      idPrefix={`programs-${kind}`}
      caption={t(`hh.programs.${kind}`)}
      columns={columns}
      rows={rows}
      rowKey={rowKey}
      empty={t(`hh.programs.${kind}Empty`)}
    />
  );
  return (
    <section className="card" aria-labelledby="programs-title">
      <h2 id="programs-title">{t('hh.programs.title')}</h2>
      {!can('personal:unmasked') && <p className="hint">{t('prog.masked')}</p>}
      {table('kpm', kpmColumns, programs.kpm, (k) => k.program)}
      {table('pbi', pbiColumns, programs.pbi, (b) => b.idartbdt)}
      {table(
        'pkh',
        pkhColumns,
        programs.pkh.map((x, n) => ({ ...x, n })),
        (x) => String(x.n),
      )}
    </section>
  );
}

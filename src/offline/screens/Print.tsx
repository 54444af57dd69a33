// O9: printable household form and list of proposals; the browser prints them to paper or PDF
// (window.print(), print CSS in styles.css hides the app's frame).

import { useEffect, useMemo, useState } from 'react';
import { formatIdbdt } from '../../shared/codes.ts';
import { formatRegionCode, householdFields, memberFields } from '../../shared/dictionary/index.ts';
import { displayValue, ListTable } from '../components.tsx';
import { formatDate, formatDateTime, formatPeriod, useLang, useT } from '../i18n.ts';
import { localIsoDate } from '../lib/ids.ts';
import type { StoredProposal } from '../lib/model.ts';
import { programmeHousehold, programmeLineOf } from '../lib/programmes.ts';
import { type BaseRecord, editStateFrom, mergedRecord, sortMembers } from '../lib/proposals.ts';
import { latestFor, loadBase } from '../lib/store.ts';
import { useApp } from '../state.tsx';
import { decisionKey, vervalResultText } from '../work.ts';
import { ProposalStatus, resultText } from './Export.tsx';

function Toolbar({ back }: { back: string }) {
  const t = useT();
  return (
    <div className="print-toolbar no-print">
      <button type="button" className="btn" onClick={() => window.print()}>
        {t('common.print')}
      </button>
      <a className="btn btn-secondary" href={back}>
        {t('common.back')}
      </a>
    </div>
  );
}

/** When and by whom it was printed, and a line to sign on. */
function PrintFooter({ date }: { date: string }) {
  const t = useT();
  const { inst } = useApp();
  return (
    <footer className="print-footer">
      <p>{t('print.printed', { date, name: inst.meta.operator.name })}</p>
      <p className="signature">{t('print.signature')}: ______________________</p>
    </footer>
  );
}

function PrintHeader({ title }: { title: string }) {
  const t = useT();
  const lang = useLang();
  const { inst } = useApp();
  const kab = inst.regions.find((r) => r.level === 'kabkota');
  return (
    <header className="print-header">
      <p>KEMENTERIAN SOSIAL REPUBLIK INDONESIA · SIKS-NG</p>
      <h1>{title}</h1>
      <p>
        {kab?.name ?? inst.meta.kabKota} · {t('header.period', { period: formatPeriod(inst.meta.period, lang) })}
      </p>
    </header>
  );
}

export function PrintHousehold({ idbdt }: { idbdt: string }) {
  const t = useT();
  const lang = useLang();
  const { db, inst } = useApp();
  const [base, setBase] = useState<BaseRecord | null | undefined>();
  useEffect(() => {
    loadBase(db, inst.index, idbdt).then(
      (b) => setBase(b ?? null),
      () => setBase(null),
    );
  }, [db, inst.index, idbdt]);
  const latest = latestFor(inst.proposals, idbdt);
  const after = useMemo(() => (base ? mergedRecord(base, editStateFrom(base, latest?.json)) : null), [base, latest]);
  if (base === undefined) return <p>{t('app.loading')}</p>;
  if (!base || !after) return <p role="alert">{t('hh.notFound')}</p>;
  const verval = latest?.json.type === 'PERBAIKAN' ? latest.json.verval : null;
  const members = sortMembers(base.members);
  const desa = inst.regions.find((r) => r.code === base.household.kode_wilayah)?.name ?? '';
  return (
    <main id="main" className="print-page">
      <Toolbar back={`#/rt/${idbdt}`} />
      <PrintHeader title={t('print.form')} />
      <table className="print-table">
        <tbody>
          <tr>
            <th>IDBDT</th>
            <td>{formatIdbdt(idbdt)}</td>
            <th>{t('col.desa')}</th>
            <td>
              {desa} ({formatRegionCode(String(base.household.kode_wilayah))})
            </td>
          </tr>
          <tr>
            <th>{t('hh.result')}</th>
            <td>{verval ? vervalResultText(verval.result) : '…………………………'}</td>
            <th>{t('hh.visitedAt')}</th>
            <td>{verval ? formatDate(verval.visitedAt, lang) : '…………………………'}</td>
          </tr>
          {verval?.duplicateOf || verval?.mergeInto ? (
            <tr>
              <th>{verval.duplicateOf ? t('hh.duplicateOf') : t('hh.mergeInto')}</th>
              <td colSpan={3}>{verval.duplicateOf ?? verval.mergeInto}</td>
            </tr>
          ) : null}
          <tr>
            <th>{t('hh.musdesAt')}</th>
            <td>{verval?.musdesAt ? formatDate(verval.musdesAt, lang) : '…………………………'}</td>
            <th>{t('hh.note')}</th>
            <td>{verval?.note ?? ''}</td>
          </tr>
        </tbody>
      </table>
      <h2>{t('hh.data')}</h2>
      <ListTable
        head={['No.', '', t('print.current'), t('print.proposed')]}
        items={householdFields}
        className="print-table"
        row={(def) => {
          const a = base.household[def.name];
          const b = after.household[def.name];
          const differs = JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
          return (
            <tr key={def.name} className={differs ? 'changed' : ''}>
              <td>{def.q ?? ''}</td>
              <td>{def.label}</td>
              <td>{displayValue(def, a, t, lang)}</td>
              <td>{differs ? displayValue(def, b, t, lang) : ''}</td>
            </tr>
          );
        }}
      />
      <h2>{t('hh.members')}</h2>
      {after.members.map((m, i) => {
        const b = members.find((x) => x.idartbdt === m.idartbdt);
        return (
          <table key={i} className="print-table member-table">
            <caption>{t('hh.member', { n: i + 1, name: String(m.nama ?? '') })}</caption>
            <tbody>
              {memberFields.map((def) => {
                const before = b?.[def.name];
                const now = m[def.name];
                const differs = !!b && JSON.stringify(before ?? null) !== JSON.stringify(now ?? null);
                return (
                  <tr key={def.name} className={differs || !b ? 'changed' : ''}>
                    <td>{def.label}</td>
                    <td>{b ? displayValue(def, before, t, lang) : ''}</td>
                    <td>{differs || !b ? displayValue(def, now, t, lang) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
      <PrintFooter date={formatDate(localIsoDate(), lang)} />
    </main>
  );
}

/** The IDBDT a proposal is about: its household, or the one assigned to a new household. */
function subjectIdbdt(p: StoredProposal): string {
  if (p.json.type === 'PERBAIKAN') return p.subject;
  const line = programmeLineOf(p.json);
  return line ? programmeHousehold(line) : (p.feedback?.assigned?.idbdt ?? '');
}

export function PrintProposals() {
  const t = useT();
  const lang = useLang();
  const { inst } = useApp();
  const list = [...inst.proposals].sort((a, b) => a.seq - b.seq);
  const regionName = new Map(inst.regions.map((r) => [r.code, r.name]));
  return (
    <main id="main" className="print-page">
      <Toolbar back="#/ekspor" />
      <PrintHeader title={t('print.list')} />
      <ListTable
        head={['No.', t('col.type'), t('col.idbdt'), t('col.krt'), t('col.desa'), t('col.result'), t('col.status'), t('col.decision')]}
        items={list}
        className="print-table"
        row={(p, i) => (
          <tr key={p.proposalId}>
            <td>{i + 1}</td>
            <td>{t(`type.${p.type}`)}</td>
            <td>{subjectIdbdt(p)}</td>
            <td>{p.label}</td>
            <td>{regionName.get(p.kodeWilayah) ?? p.kodeWilayah}</td>
            <td>{resultText(p, lang)}</td>
            <td>
              <ProposalStatus p={p} />
            </td>
            <td>{p.feedback ? t(decisionKey(p.feedback.decision)) : ''}</td>
          </tr>
        )}
      />
      <PrintFooter date={formatDateTime(new Date().toISOString(), lang)} />
    </main>
  );
}

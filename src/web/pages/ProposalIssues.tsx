// Views shared by Import Data and Verifikasi Usulan: a list of validation findings (path as the
// dictionary's words, code, message in the user's language) and the status badge of a proposal.
import type { Issue, ProposalStatus } from '../api/proposals.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { useLanguage, useT } from '../i18n/index.ts';
import { issuePathLabel, STATUS_KEYS } from '../verval.ts';

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const t = useT();
  return <span className={`badge badge-proposal badge-proposal-${status.toLowerCase()}`}>{t(STATUS_KEYS[status])}</span>;
}

/** Findings as a table: where (label and path), code, message. */
export function IssueList({
  issues,
  caption,
  memberNames = [],
}: {
  issues: readonly Issue[];
  caption: string;
  memberNames?: readonly (string | null | undefined)[];
}) {
  const t = useT();
  const lang = useLanguage();
  const columns: Column<Issue>[] = [
    {
      key: 'where',
      header: t('issue.col.where'),
      cell: (i) => (
        <>
          <span lang="id">{issuePathLabel(i.path, t, memberNames)}</span>
          <br />
          <code className="issue-path">{i.path}</code>
        </>
      ),
    },
    { key: 'code', header: t('issue.col.code'), cell: (i) => <code className="issue-code">{i.code}</code> },
    { key: 'message', header: t('issue.col.message'), cell: (i) => <span lang={lang}>{i.message[lang] || i.message.id}</span> },
  ];
  // Findings carry no id; their position keeps two equal ones apart.
  const rows = issues.map((issue, index) => ({ ...issue, index }));
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(i) => `${i.path}|${i.code}|${i.index}`}
      empty={null}
      tableClassName="issue-table"
    />
  );
}

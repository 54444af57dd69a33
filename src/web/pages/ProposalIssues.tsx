// Views shared by Import Data and Verifikasi Usulan: a list of validation findings (path as the
// dictionary's words, code, message in the user's language) and the status badge of a proposal.
import type { Issue, ProposalStatus } from '../api/proposals.ts';
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
  return (
    <div className="table-wrap">
      <table className="table issue-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('issue.col.where')}</th>
            <th scope="col">{t('issue.col.code')}</th>
            <th scope="col">{t('issue.col.message')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, k) => (
            <tr key={`${i.path}|${i.code}|${k}`}>
              <td>
                <span lang="id">{issuePathLabel(i.path, t, memberNames)}</span>
                <br />
                <code className="issue-path">{i.path}</code>
              </td>
              <td>
                <code className="issue-code">{i.code}</code>
              </td>
              <td lang={lang}>{i.message[lang] || i.message.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

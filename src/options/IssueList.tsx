import type { JSX } from 'preact';
import type { ValidationIssue } from '../core/messages.ts';
import { t } from '../ui/i18n.ts';

/** Every problem of a refused pack or channel, each with its path, so its author can fix them all at once. */
export function IssueList({ issues }: { issues: readonly ValidationIssue[] }): JSX.Element {
  return (
    <ul class="issues">
      {issues.map((issue, i) => (
        <li key={i}>
          <code>{issue.path || t('options_import_issue_whole')}</code>
          {': '}
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

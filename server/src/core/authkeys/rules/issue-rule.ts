import { ruleName, type Check } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';

// Problems the parser finds while reading a line the way sshd does (it knows where sshd stops); a rule
// with this check reports the parser's issues that carry its own name.

export const reportLineIssues: Check<AuthorizedKeysDocument> = (doc, report, _ctx, rule) => {
  const name = ruleName(rule);
  for (const line of doc.lines) {
    for (const issue of line.issues) {
      if (issue.rule === name) report(issue, issue.message, issue.fixes ? { fixes: issue.fixes } : undefined);
    }
  }
};

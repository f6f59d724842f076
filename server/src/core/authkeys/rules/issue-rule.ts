import type { Rule } from '../../rule';
import type { RuleMeta } from '../../types';
import type { AuthorizedKeysDocument } from '../parser';

// Problems the parser finds while reading a line the way sshd does (it knows where sshd stops); each
// such rule only reports the parser's issues of its own name.

export function issueRule(meta: Omit<RuleMeta, 'language'>): Rule<AuthorizedKeysDocument> {
  const name = meta.code.slice('authkeys/'.length);
  return {
    meta: { ...meta, language: 'ssh-authorized-keys' },
    check(doc, report) {
      for (const line of doc.lines) {
        for (const issue of line.issues) {
          if (issue.rule === name) report(issue, issue.message, issue.fixes ? { fixes: issue.fixes } : undefined);
        }
      }
    },
  };
}

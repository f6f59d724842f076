import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';

const ONCE = ['command', 'from', 'principals'];

export const duplicateOption = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/duplicate-option',
  severity: 'error',
  summary: '`command`, `from` or `principals` given twice; sshd skips the line.',
  docs: [
    'sshd accepts `command=`, `from=` and `principals=` once per line. A second one makes it log `multiple "command" clauses`',
    '(DEBUG level) and ignore the line. Merge them: one `from=` takes a comma-separated list (`from="192.0.2.10,198.51.100.0/24"`);',
    'one forced command can dispatch on `$SSH_ORIGINAL_COMMAND`. `environment`, `permitopen`, `permitlisten` and `expiry-time` may repeat.',
  ],
  check(doc, report) {
    for (const line of doc.lines) {
      const first = new Map<string, number>();
      for (const item of line.options?.items ?? []) {
        const name = item.spec?.name;
        if (!name || !ONCE.includes(name)) continue;
        if (!first.has(name)) {
          first.set(name, item.start);
          continue;
        }
        report(
          item,
          `A second \`${name}=\`: sshd logs 'multiple "${name}" clauses' and skips the line.${name === 'from' ? ' Put all addresses in one comma-separated `from="…"`.' : ''}`,
          {
            fixes: [
              {
                title: `Remove this \`${name}=\``,
                edits: [
                  {
                    start: text(doc, item.start - 1) === ',' ? item.start - 1 : item.start,
                    end: item.end,
                    newText: '',
                  },
                ],
              },
            ],
          },
        );
      }
    }
  },
});

function text(doc: AuthorizedKeysDocument, at: number): string {
  return doc.text[at] ?? '';
}

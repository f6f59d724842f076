import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { expansion, placedReporter } from '../includes';
import { quote } from './util';

export const missingPath = defineRule<RsyncdDocument>({
  code: 'rsyncd/missing-path',
  severity: 'error',
  summary: 'Module without a `path` (or with an empty one); it is listed but every access fails.',
  docs: [
    '`path` is required. Without it (or with `path =`) the module still shows in the listing, but every transfer gets',
    '`@ERROR: no path setting.` and the daemon logs `No path specified for module`. A `path` in the global part counts as the default.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    const exp = expansion(doc, ctx);
    const put = placedReporter(exp, report);
    for (const m of exp.modules) {
      const value = m.value('path');
      if (value !== undefined && value !== '') continue;
      const path = m.get('path');
      if (path) {
        put(
          path.entry,
          path.entry.valueSpan.start === path.entry.valueSpan.end ? path.entry.nameSpan : path.entry.valueSpan,
          `empty \`path\`: module [${m.name}] is listed but every access gets "@ERROR: no path setting."`,
        );
        continue;
      }
      const header = m.header;
      const lineEnd = doc.text.indexOf('\n', header.span.end);
      const at = lineEnd < 0 ? doc.text.length : lineEnd + 1;
      const indent = /^[ \t]*/.exec(doc.text.slice(m.sections[0].params[0]?.span.start ?? at, at))?.[0] ?? '';
      put(
        header,
        header.nameSpan,
        `module ${quote(m.name)} has no \`path\`: it is listed, but every access gets "@ERROR: no path setting."`,
        {
          fixes: [
            {
              title: 'Add `path = `',
              edits: [
                {
                  start: at,
                  end: at,
                  newText: `${lineEnd < 0 ? '\n' : ''}${indent === '' ? '    ' : ''}path = /srv/${m.name.replace(/\s+/g, '-')}\n`,
                },
              ],
            },
          ],
        },
      );
    }
  },
});

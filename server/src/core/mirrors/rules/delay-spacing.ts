import { delays, meta, type MirrorRule } from '../check';

export const delaySpacing: MirrorRule = {
  meta: meta('delay-spacing', 'hint', 'The documented DELAY form is `DELAY n` at the start of the line with one space.', [
    'The sample runmirrors.mirror says DELAY "has to be on a line itself, followed by a space and a number.',
    'nothing else, not even whitespace." runmirrors 20180513 reads it with `read`, which also accepts',
    'indentation, tabs and several spaces, but older runmirrors and other tools that grep for `^DELAY [0-9]`',
    'do not. Keep the documented form.',
  ]),
  check(doc, report) {
    for (const entry of delays(doc)) {
      const canonical = entry.seconds ? `DELAY ${entry.seconds.value.replace(/\r$/, '')}` : 'DELAY';
      const end = entry.mode ? entry.seconds!.end : entry.span.end;
      const written = doc.text.slice(entry.span.start, end);
      if (written === canonical || /\\/.test(written)) continue;
      report({ start: entry.span.start, end }, `Write \`${canonical}\`: the documented form has no other blanks.`, {
        fixes: [{ title: `Rewrite as \`${canonical}\``, edits: [{ start: entry.span.start, end, newText: canonical }], preferred: true }],
      });
    }
  },
};

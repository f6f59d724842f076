import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { delays, show } from '../check';

export const delayIgnoredField = defineRule<MirrorListFile>({
  code: 'mirrors/delay-ignored-field',
  severity: 'warning',
  summary: 'After `DELAY n` only `stage1` means something; other words are ignored.',
  docs: [
    'runmirrors reads a DELAY line as `DELAY seconds mode`: mode `stage1` waits for the staged mirrors',
    '(at most `seconds`), every other word — and anything after the mode — is ignored and a plain',
    '`sleep seconds` happens. The sample file documents only `DELAY n`; `stage1` is in the code. A trailing',
    '`# comment` is not reported.',
  ],
  check(doc, report) {
    for (const entry of delays(doc)) {
      // `DELAY 600 # comment`: the comment is ignored as its writer meant it to be.
      const mode = entry.mode?.value.startsWith('#') ? undefined : entry.mode;
      if (mode && mode.value.replace(/\r$/, '') !== 'stage1') {
        report(
          { start: mode.start, end: entry.ignored?.end ?? mode.end },
          `${show(mode.value)} is ignored: runmirrors only knows \`DELAY n stage1\`; this is a plain sleep.`,
          {
            unnecessary: true,
            fixes: mode.value.toLowerCase().startsWith('stage')
              ? [
                  {
                    title: 'Change to stage1',
                    edits: [{ start: mode.start, end: mode.end, newText: 'stage1' }],
                    preferred: true,
                  },
                ]
              : [
                  {
                    title: 'Remove the ignored words',
                    edits: [{ start: entry.seconds!.end, end: entry.ignored?.end ?? mode.end, newText: '' }],
                  },
                ],
          },
        );
      } else if (mode && entry.ignored && !doc.text.slice(entry.ignored.start, entry.ignored.end).startsWith('#')) {
        report(entry.ignored, 'Ignored: nothing is read after `DELAY n stage1`.', { unnecessary: true });
      }
    }
  },
});

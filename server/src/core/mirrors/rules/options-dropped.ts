import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';
import { analyzeSshOptions, beforeComment, keptText } from '../sshopts';

export const optionsDropped = defineRule<MirrorListFile>({
  code: 'mirrors/options-dropped',
  severity: 'error',
  summary: 'runmirrors passes only the ssh options up to the second blank; the rest is dropped.',
  docs: [
    'runmirrors stores the options as `SSHOPTS="${SSHOPT/ /#}"` and later splits its argument array with',
    '`local ${!ARGS}`: only the text before the **second** blank survives (the first space was turned into',
    '`#` and back). Every further word reaches bash\'s `local` as "not a valid identifier" and is dropped.',
    'A tab is never turned into `#`, so `-p<TAB>2222` keeps only `-p`.',
    '',
    'Observed with ftpsync 20180513+nmu1: `-p 2222 -i /k -o IdentitiesOnly=yes` reaches ssh as `-p 2222`.',
    '',
    'A trailing `# comment` is not reported: it is dropped the same way, which is what its writer wanted.',
    '',
    'Keep one option (with its value) per line, and put the others in `~/.ssh/config`:',
    '```',
    'Host mirror.example.org',
    '    Port 2222',
    '    IdentitiesOnly yes',
    '```',
    'or, for every downstream, in `SSH_OPTS` in runmirrors.conf.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'options' || !entry.rest) continue;
      const analysis = analyzeSshOptions(entry.rest);
      const dropped = beforeComment(analysis.dropped, analysis);
      if (dropped.length === 0) continue;
      const first = dropped[0];
      const last = dropped[dropped.length - 1];
      const kept = keptText(entry.rest.value).kept.trim();
      report(
        { start: first.start, end: last.end },
        `runmirrors drops ${dropped.map((w) => show(w.value)).join(' ')}: only ${show(kept)} reaches ssh. Move the other options to ~/.ssh/config.`,
      );
    }
  },
});

import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';
import { analyzeSshOptions } from '../sshopts';

export const optionEatsCommand = defineRule<MirrorListFile>({
  code: 'mirrors/option-eats-command',
  severity: 'error',
  summary: "The last option ssh receives needs a value, so ssh takes runmirrors' sync command as that value.",
  docs: [
    'runmirrors appends the remote command (`sync:archive:… sync:all`) right after the options. When the',
    "options that survive runmirrors' splitting end in a flag that takes a value (`-p`, `-i`, `-o`, `-l`…),",
    'ssh uses the command as that value: `-p` fails ("Bad port"), `-i` makes the command a key file name and',
    'the downstream is triggered without any `sync:` arguments.',
    '',
    'Write the value right after the flag with one space (`-p 2222`) or attached (`-p2222`), and keep one',
    'option per line (see `mirrors/options-dropped`).',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'options' || !entry.rest) continue;
      const analysis = analyzeSshOptions(entry.rest);
      const eats = analysis.eatsCommand;
      if (eats)
        report(
          eats.token,
          `ssh receives \`-${eats.flag}\` without its value and takes runmirrors' sync command as it; the push is broken.`,
        );
      // `-p # port`: the comment's `#` is what ssh gets as the value (a `#` after -o is a comment to ssh too).
      const eatsComment =
        analysis.comment && analysis.options.find((o) => o.arg?.start === analysis.comment!.start && o.flag !== 'o');
      if (eatsComment)
        report(
          eatsComment.token,
          `ssh receives ${show(eatsComment.arg!.value)} as the value of \`-${eatsComment.flag}\`: a \`#\` does not start a comment here.`,
        );
    }
  },
});

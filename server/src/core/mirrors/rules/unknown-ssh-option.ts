import { meta, mirrors, show, type MirrorRule } from '../check';
import { analyzeSshOptions } from '../sshopts';

export const unknownSshOption: MirrorRule = {
  meta: meta('unknown-ssh-option', 'error', 'ssh does not know this option, or the word is not an option at all.', [
    'The words after the user are handed to ssh as options. An unknown flag makes ssh print its usage and',
    'exit 255; a word that does not start with `-` becomes ssh\'s host name and the real host becomes part',
    'of the remote command.',
    '',
    'Options worth using here: `-p port`, `-i keyfile`, `-4`/`-6`, `-o Key=Value`, `-F configfile`, `-J jump`.',
  ]),
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'options' || !entry.rest) continue;
      const analysis = analyzeSshOptions(entry.rest);
      for (const token of analysis.unknown) report(token, `ssh does not know option ${show(token.value)}; it prints its usage and the push fails.`);
      for (const token of analysis.strays) report(token, `${show(token.value)} is not an ssh option; ssh would take it as the host name.`);
    }
  },
};

import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors } from '../check';
import { analyzeSshOptions } from '../sshopts';

export const masterKeyWithIdentity = defineRule<MirrorListFile>({
  code: 'mirrors/master-key-with-identity',
  severity: 'warning',
  summary: 'With `-i` in the options runmirrors still offers the master key first; the downstream may accept that one.',
  docs: [
    'In the options form runmirrors keeps `-i KEYFILE` (the master key from runmirrors.conf) and adds your',
    "options after it, so ssh offers **both keys, the master key first**. If the downstream's",
    'authorized_keys accepts the master key, that key — and its `command=` — wins. The sample file warns',
    'about this ("There is currently no way around this").',
    '',
    'What helps:',
    '- if `-i key` is the only option, use the protocol form `2 /path/to/key`, which **replaces** the master key;',
    '- `IdentitiesOnly=yes` stops agent and default keys (`~/.ssh/id_*`) from being offered as well. It cannot',
    '  be added on this line (runmirrors keeps only one option, see `mirrors/options-dropped`): put it in',
    '  `SSH_OPTS` in runmirrors.conf or in a `Host` block of `~/.ssh/config`. It does not remove the master key;',
    '- make sure the downstream does not list the master key in its authorized_keys.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'options' || !entry.rest) continue;
      const analysis = analyzeSshOptions(entry.rest);
      const identity = analysis.options.find((o) => o.flag === 'i' && o.arg);
      if (!identity?.arg) continue;
      // `-i ~/.ssh/pushmirror` names the master key itself: the same key twice changes nothing.
      const setting = doc.settings?.keyFileSetting ?? '.ssh/pushmirror';
      const masterNames = [
        doc.settings?.keyFile,
        setting.startsWith('/') ? setting : `~/${setting.replace(/^\.\//, '')}`,
      ];
      if (masterNames.includes(identity.arg.value.replace(/\r$/, ''))) continue;
      const onlyIdentity = analysis.options.length === 1 && analysis.dropped.length === 0;
      const key = doc.settings?.keyFileSetting ?? '.ssh/pushmirror';
      report(
        identity.token,
        `runmirrors also passes the master key (${key}) before this -i; ssh offers it first, and if the downstream accepts it, this key is never used. IdentitiesOnly=yes (in SSH_OPTS or ~/.ssh/config) keeps agent keys out but not the master key.`,
        {
          fixes: onlyIdentity
            ? [
                {
                  title: `Use \`2 ${identity.arg.value}\`, which replaces the master key`,
                  edits: [{ start: entry.rest.start, end: entry.rest.end, newText: `2 ${identity.arg.value}` }],
                  preferred: true,
                },
              ]
            : [],
        },
      );
    }
  },
});

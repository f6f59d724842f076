import { meta, mirrors, type MirrorRule } from '../check';

export const protocolWithoutKey: MirrorRule = {
  meta: meta('protocol-without-key', 'warning', 'A protocol without a key file makes runmirrors drop the master key: ssh falls back to your default keys.', [
    'For `… User 2` runmirrors sets the key file to everything from the third character of that field,',
    'which is empty, and then passes **no `-i` at all**: not the configured KEYFILE (`~/.ssh/pushmirror`),',
    'but whatever ssh finds by default (`~/.ssh/id_*`, the agent). The sample file\'s first example does',
    'exactly this. Observed with ftpsync 20180513+nmu1 and a logging fake ssh.',
    '',
    'Leave the field out to use KEYFILE, or name the key: `2 /home/archvsync/.ssh/pushmirror`.',
  ]),
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'legacy' || !entry.protocol || !entry.keyFile || entry.keyFile.value.trim() !== '') continue;
      const key = doc.settings?.keyFileSetting ?? '.ssh/pushmirror';
      report(entry.rest ?? entry.protocol, `With only a protocol, runmirrors passes no -i: ssh uses your default keys instead of KEYFILE (${key}).`, {
        fixes: [
          { title: 'Remove the protocol so the master key (KEYFILE) is used', edits: [{ start: entry.user!.end, end: entry.rest!.end, newText: '' }], preferred: true },
          { title: `Name the key file: ${entry.protocol.value} ${doc.settings?.keyFile ?? key}`, edits: [{ start: entry.rest!.start, end: entry.rest!.end, newText: `${entry.protocol.value} ${doc.settings?.keyFile ?? key}` }] },
        ],
      });
    }
  },
};

import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors } from '../check';

/** The identity files OpenSSH 9.2 tries when no -i is given (ssh(1), -i). */
export const SSH_DEFAULT_IDENTITIES = [
  'id_rsa',
  'id_ecdsa',
  'id_ecdsa_sk',
  'id_ed25519',
  'id_ed25519_sk',
  'id_xmss',
  'id_dsa',
];

export const protocolWithoutKey = defineRule<MirrorListFile>({
  code: 'mirrors/protocol-without-key',
  severity: 'warning',
  summary: 'A protocol without a key file makes runmirrors drop the master key: ssh falls back to your default keys.',
  docs: [
    'For `… User 2` runmirrors sets the key file to everything from the third character of that field,',
    'which is empty, and then passes **no `-i` at all**: not the configured KEYFILE (`~/.ssh/pushmirror`),',
    "but whatever ssh finds by default (`~/.ssh/id_*`, the agent). The sample file's first example does",
    'exactly this. Observed with ftpsync 20180513+nmu1 and a logging fake ssh.',
    '',
    "Not reported when runmirrors.conf beside the list sets KEYFILE to one of ssh's default keys",
    '(`~/.ssh/id_rsa`, `id_ed25519`, …): ssh offers that key anyway.',
    '',
    'Leave the field out to use KEYFILE, or name the key: `2 /home/archvsync/.ssh/pushmirror`.',
  ],
  check(doc, report) {
    // ssh offers its default identities when no -i is given; when KEYFILE is one of them (in the
    // .ssh directory of a home, taken to be the pushing user's), nothing changes.
    const keyFile = doc.settings?.keyFile;
    if (keyFile && SSH_DEFAULT_IDENTITIES.some((name) => keyFile.endsWith(`/.ssh/${name}`))) return;
    for (const entry of mirrors(doc)) {
      // Something after the protocol that is no key file is mirrors/key-file-mangled.
      if (entry.restKind !== 'legacy' || !entry.protocol || !entry.keyFile || entry.keyRaw?.value !== '') continue;
      const key = doc.settings?.keyFileSetting ?? '.ssh/pushmirror';
      report(
        entry.rest ?? entry.protocol,
        `With only a protocol, runmirrors passes no -i: ssh uses your default keys instead of KEYFILE (${key}).`,
        {
          fixes: [
            {
              title: 'Remove the protocol so the master key (KEYFILE) is used',
              edits: [{ start: entry.user!.end, end: entry.rest!.end, newText: '' }],
              preferred: true,
            },
            {
              title: `Name the key file: ${entry.protocol.value} ${doc.settings?.keyFile ?? key}`,
              edits: [
                {
                  start: entry.rest!.start,
                  end: entry.rest!.end,
                  newText: `${entry.protocol.value} ${doc.settings?.keyFile ?? key}`,
                },
              ],
            },
          ],
        },
      );
    }
  },
});

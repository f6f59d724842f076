import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors } from '../check';
import { analyzeSshOptions, configOptions } from '../sshopts';

export const ignoredSshOption = defineRule<MirrorListFile>({
  code: 'mirrors/ignored-ssh-option',
  severity: 'warning',
  summary: 'This option is overridden by what runmirrors passes first (user, BatchMode, timeouts).',
  docs: [
    'runmirrors starts every ssh command with `-o user=USER -o BatchMode=yes -o ServerAliveInterval=45',
    '-o ConnectTimeout=45 -o PasswordAuthentication=no` and SSH_OPTS (default `-o StrictHostKeyChecking=no`).',
    'For ssh the first value of a setting wins, so `-l other`, `-o User=…` or a second `-o ConnectTimeout=…`',
    'on the line have no effect (OpenSSH 9.2, `ssh -G` observed). Repeating the value runmirrors already',
    "set (`-o BatchMode=yes`, `-l` with the User field's user) changes nothing and is not reported.",
    '',
    'Change the User field instead of `-l`; other settings belong in runmirrors.conf or ~/.ssh/config.',
  ],
  check(doc, report) {
    // What runmirrors passes before the line's options; ssh keeps the first value of each setting.
    const fixed = new Map<string, string>([
      ['batchmode', 'yes'],
      ['serveraliveinterval', '45'],
      ['connecttimeout', '45'],
      ['passwordauthentication', 'no'],
    ]);
    for (const m of (doc.settings?.sshOpts ?? '-o StrictHostKeyChecking=no').matchAll(
      /-o\s*([A-Za-z]+)(?:\s*=\s*|\s+)([^\s]*)/g,
    )) {
      if (!fixed.has(m[1].toLowerCase())) fixed.set(m[1].toLowerCase(), m[2]);
    }
    // ssh reads yes/no words case-insensitively, and `off` as `no`.
    const same = (a: string, b: string) =>
      a.replace(/\r$/, '').toLowerCase().replace(/^off$/, 'no') === b.toLowerCase().replace(/^off$/, 'no');
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'options' || !entry.rest) continue;
      const user = (entry.user?.value ?? '').replace(/\r$/, '');
      const { options } = analyzeSshOptions(entry.rest);
      for (const option of options) {
        // `-l archvsync` with User archvsync changes nothing and is no problem.
        if (option.flag === 'l' && option.arg && !same(option.arg.value, user)) {
          report(
            option.token,
            `-l is ignored: runmirrors already passes -o user=${user} and ssh keeps the first user. Change the User field instead.`,
            { unnecessary: true },
          );
        }
      }
      for (const { key, value, option } of configOptions(options)) {
        const first = key === 'user' ? user : fixed.get(key);
        if (first === undefined || same(value, first)) continue;
        report(
          option.arg ?? option.token,
          `-o ${option.arg?.value ?? ''} has no effect: runmirrors already set ${key} to ${first} before this option, and ssh keeps the first value.`,
          { unnecessary: true },
        );
      }
    }
  },
});

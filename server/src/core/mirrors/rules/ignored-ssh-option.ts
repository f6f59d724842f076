import { meta, mirrors, type MirrorRule } from '../check';
import { analyzeSshOptions, configOptions } from '../sshopts';

export const ignoredSshOption: MirrorRule = {
  meta: meta('ignored-ssh-option', 'warning', 'This option is overridden by what runmirrors passes first (user, BatchMode, timeouts).', [
    'runmirrors starts every ssh command with `-o user=USER -o BatchMode=yes -o ServerAliveInterval=45',
    '-o ConnectTimeout=45 -o PasswordAuthentication=no` and SSH_OPTS (default `-o StrictHostKeyChecking=no`).',
    'For ssh the first value of a setting wins, so `-l other`, `-o User=…` or a second `-o ConnectTimeout=…`',
    'on the line have no effect.',
    '',
    'Change the User field instead of `-l`; other settings belong in runmirrors.conf or ~/.ssh/config.',
  ]),
  check(doc, report) {
    const fixed = new Set(['user', 'batchmode', 'serveraliveinterval', 'connecttimeout', 'passwordauthentication']);
    for (const m of (doc.settings?.sshOpts ?? '-o StrictHostKeyChecking=no').matchAll(/-o\s*([A-Za-z]+)/g)) fixed.add(m[1].toLowerCase());
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'options' || !entry.rest) continue;
      const { options } = analyzeSshOptions(entry.rest);
      for (const option of options) {
        if (option.flag === 'l') report(option.token, `-l is ignored: runmirrors already passes -o user=${entry.user?.value ?? ''} and ssh keeps the first user. Change the User field instead.`, { unnecessary: true });
      }
      for (const { key, option } of configOptions(options)) {
        if (fixed.has(key)) report(option.arg ?? option.token, `-o ${option.arg?.value ?? ''} has no effect: runmirrors already set ${key} before this option, and ssh keeps the first value.`, { unnecessary: true });
      }
    }
  },
};

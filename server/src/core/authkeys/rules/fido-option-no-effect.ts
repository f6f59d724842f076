import { defineRule } from '../../rule';
import { cleanLines, isSecurityKey } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';

export const fidoOptionNoEffect = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/fido-option-no-effect',
  severity: 'information',
  summary: '`verify-required` / `touch-required` on a key that is not a FIDO (`sk-`) key has no effect.',
  docs: [
    '`verify-required`, `touch-required` and `no-touch-required` concern FIDO security keys (`sk-ssh-ed25519@openssh.com`,',
    '`sk-ecdsa-sha2-nistp256@openssh.com`). sshd accepts them on other keys, where they do nothing: an ed25519 key with',
    '`verify-required` logs in without any verification.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      const items = line.options?.items ?? [];
      if (!line.typeInfo || isSecurityKey(line) || items.some((i) => i.spec?.name === 'cert-authority')) continue;
      for (const item of items) {
        if (item.broken || (item.spec?.name !== 'verify-required' && item.spec?.name !== 'touch-required')) continue;
        report(
          item,
          `\`${item.text}\` has no effect on a ${line.typeInfo.label} key; it only applies to FIDO (sk-) keys.`,
          { unnecessary: true },
        );
      }
    }
  },
});

import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { closest } from '../../text';
import { AUTH_DIGESTS } from '../values';
import { isIgnored, paramsWithKey, quote } from './util';

export const badAuthDigest = defineRule<RsyncdDocument>({
  code: 'rsyncd/bad-auth-digest',
  severity: 'error',
  summary: '`auth digest` that this rsync does not support; every login to the module is refused.',
  docs: [
    '`auth digest` (new in 3.5.0) sets the weakest password digest a client may use. The Debian build knows `sha512`, `sha256`,',
    '`sha1`, `md5` and `md4` (any case). Any other value makes **every login fail** (`@ERROR: auth failed on module`), with the',
    'reason only in the daemon log.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const p of paramsWithKey(doc, 'authdigest')) {
      if (isIgnored(p) || p.value === '' || (AUTH_DIGESTS as readonly string[]).includes(p.value.toLowerCase()))
        continue;
      const near = closest(p.value.toLowerCase().replace(/[-_ ]/g, ''), AUTH_DIGESTS);
      report(
        p.valueSpan,
        `${quote(p.value)} is not a digest rsync supports (${AUTH_DIGESTS.join(', ')}): every login to the module is refused.`,
        {
          fixes: near
            .slice(0, 1)
            .map((d) => ({ title: `Change to \`${d}\``, preferred: true, edits: [{ ...p.valueSpan, newText: d }] })),
        },
      );
    }
  },
});

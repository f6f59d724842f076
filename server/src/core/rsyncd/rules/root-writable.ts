import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { expansion, placedReporter } from '../includes';
import {} from './util';
import { effectiveBool, isWritable } from './security';

export const rootWritable = defineRule<RsyncdDocument>({
  code: 'rsyncd/root-writable',
  severity: 'warning',
  summary: 'Writable module that runs transfers as root (`uid = root`) or without chroot (`use chroot = no`).',
  docs: [
    'Uploads to a module with `uid = root` (or `0`) write files as root; with `use chroot = no` a symlink or path trick can reach',
    'outside the module. On a writable module keep the default `uid` (`nobody` when the daemon runs as root) or a dedicated user, and keep chroot.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    const exp = expansion(doc, ctx);
    const at = placedReporter(exp, report);
    for (const m of exp.modules) {
      if (!isWritable(m)) continue;
      const uid = m.get('uid');
      if (uid && /^(root|0)$/.test(uid.value.trim())) {
        at(
          uid.inherited ? m.header : uid.entry,
          uid.inherited ? m.header.nameSpan : uid.entry.span,
          `writable module [${m.name}] transfers files as root.`,
        );
      }
      const chroot = m.get('usechroot');
      if (chroot && effectiveBool(m, 'usechroot', 'unset') === false) {
        at(
          chroot.inherited ? m.header : chroot.entry,
          chroot.inherited ? m.header.nameSpan : chroot.entry.span,
          `writable module [${m.name}] runs without chroot (\`use chroot = no\`).`,
        );
      }
    }
  },
});

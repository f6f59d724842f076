import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { crossCheck } from '../parser';

export const needsHost = defineRule<InventoryFile>({
  code: 'inventory/needs-host',
  severity: 'warning',
  summary: 'A downstream that is in no runmirrors.mirror list needs its own `host` and `user`.',
  docs: [
    'An entry whose name matches a ShortName in a runmirrors.mirror list of the workspace takes host and',
    'user from that line. Any other entry is a downstream of its own, and Push Mirror can only signal it',
    'with a `host` and a `user` (or `defaults.user`). Often the name is a typo of the ShortName.',
    '',
    'Checked only when the lists are known: a runmirrors.mirror file is open or in the workspace index.',
  ],
  check(doc, report) {
    if (!doc.listNames) return;
    for (const p of crossCheck(doc, doc.listNames)) report(p, p.message);
  },
});

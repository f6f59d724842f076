import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import { moveAboveFirstHeader, quote } from './util';

export const globalParameterInModule = defineRule<RsyncdDocument>({
  code: 'rsyncd/global-parameter-in-module',
  severity: 'error',
  summary: 'Global-only parameter inside a module section; rsync ignores it there.',
  docs: [
    'Eleven parameters are global only: `address`, `daemon chroot`, `daemon gid`, `daemon uid`, `listen backlog`, `motd file`,',
    '`pid file`, `port`, `proxy protocol`, `proxy protocol hosts` and `socket options`. Inside a `[module]` rsync logs',
    '`Global parameter X found in module section!` when a client connects and ignores the line. The man page lists five of them',
    'under MODULE PARAMETERS, which is how they end up there. Move the line above the first module or into a `[global]` section.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const p of docIndex(doc).globalInModule) {
      report(
        p.nameSpan,
        `${quote(p.info.name)} is a global parameter; in module [${p.section.name}] rsync ignores it ("Global parameter found in module section"). Move it above the first module.`,
        {
          fixes: moveAboveFirstHeader(doc, p, p.info.name),
        },
      );
    }
  },
});

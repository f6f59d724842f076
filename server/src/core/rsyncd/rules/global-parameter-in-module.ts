import { docIndex } from '../doc-index';
import { lineSpanWithBreak, quote, rsyncdRule } from './util';

export const globalParameterInModule = rsyncdRule(
  'global-parameter-in-module',
  'error',
  'Global-only parameter inside a module section; rsync ignores it there.',
  [
    'Eleven parameters are global only: `address`, `daemon chroot`, `daemon gid`, `daemon uid`, `listen backlog`, `motd file`,',
    '`pid file`, `port`, `proxy protocol`, `proxy protocol hosts` and `socket options`. Inside a `[module]` rsync logs',
    '`Global parameter X found in module section!` when a client connects and ignores the line. The man page lists five of them',
    'under MODULE PARAMETERS, which is how they end up there. Move the line above the first module or into a `[global]` section.',
  ],
  (doc, report) => {
    const firstHeader = doc.sections[1]?.header;
    for (const p of docIndex(doc).globalInModule) {
      const info = p.info;
      const section = p.section;
      const fixes = firstHeader
        ? [{
            title: `Move ${quote(info.name)} to the global part`,
            preferred: true,
            edits: [
              { start: firstHeader.span.start, end: firstHeader.span.start, newText: `${info.name} = ${p.value}\n` },
              { ...lineSpanWithBreak(doc, p.span), newText: '' },
            ],
          }]
        : [];
      report(p.nameSpan, `${quote(info.name)} is a global parameter; in module [${section.name}] rsync ignores it ("Global parameter found in module section"). Move it above the first module.`, { fixes });
    }
  },
);

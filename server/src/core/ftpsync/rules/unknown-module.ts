import { defineRule } from '../../rule';
import { effective, moduleName, type FtpsyncDoc } from '../model';
import { findModule, nearModule, upstreamConfs } from '../upstream';
import { quote, valueSpanOf } from './util';

export const unknownModule = defineRule<FtpsyncDoc>({
  code: 'ftpsync/unknown-module',
  severity: 'warning',
  summary: "RSYNC_PATH names a module the upstream's rsyncd.conf (in the workspace) does not have.",
  docs: [
    "Checked when the upstream's rsyncd.conf is in the workspace (one folder or multi-root). An rsyncd.conf with a module",
    "serving this config's own TO is this mirror's own daemon (a hub's), not its upstream, and is left out. rsync compares",
    'module names exactly, case included: a module missing there gives "@ERROR: Unknown module" on every run.',
  ],
  check(doc, report, ctx) {
    const path = effective(doc, 'RSYNC_PATH');
    const host = effective(doc, 'RSYNC_HOST');
    if (path.value === undefined || !host.value || effective(doc, 'RSYNC_SOURCE').value) return;
    const confs = upstreamConfs(doc, ctx);
    if (!confs.length) return;
    const name = moduleName(path.value);
    if (findModule(confs, name)) return;
    const near = nearModule(confs, name);
    const span = path.assignment ? valueSpanOf(path.assignment) : undefined;
    if (!span) return;
    const listed = [...new Set(confs.flatMap((c) => c.views.map((v) => v.name)))].slice(0, 8).join(', ');
    report(
      span,
      near
        ? `the upstream's module is ${quote(near.view.name)} (${near.conf.name}); rsync compares names exactly, so ${quote(name)} gets "Unknown module".`
        : `no rsyncd.conf in the workspace (${confs.map((c) => c.name).join(', ')}) has a module ${quote(name)}${listed ? `; it has ${listed}` : ''}. If that file is your upstream's, every run gets "@ERROR: Unknown module".`,
      near
        ? {
            fixes: [
              {
                title: `Write RSYNC_PATH=${near.view.name}`,
                preferred: true,
                edits: [{ ...span, newText: near.view.name }],
              },
            ],
          }
        : undefined,
    );
  },
});

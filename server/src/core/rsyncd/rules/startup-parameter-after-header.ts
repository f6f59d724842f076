import { defineRule } from '../../rule';
import { firstHeader, type RsyncdDocument } from '../parser';
import { moveAboveFirstHeader, paramsWithKey, quote } from './util';

/** Global parameters the daemon uses only from its startup read (clientserver.c daemon_main, start_accept_loop). */
const STARTUP_ONLY = ['port', 'address', 'listenbacklog', 'pidfile'];

export const startupParameterAfterHeader = defineRule<RsyncdDocument>({
  code: 'rsyncd/startup-parameter-after-header',
  severity: 'error',
  summary:
    '`port`, `address`, `listen backlog` or `pid file` after the first section header, even in `[global]`: the daemon never uses it.',
  docs: [
    'When the daemon starts it reads only the global part of the file, up to the first `[` header, and that read is the only one',
    'that sets the listening `port`, the bind `address`, the `listen backlog` and the `pid file`. A `[global]` section is read',
    'again on every connection, but by then the socket is open and the PID written. Observed with rsync 3.5.0: `port = 18873`',
    'inside `[global]` left the daemon listening on 873; a `pid file` there was never created. Put these lines above the first',
    'header. (`--port` and `--address` on the command line override the file either way.)',
  ],
  scope: 'section',
  check: (doc, report) => {
    const first = firstHeader(doc);
    if (!first) return;
    for (const key of STARTUP_ONLY) {
      for (const p of paramsWithKey(doc, key)) {
        // Lines in modules are reported by global-parameter-in-module; lines before the first header are read.
        if (!p.section.isGlobal || p.section.beforeFirstHeader) continue;
        const name = p.info!.name;
        report(
          p.nameSpan,
          `${quote(name)} is used only from the daemon's startup read, which stops at the first header (${quote(`[${first.name}]`)}): here it has no effect. Move it above the first header.`,
          {
            fixes: moveAboveFirstHeader(doc, p, name),
          },
        );
      }
    }
  },
});

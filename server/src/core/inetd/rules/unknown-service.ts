import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { protocolName } from '../parser';
import { findService, lookupProtocol, numericPort, SERVICES_FILE } from '../services';
import { hostServices, show } from './util';

export const unknownService = defineRule<InetdDocument>({
  code: 'inetd/unknown-service',
  severity: 'error',
  summary:
    'A service name /etc/services does not list for the protocol: inetd logs "unknown service" and skips the line.',
  docs: [
    'inetd turns the service name into a port with getservbyname(3), asking for the protocol field without its',
    'digits (`tcp6` → `tcp`). When /etc/services has no such line, inetd logs "rsyncd/tcp: unknown service" and',
    'never listens for it. A number (`873`) is used as the port as it is.',
    '',
    "The seed adds `rsync 873/tcp` to /etc/services (Debian's netbase already has it) and names the service",
    "`rsync`. Checked against this machine's /etc/services when `pushMirror.checkFileSystem` is on.",
  ],
  check(doc, report, ctx) {
    if (!ctx.host) return;
    const services = hostServices(ctx.host);
    if (!services) return;
    for (const entry of doc.entries) {
      const proto = protocolName(entry);
      if (!entry.server || !proto || proto === 'unix' || proto.startsWith('rpc/')) continue;
      const name = entry.service.value;
      if (numericPort(name) !== undefined || findService(services, name, proto)) continue;
      const lookup = lookupProtocol(proto);
      // Reported lines only (rare): a scan is fine here.
      const other = services.find((s) => s.name === name || s.aliases.includes(name));
      const hint = other
        ? ` ${SERVICES_FILE} lists it for ${other.protocol} only.`
        : name === 'rsyncd'
          ? ' The service is called `rsync` (873/tcp).'
          : '';
      report(
        entry.service,
        `${show(name)} is not in ${SERVICES_FILE} for ${lookup}: inetd logs "${name}/${proto}: unknown service" and never listens for it.${hint}`,
        {
          fixes:
            name === 'rsyncd' && findService(services, 'rsync', proto)
              ? [{ title: 'Change to `rsync`', preferred: true, edits: [{ ...entry.service, newText: 'rsync' }] }]
              : [],
        },
      );
    }
  },
});

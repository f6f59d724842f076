import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { parseBool } from '../values';
import { paramsWithKey } from './util';

export const proxyProtocolWithoutHosts = defineRule<RsyncdDocument>({
  code: 'rsyncd/proxy-protocol-without-hosts',
  severity: 'error',
  summary: '`proxy protocol = yes` without `proxy protocol hosts`; every connection is rejected.',
  docs: [
    'With `proxy protocol` on and no `proxy protocol hosts`, rsync warns at startup and **rejects every connection**. Name the proxies.',
  ],
  scope: 'section',
  check: (doc, report) => {
    const on = paramsWithKey(doc, 'proxyprotocol').filter(
      (p) => p.section.isGlobal && parseBool(p.value, false) === true,
    );
    if (!on.length || paramsWithKey(doc, 'proxyprotocolhosts').some((p) => p.section.isGlobal && p.value !== ''))
      return;
    report(
      on[on.length - 1].span,
      '`proxy protocol = yes` without `proxy protocol hosts`: the daemon rejects every connection.',
    );
  },
});

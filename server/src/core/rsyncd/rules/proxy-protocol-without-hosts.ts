import { parseBool } from '../values';
import { paramsWithKey, rsyncdRule } from './util';

export const proxyProtocolWithoutHosts = rsyncdRule(
  'proxy-protocol-without-hosts',
  'error',
  '`proxy protocol = yes` without `proxy protocol hosts`; every connection is rejected.',
  [
    'With `proxy protocol` on and no `proxy protocol hosts`, rsync warns at startup and **rejects every connection**. Name the proxies.',
  ],
  (doc, report) => {
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
);

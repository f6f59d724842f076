import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { closest } from '../../text';
import { SOCKET_OPTIONS } from '../values';
import { isIgnored, paramsWithKey, quote, tokens } from './util';

const NAMES = Object.keys(SOCKET_OPTIONS);

export const badSocketOption = defineRule<RsyncdDocument>({
  code: 'rsyncd/bad-socket-option',
  severity: 'warning',
  summary:
    'Unknown `socket options` name (rsync skips it), or a value on an option that takes none (logged as an error).',
  docs: [
    'Items are separated by spaces, tabs or commas; each is `NAME` or `NAME=int`. Names are **case-sensitive**:',
    '`SO_KEEPALIVE SO_REUSEADDR SO_BROADCAST TCP_NODELAY IPTOS_LOWDELAY IPTOS_THROUGHPUT SO_SNDBUF SO_RCVBUF SO_SNDLOWAT SO_RCVLOWAT SO_SNDTIMEO SO_RCVTIMEO`.',
    'An unknown name is logged as `Unknown socket option` and skipped; `IPTOS_*=n` is logged as "does not take a value" (socket.c',
    'then sets the option anyway, so the line is a logged error rather than a lost setting).',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const p of paramsWithKey(doc, 'socketoptions')) {
      if (isIgnored(p)) continue;
      for (const t of tokens(p, ' \t,')) {
        const eq = t.text.indexOf('=');
        const name = eq < 0 ? t.text : t.text.slice(0, eq);
        const known = SOCKET_OPTIONS[name];
        const nameSpan = { start: t.start, end: t.start + name.length };
        if (!known) {
          const near =
            NAMES.find((n) => n.toLowerCase() === name.toLowerCase()) ?? closest(name.toUpperCase(), NAMES)[0];
          report(
            nameSpan,
            `unknown socket option ${quote(name)}${near ? `; did you mean ${quote(near)}?` : ''} rsync logs it and skips it.`,
            {
              fixes: near
                ? [{ title: `Change to \`${near}\``, preferred: true, edits: [{ ...nameSpan, newText: near }] }]
                : [],
            },
          );
        } else if (!known.valued && eq >= 0) {
          // socket.c logs "syntax error -- X does not take a value" and then sets the option anyway.
          report(
            t,
            `${quote(name)} does not take a value: rsync logs a syntax error for ${quote(t.text)} (and sets ${quote(name)} anyway).`,
            {
              fixes: [
                { title: `Remove \`${t.text.slice(eq)}\``, edits: [{ start: nameSpan.end, end: t.end, newText: '' }] },
              ],
            },
          );
        }
      }
    }
  },
});

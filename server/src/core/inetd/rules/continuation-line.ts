import { defineRule } from '../../rule';
import { readTwice, type InetdDocument, type InetdEntry } from '../parser';
import { show } from './util';

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** Index of the server program among the fields (the service is 0). */
const SERVER_FIELD = 5;

function ipv6Effect(entry: InetdEntry): string {
  if (entry.fieldsOnFirstLine <= SERVER_FIELD)
    return 'its IPv6 line ends before the server program: a syntax error, so nothing listens on IPv6';
  const argv = entry.fields.slice(SERVER_FIELD + 1, entry.fieldsOnFirstLine).map((w) => w.value);
  const program = entry.server?.value ?? '';
  const shown = argv.length ? argv.join(' ') : program.slice(program.lastIndexOf('/') + 1);
  return `over IPv6 the program runs as ${show(shown)}, without the arguments on the indented lines`;
}

export const continuationLine = defineRule<InetdDocument>({
  code: 'inetd/continuation-line',
  severity: 'error',
  summary: "An entry continued on indented lines: Debian's inetd reads the continuation for IPv4 only.",
  docs: [
    "A line that starts with a space or tab continues the entry above it (inetd.c, skip()). Debian's",
    'openbsd-inetd reads a `tcp` or `udp` entry twice, for IPv4 and IPv6, but the IPv6 pass re-reads only a copy',
    "of the entry's first line. The IPv6 listener then runs the program without the arguments on the indented",
    'lines (or not at all when the server program is on them). Observed with openbsd-inetd 0.20221205-2~deb12u1:',
    '`rsync stream tcp nowait root /usr/bin/rsync` + an indented `rsyncd --daemon` serves IPv4 clients, while an',
    "IPv6 client gets rsync's version text instead of the daemon.",
    '',
    'Write each entry on one line, or use `tcp4`/`tcp6` entries, which are read once.',
  ],
  check(doc, report) {
    const text = doc.text;
    for (const entry of doc.entries) {
      // An IPv4 address has no IPv6 pass to lose anything in (inetd cannot resolve it for IPv6).
      if (!entry.continuations.length || !readTwice(entry) || !entry.server || IPV4.test(entry.listenHost)) continue;
      // An indented `# …` line is inetd/indented-comment's; its fix (the `#` to column 1) ends the continuation.
      const lines = entry.continuations.filter((c) => text.slice(c.span.start, c.span.end).trimStart()[0] !== '#');
      if (!lines.length) continue;
      // The first line ends before the protocol: inetd/endless-loop reports the worse effect.
      if (entry.fieldsOnFirstLine < 3) continue;
      const edits = lines.map((c) => {
        let end = c.span.start;
        while (end < c.span.end && /[ \t]/.test(text[end])) end++;
        const lineBreak = text[c.span.start - 2] === '\r' ? c.span.start - 2 : c.span.start - 1;
        return { start: lineBreak, end, newText: ' ' };
      });
      for (const c of lines)
        report(c.span, `this indented line continues line ${entry.line + 1} for IPv4 only: ${ipv6Effect(entry)}.`, {
          fixes: [{ title: 'Join the entry onto one line', preferred: true, edits }],
        });
    }
  },
});

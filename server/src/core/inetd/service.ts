import { cachedParser } from '../parse-cache';
import { runRules } from '../rule';
import type { CompletionEntry, DocumentSymbolInfo, HoverInfo, LanguageService, LinkInfo } from '../service';
import type { CheckContext, Span } from '../types';
import { parseInetdConf, protocolName, readTwice, waitMode, type InetdEntry } from './parser';
import { DEFAULT_RSYNCD_CONF, rsyncInvocation } from './rsync';
import { INETD_RULES } from './rules';
import { hostServices } from './rules/util';
import { findService, numericPort, SERVICES_FILE } from './services';

// The inetd-conf language: /etc/inetd.conf, where the seed starts the rsync daemon
// (`rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon`).

const parseCached = cachedParser(parseInetdConf);

/** The seed's line, offered at the start of a line. */
export const SEED_RSYNC_LINE = 'rsync\tstream\ttcp\tnowait\troot\t/usr/bin/rsync\trsyncd --daemon';

const FIELD_DOCS = {
  socketType: '**socket type**: `stream` (TCP) or `dgram` (UDP); inetd knows no other. rsync needs `stream`.',
  protocol:
    "**protocol**: `tcp` or `udp` listen on IPv4 and IPv6 (Debian's inetd reads the line twice), `tcp4`/`tcp6` on one family only; `,rcvbuf=N`/`,sndbuf=N` set buffer sizes.",
  wait: '**wait/nowait**: `nowait` hands each accepted connection to a new process (what rsync needs); `wait` hands over the listening socket and waits for the program to exit. `.N` allows N starts a minute (default 256).',
  user: '**user**: who the program runs as, optionally `.group` or `:group`. The rsync daemon runs as root so it can use `uid`/`gid` and chroot per module.',
};

const inside = (span: Span | undefined, offset: number): span is Span =>
  span !== undefined && offset >= span.start && offset <= span.end;

function serviceHover(entry: InetdEntry, ctx: CheckContext): string {
  const name = entry.service.value;
  const proto = protocolName(entry) ?? 'tcp';
  const families = readTwice(entry) ? 'IPv4 and IPv6' : proto.endsWith('6') ? 'IPv6' : 'IPv4';
  const where = entry.listenHost === '*' ? 'all addresses' : `\`${entry.listenHost}\``;
  const port = numericPort(name);
  let portText: string;
  if (port !== undefined) portText = `port ${port}`;
  else {
    const found = ctx.host ? findService(hostServices(ctx.host) ?? [], name, proto) : undefined;
    portText = found
      ? `port ${found.port}/${found.protocol} (${SERVICES_FILE}, line ${found.line + 1})`
      : `the port ${SERVICES_FILE} gives \`${name}\``;
  }
  return `**${name}**: inetd listens on ${portText}, ${where}, ${families}.`;
}

function programHover(entry: InetdEntry): string {
  const rsync = rsyncInvocation(entry);
  const server = entry.server?.value.replace(/\r$/, '') ?? '';
  const argv = entry.args.map((a) => a.value.replace(/\r$/, ''));
  const shownArgv = argv.length ? argv : [server.slice(server.lastIndexOf('/') + 1)];
  const runs = `For each connection (${waitMode(entry) === 'wait' ? 'wait' : 'nowait'}), inetd runs \`${server}\` as \`${shownArgv.join(' ')}\`${entry.user ? ` as user \`${entry.user.value}\`` : ''}, with the connection on standard input and output.`;
  if (!rsync) return runs;
  const daemon = rsync.daemon
    ? `rsync serves that one connection as a daemon and reads \`${rsync.configPath}\`${rsync.config ? '' : ` (the default; \`--config=FILE\` picks another)`}.`
    : 'Without `--daemon` rsync does not serve the client.';
  return `${runs}\n\n${daemon}`;
}

function entryAt(entries: readonly InetdEntry[], offset: number): InetdEntry | undefined {
  return entries.find((e) => offset >= e.span.start && offset <= e.span.end);
}

/** Which field (0 = service) the cursor is in, counting the words before it on its entry. */
function fieldIndexAt(text: string, offset: number): { index: number; range: Span } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (text[lineStart] === '#') return undefined;
  const before = text.slice(lineStart, offset);
  // Indented lines continue an entry; offer completions on the first line of an entry only.
  if (/^[ \t]/.test(before)) return undefined;
  const words = before.split(/[ \t]+/);
  const current = words[words.length - 1];
  return { index: words.length - 1, range: { start: offset - current.length, end: offset } };
}

const VALUES: Record<number, CompletionEntry[]> = {
  1: [
    { label: 'stream', kind: 'enum', detail: 'TCP', documentation: FIELD_DOCS.socketType },
    { label: 'dgram', kind: 'enum', detail: 'UDP', documentation: FIELD_DOCS.socketType },
  ],
  2: ['tcp', 'tcp4', 'tcp6', 'udp', 'udp4', 'udp6'].map((label) => ({
    label,
    kind: 'enum' as const,
    documentation: FIELD_DOCS.protocol,
  })),
  3: [
    { label: 'nowait', kind: 'enum', detail: 'one process per connection', documentation: FIELD_DOCS.wait },
    { label: 'wait', kind: 'enum', detail: 'the program accepts', documentation: FIELD_DOCS.wait },
  ],
  4: [{ label: 'root', kind: 'value', documentation: FIELD_DOCS.user }],
  5: [
    { label: '/usr/bin/rsync', kind: 'file', detail: "Debian's rsync" },
    { label: '/usr/sbin/tcpd', kind: 'file', detail: 'TCP wrappers: hosts.allow/hosts.deny, then the program' },
    { label: 'internal', kind: 'keyword', detail: 'a service inetd provides itself (echo, discard, daytime…)' },
  ],
};

export const inetdService: LanguageService = {
  id: 'inetd-conf',
  rules: INETD_RULES.map((r) => r.meta),

  validate(text, ctx, options) {
    return runRules(INETD_RULES, parseCached(text), ctx, options?.levels);
  },

  hover(text, offset, ctx): HoverInfo | undefined {
    const entry = entryAt(parseCached(text).entries, offset);
    if (!entry) return undefined;
    const at = (span: Span | undefined, markdown: string): HoverInfo | undefined =>
      inside(span, offset) ? { start: span.start, end: span.end, markdown } : undefined;
    const programSpan = entry.server && {
      start: entry.server.start,
      end: entry.args.length ? entry.args[entry.args.length - 1].end : entry.server.end,
    };
    return (
      at(entry.host, `**listen address**: \`${entry.listenHost}\` (\`*\` is every address).`) ??
      at(entry.service, serviceHover(entry, ctx)) ??
      at(entry.socketType, FIELD_DOCS.socketType) ??
      at(entry.protocol, FIELD_DOCS.protocol) ??
      at(entry.wait, FIELD_DOCS.wait) ??
      at(entry.user, FIELD_DOCS.user) ??
      at(programSpan, programHover(entry))
    );
  },

  complete(text, offset): CompletionEntry[] {
    const at = fieldIndexAt(text, offset);
    if (!at) return [];
    if (at.index === 0)
      return [
        {
          label: "rsync (the seed's line)",
          kind: 'snippet',
          detail: 'rsync daemon started by inetd',
          documentation: `\`${SEED_RSYNC_LINE.replace(/\t/g, ' ')}\`: rsync's daemon for each connection on port 873 (\`rsync 873/tcp\` in /etc/services), reading ${DEFAULT_RSYNCD_CONF}.`,
          insertText: SEED_RSYNC_LINE,
          filterText: 'rsync',
          range: at.range,
        },
      ];
    return (VALUES[at.index] ?? []).map((c) => ({ ...c, range: at.range }));
  },

  symbols(text): DocumentSymbolInfo[] {
    const doc = parseCached(text);
    return doc.entries.map((entry) => {
      const program = entry.server?.value.replace(/\r$/, '');
      const detail = [entry.socketType?.value, protocolName(entry), program].filter(Boolean).join(' ');
      return {
        name: entry.host ? `${entry.listenHost}:${entry.service.value}` : entry.service.value,
        ...(detail ? { detail } : {}),
        kind: 'event',
        start: entry.span.start,
        end: entry.span.end,
        selection: entry.service,
      };
    });
  },

  links(text): LinkInfo[] {
    const links: LinkInfo[] = [];
    for (const entry of parseCached(text).entries) {
      const rsync = rsyncInvocation(entry);
      const value = rsync?.config?.value;
      if (value && value.value)
        links.push({
          start: value.start,
          end: value.end,
          target: rsync.configPath,
          tooltip: 'the rsyncd.conf this daemon reads',
        });
    }
    return links;
  },
};

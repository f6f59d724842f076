import type { CompletionEntry, DocumentSymbolInfo, FoldingInfo, HoverInfo } from '../service';
import { effectiveOptions } from './analysis';
import { CANONICAL_KEY_TYPES, keygenLine, KEY_TYPES } from './keyblob';
import { OPTIONS } from './options';
import type { AuthorizedKeysDocument, KeyLine } from './parser';

// Hover, completion, symbols and folding for authorized_keys, as plain data over offsets.

const inside = (offset: number, span: { start: number; end: number }) => offset >= span.start && offset <= span.end;

export function hover(doc: AuthorizedKeysDocument, offset: number): HoverInfo | undefined {
  const line = doc.lines.find((l) => inside(offset, l));
  if (!line) return undefined;
  const item = line.options?.items.find((i) => inside(offset, i) && i.spec && !i.broken);
  if (item?.spec) {
    const spelled = item.negated ? `no-${item.spec.name}` : item.spec.name;
    const value = item.value !== undefined ? `\n\nValue as sshd reads it: \`${item.value.replace(/`/g, "'")}\`` : '';
    return { start: item.start, end: item.end, markdown: `**${spelled}**\n\n${item.spec.docs}${value}` };
  }
  const keyParts = [line.keyType, line.blob, line.comment].filter((t) => !!t);
  const part = keyParts.find((t) => inside(offset, t));
  if (!part) return undefined;
  return { start: part.start, end: part.end, markdown: keyMarkdown(line) };
}

/** ssh-keygen -lf shows a line's options as its comment when it has no comment of its own. */
export function keygenComment(line: KeyLine): string | undefined {
  return line.comment?.text ?? line.options?.text;
}

/** What `ssh-keygen -lf` says about the key, and what sshd lets it do. */
export function keyMarkdown(line: KeyLine): string {
  const out: string[] = [];
  if (line.decoded?.ok) {
    const key = line.decoded.key;
    out.push(`**${key.type.label}** key, ${key.bits} bits`, '', '```', keygenLine(key, keygenComment(line)), '```');
    if (key.cert) {
      const principals = key.cert.principals.length ? key.cert.principals.join(', ') : 'any';
      out.push(
        '',
        `Certificate \`${key.cert.keyId}\` (${key.cert.certType === 1 ? 'user' : 'host'}), serial ${key.cert.serial}, principals: ${principals}.`,
      );
    }
  } else {
    const type = line.keyType ? KEY_TYPES.get(line.keyType.text) : undefined;
    out.push(
      `**${type?.label ?? line.keyType?.text ?? 'key'}**: ${line.decoded && !line.decoded.ok ? `unreadable (${line.decoded.reason})` : 'no key data'}`,
    );
  }
  const e = effectiveOptions(line);
  const allowed = [
    e.portForwarding && 'port forwarding',
    e.agentForwarding && 'agent forwarding',
    e.x11Forwarding && 'X11 forwarding',
    e.pty && 'pty',
    e.userRc && '~/.ssh/rc',
  ].filter(Boolean);
  out.push(
    '',
    e.command
      ? `Forced command: \`${(e.command.value ?? '').replace(/`/g, "'")}\` (the client's command is in \`SSH_ORIGINAL_COMMAND\`).`
      : 'No forced command: **full shell**.',
  );
  // Markdown joins adjacent lines into one paragraph: a blank line keeps each fact on its own.
  out.push('', allowed.length ? `Still allowed: ${allowed.join(', ')}.` : 'Forwarding, pty and ~/.ssh/rc: all off.');
  if (e.from?.value !== undefined) out.push('', `Only from: \`${e.from.value}\`.`);
  return out.join('\n');
}

export function complete(doc: AuthorizedKeysDocument, offset: number): CompletionEntry[] {
  const text = doc.text;
  // lastIndexOf with a negative start still looks at index 0, so offset 0 needs its own case.
  const lineStart = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  const before = text.slice(lineStart, offset);
  if (/^\s*#/.test(before)) return [];
  const line = doc.lines.find((l) => inside(offset, l));
  // Inside a quoted value: nothing to offer (commands and addresses are the user's).
  if ((before.replace(/\\"/g, '').match(/"/g)?.length ?? 0) % 2 === 1) return [];
  const wordStart =
    lineStart + Math.max(before.lastIndexOf(','), before.lastIndexOf(' '), before.lastIndexOf('\t')) + 1;
  const range = { start: wordStart, end: offset };
  const inOptions = line?.options && offset <= line.options.span.end;
  const atFirstWord = !/\S\s/.test(before) && !before.includes(',');
  const afterOptions = line?.options && !inOptions && (!line.keyType || offset <= line.keyType.end);
  const entries: CompletionEntry[] = [];
  if (inOptions || atFirstWord || !line) entries.push(...optionEntries(range));
  if (afterOptions || atFirstWord || !line) entries.push(...keyTypeEntries(range));
  if (!line && before.trim() === '') {
    entries.push({
      label: 'push trigger line',
      kind: 'snippet',
      detail: 'restrict,command="…",from="…" <key>',
      documentation:
        "The recommended line for an upstream's trigger key: only the sync command, only from the upstream.",
      insertText: 'restrict,command="${1:~/bin/ftpsync}",from="${2:192.0.2.10}" ${3:ssh-ed25519 AAAA… upstream}',
      snippet: true,
      range,
      sortText: '0',
    });
  }
  return entries;
}

function optionEntries(range: { start: number; end: number }): CompletionEntry[] {
  return OPTIONS.flatMap((o): CompletionEntry[] => {
    if (o.kind === 'value')
      return [
        {
          label: o.name,
          kind: 'property',
          detail: `${o.name}="…"`,
          documentation: o.docs,
          insertText: o.template,
          snippet: true,
          range,
          sortText: `1${o.name}`,
        },
      ];
    const plain: CompletionEntry = {
      label: o.name,
      kind: 'keyword',
      documentation: o.docs,
      range,
      sortText: o.name === 'restrict' ? '0' : `2${o.name}`,
    };
    if (!o.negatable) return [plain];
    const neg = `no-${o.name === 'x11-forwarding' ? 'X11-forwarding' : o.name}`;
    return [{ label: neg, kind: 'keyword', documentation: o.docs, range, sortText: `1${neg}` }, plain];
  });
}

function keyTypeEntries(range: { start: number; end: number }): CompletionEntry[] {
  return CANONICAL_KEY_TYPES.map((t, i) => ({ label: t, kind: 'enum', detail: 'key type', range, sortText: `3${i}` }));
}

export function symbols(doc: AuthorizedKeysDocument): DocumentSymbolInfo[] {
  return doc.lines.map((line) => {
    const key = line.decoded?.ok ? line.decoded.key : undefined;
    const comment = line.comment?.text;
    const command = effectiveOptions(line).command?.value;
    const name = key
      ? `${comment ?? 'no comment'} ${key.fingerprint}`
      : `${comment ?? `line ${line.line + 1}`} (unreadable key)`;
    const detail = [
      key?.type.label ?? line.keyType?.text,
      command !== undefined ? `command="${command}"` : 'full shell',
    ]
      .filter(Boolean)
      .join(' · ');
    const selection = line.comment ?? line.blob ?? line.keyType ?? line;
    return {
      start: line.start,
      end: line.end,
      name,
      detail,
      kind: 'key',
      selection: { start: selection.start, end: selection.end },
    };
  });
}

/** Runs of two or more comment lines fold. */
export function folding(doc: AuthorizedKeysDocument): FoldingInfo[] {
  const out: FoldingInfo[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length > 1) out.push({ startLine: run[0], endLine: run[run.length - 1], kind: 'comment' });
    run = [];
  };
  for (const c of doc.comments) {
    if (run.length && c.line !== run[run.length - 1] + 1) flush();
    run.push(c.line);
  }
  flush();
  return out;
}

import type { Fix, Span } from '../types';
import { closest, splitLines } from '../text';
import { decodeKey, KEY_TYPES, CANONICAL_KEY_TYPES, type DecodeResult, type KeyTypeInfo } from './keyblob';
import { foreignBlock } from './foreign';
import { OPTIONS, OPTION_WORDS, optionByName, type OptionSpec } from './options';

// authorized_keys as sshd 9.2p1 reads it (auth2-pubkeyfile.c, auth-options.c, misc.c): every line on
// its own, `[options] keytype base64 [comment]`. The options end at the first space or tab outside
// double quotes; items are matched by case-insensitive prefix, in sshd's order, and anything sshd
// would stop at is kept as an issue with the span that explains it. The parser never throws.

export interface Token extends Span {
  text: string;
}

export interface KeyOption extends Span {
  /** The item as written, `NO-PTY` or `command="…"`. */
  text: string;
  /** The option sshd recognises at this position; undefined for an unknown item. */
  spec?: OptionSpec;
  /** Span of the name (with its `no-` prefix). */
  nameSpan: Span;
  negated: boolean;
  /** Value options: the text between the quotes with `\"` turned into `"` (sshd's opt_dequote). */
  value?: string;
  /** Span of the raw text between the quotes. */
  valueSpan?: Span;
  /** sshd stops at this item: unknown, unquoted or unterminated. Rules skip its value checks. */
  broken?: boolean;
}

export interface LineIssue extends Span {
  /** The rule that reports it (`unknown-option`, …). */
  rule: string;
  message: string;
  fixes?: Fix[];
}

export interface KeyLine extends Span {
  /** Zero-based line number. */
  line: number;
  options?: { span: Span; items: KeyOption[]; text: string };
  keyType?: Token;
  /** The type named on the line, when sshd knows it. */
  typeInfo?: KeyTypeInfo;
  blob?: Token;
  decoded?: DecodeResult;
  comment?: Token;
  issues: LineIssue[];
  /** The base64 was wrapped: it continues at the start of the next line (span of that part). */
  wrapped?: Span;
}

export interface AuthorizedKeysDocument {
  text: string;
  /** Lines that are neither blank nor comments. */
  lines: KeyLine[];
  /** `#` comment lines, for folding. */
  comments: { line: number; span: Span }[];
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

const BOM = '\ufeff';

export function parseAuthorizedKeys(text: string): AuthorizedKeysDocument {
  const doc: AuthorizedKeysDocument = { text, lines: [], comments: [] };
  const physical = splitLines(text);
  const texts = physical.map((pl) => ({ text: text.slice(pl.start, pl.end) }));
  for (let n = 0; n < physical.length; n++) {
    const pl = physical[n];
    // A byte order mark (Notepad's UTF-8) is not white space to sshd: it is part of the first word.
    const bom = pl.start === 0 && text.startsWith(BOM);
    let p = bom ? 1 : pl.start;
    while (p < pl.end && isBlank(text[p])) p++;
    if (p >= pl.end) continue;
    if (text[p] === '#') {
      // sshd does not see a comment behind a BOM, but such a line holds no key either: harmless.
      doc.comments.push({ line: pl.line, span: { start: p, end: pl.end } });
      continue;
    }
    const block = foreignBlock(texts, n);
    if (block) {
      const last = physical[block.lastLine];
      const line: KeyLine = { line: pl.line, start: p, end: last.end, issues: [] };
      if (block.decoded) line.decoded = block.decoded;
      line.issues.push({
        rule: 'not-openssh-key',
        start: p,
        end: last.end,
        message: block.message,
        fixes: block.fix
          ? [
              {
                title: block.fix.title,
                preferred: block.fix.preferred,
                edits: [{ start: p, end: last.end, newText: block.fix.newText }],
              },
            ]
          : undefined,
      });
      doc.lines.push(line);
      n = block.lastLine;
      continue;
    }
    const line = parseLineAt(text, p, pl.end, pl.line);
    const next = physical[n + 1];
    if (next && wrappedKey(text, line, next)) {
      // The continuation is part of this line's problem, not a line of its own.
      n++;
      line.end = next.end;
    } else if (next && (line.options || line.keyType) && line.issues.some((i) => i.rule === 'missing-key')) {
      joinWithNext(text, line, next);
    }
    if (bom) {
      line.issues.unshift({
        rule: 'byte-order-mark',
        start: 0,
        end: 1,
        message:
          'The file starts with a byte order mark (U+FEFF, as Notepad saves UTF-8): sshd reads it as part of the first word, so it cannot read this line and skips it. Save the file without BOM.',
        fixes: [{ title: 'Remove the byte order mark', preferred: true, edits: [{ start: 0, end: 1, newText: '' }] }],
      });
    }
    doc.lines.push(line);
  }
  return doc;
}

/**
 * A key cut in two by a wrapping editor or mail program: this line's base64 does not decode, but it
 * does when the first word of the next line is appended.
 */
function wrappedKey(text: string, line: KeyLine, next: { start: number; end: number }): boolean {
  if (!line.blob || !line.typeInfo || line.decoded?.ok !== false || line.comment || line.issues.length) return false;
  const start = skipBlanks(text, next.start, next.end);
  const end = wordEnd(text, start, next.end);
  const word = text.slice(start, end);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(word)) return false;
  const joined = decodeKey(line.blob.text + word);
  if (!joined.ok || joined.key.type.plain !== line.typeInfo.plain) return false;
  line.wrapped = { start, end };
  line.decoded = {
    ok: false,
    reason: `the key continues on the next line (an editor or mail program wrapped it), and sshd reads each line on its own`,
  };
  const comment = skipBlanks(text, end, next.end);
  if (comment < next.end) line.comment = { start: comment, end: next.end, text: text.slice(comment, next.end) };
  return true;
}

/** Options or a key type without a key, and a next line: offer to join them (a wrapped line). */
function joinWithNext(text: string, line: KeyLine, next: { start: number; end: number }): void {
  const issue = line.issues.find((i) => i.rule === 'missing-key')!;
  const nextStart = skipBlanks(text, next.start, next.end);
  if (nextStart >= next.end || text[nextStart] === '#') return;
  const glue = text[line.end - 1] === ',' ? '' : ' ';
  issue.message += ` If line ${line.line + 2} continues it (a wrapped line), join them: sshd reads every line on its own${line.options && !line.keyType ? ', so a key on the next line gets none of these options' : ''}.`;
  issue.fixes = [
    {
      title: `Join with line ${line.line + 2}`,
      preferred: true,
      edits: [{ start: line.end, end: nextStart, newText: glue }],
    },
  ];
}

/** Parses one authorized_keys line (no line break); offsets are relative to `line`. */
export function parseAuthorizedKeysLine(line: string): KeyLine | undefined {
  const end = line.replace(/[\r\n]+$/, '').length;
  let p = 0;
  while (p < end && isBlank(line[p])) p++;
  if (p >= end || line[p] === '#') return undefined;
  return parseLineAt(line, p, end, 0);
}

function wordEnd(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && !isBlank(text[i])) i++;
  return i;
}

function skipBlanks(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isBlank(text[i])) i++;
  return i;
}

/** The first word is a key type (no options) when sshd knows it, or when it plainly tries to be one. */
function startsWithKeyType(text: string, p: number, end: number): boolean {
  const we = wordEnd(text, p, end);
  const word = text.slice(p, we);
  if (KEY_TYPES.has(word)) return true;
  if (/[,="]/.test(word) || OPTION_WORDS.some((o) => o.toLowerCase() === word.toLowerCase())) return false;
  const next = text.slice(skipBlanks(text, we, end), end);
  return next.startsWith('AAAA') || /^(ssh|ecdsa|sk|rsa|dsa|webauthn)-|@openssh\.com$/i.test(word);
}

function parseLineAt(text: string, p: number, end: number, line: number): KeyLine {
  const result: KeyLine = { line, start: p, end, issues: [] };
  if (isProse(text, p, end)) {
    result.issues.push({
      rule: 'missing-key',
      start: p,
      end,
      message:
        'Not a key line: it holds no key type and no key, and does not start with an option. sshd skips it (only DEBUG2 says so). If it is a note, start it with `#`.',
      fixes: [{ title: 'Make it a comment', preferred: true, edits: [{ start: p, end: p, newText: '# ' }] }],
    });
    return result;
  }
  if (startsWithKeyType(text, p, end)) {
    parseKey(text, p, end, result, undefined);
    return result;
  }
  let adv = advancePastOptions(text, p, end);
  // A value in typographic quotes (“…”, pasted from a web page) is unquoted to sshd, and a space in it
  // ends the options: read on to the closing typographic quote so that only that error is reported.
  const curly = /=[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/.exec(text.slice(p, adv.end));
  if (curly && adv.openQuote === undefined) {
    const close = closingCurly(text, p + curly.index + 2, end);
    if (close !== undefined && close >= adv.end) adv = advancePastOptions(text, close + 1, end);
  }
  // `…,restrict,ssh-ed25519 AAAA…`: the key type joined to the options by a comma.
  const joined = adv.openQuote === undefined ? joinedKeyType(text, p, adv.end, end) : undefined;
  const optionsEnd = joined ? joined.comma : adv.end;
  const items = parseOptionItems(text, p, optionsEnd, result);
  result.options = { span: { start: p, end: optionsEnd }, items, text: text.slice(p, optionsEnd) };
  if (joined) {
    result.issues.push({
      rule: 'unknown-option',
      start: joined.comma,
      end: adv.end,
      message: `The key type \`${text.slice(joined.comma + 1, adv.end)}\` is joined to the options by a comma, so sshd reads it as one more option and the key data as the key type; it skips the line. Put a space between the options and the key type.`,
      fixes: [
        {
          title: 'Replace the comma with a space',
          preferred: true,
          edits: [{ start: joined.comma, end: joined.comma + 1, newText: ' ' }],
        },
      ],
    });
    parseKey(text, joined.comma + 1, end, result, undefined);
    return result;
  }
  if (adv.openQuote !== undefined) {
    result.issues.push({
      rule: 'unterminated-quote',
      start: adv.openQuote,
      end,
      message:
        'This quote is never closed, so the options run to the end of the line and there is no key. sshd logs "invalid key option string" and skips the line.',
    });
    return result;
  }
  parseKey(text, skipBlanks(text, adv.end, end), end, result, adv.end);
  return result;
}

const CLOSING_CURLY = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;

/** The typographic quote that closes one opened before `from`, on this line. */
function closingCurly(text: string, from: number, end: number): number | undefined {
  const m = CLOSING_CURLY.exec(text.slice(from, end));
  return m ? from + m.index : undefined;
}

/** `…,ssh-ed25519 AAAA…`: the last option item is a key type followed by what looks like key data. */
function joinedKeyType(text: string, p: number, optionsEnd: number, end: number): { comma: number } | undefined {
  const comma = text.lastIndexOf(',', optionsEnd - 1);
  if (comma < p || !KEY_TYPES.has(text.slice(comma + 1, optionsEnd))) return undefined;
  // The comma must be outside quotes.
  let quoted = false;
  for (let i = p; i < comma; i++) {
    if (text[i] === '\\' && text[i + 1] === '"') i++;
    else if (text[i] === '"') quoted = !quoted;
  }
  if (quoted) return undefined;
  const next = skipBlanks(text, optionsEnd, end);
  return next < end && next > optionsEnd && /^AAAA[A-Za-z0-9+/]/.test(text.slice(next, next + 5))
    ? { comma }
    : undefined;
}

/** A note written without `#`: no key type, nothing like key data, and no option where options start. */
function isProse(text: string, p: number, end: number): boolean {
  const words = text.slice(p, end).split(/[ \t]+/);
  if (words.some((w) => KEY_TYPES.has(w) || /^AAAA[A-Za-z0-9+/]{8}/.test(w) || /,(ssh|ecdsa|sk|rsa)-/.test(w)))
    return false;
  return !matchOption(text, p, end) && !/^[,"]/.test(words[0]) && !startsWithKeyType(text, p, end);
}

/** sshkey_advance_past_options: `\"` is skipped as a pair, other quotes toggle quoting. */
function advancePastOptions(text: string, p: number, end: number): { end: number; openQuote?: number } {
  let quoted = false;
  let openQuote = 0;
  let i = p;
  for (; i < end && (quoted || !isBlank(text[i])); i++) {
    if (text[i] === '\\' && text[i + 1] === '"' && i + 1 < end) i++;
    else if (text[i] === '"') {
      quoted = !quoted;
      if (quoted) openQuote = i;
    }
  }
  return quoted ? { end, openQuote } : { end: i };
}

/** End of the item starting at `from`: the next comma outside quotes, or the end of the options. */
function itemEnd(text: string, from: number, end: number): number {
  let quoted = false;
  for (let i = from; i < end; i++) {
    if (text[i] === '\\' && text[i + 1] === '"') i++;
    else if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ',' && !quoted) return i;
  }
  return end;
}

function matchOption(
  text: string,
  i: number,
  end: number,
): { spec: OptionSpec; negated: boolean; nameEnd: number } | undefined {
  const rest = (n: number, from = i) => text.slice(from, Math.min(from + n, end)).toLowerCase();
  for (const spec of OPTIONS) {
    if (spec.kind === 'flag') {
      // opt_flag: with a `no-` prefix only the negated form is tried.
      const negated = !!spec.negatable && rest(3) === 'no-';
      const at = negated ? i + 3 : i;
      if (rest(spec.name.length, at) === spec.name) return { spec, negated, nameEnd: at + spec.name.length };
    } else if (
      rest(spec.name.length) === spec.name &&
      text[i + spec.name.length] === '=' &&
      i + spec.name.length < end
    ) {
      return { spec, negated: false, nameEnd: i + spec.name.length };
    }
  }
  return undefined;
}

function parseOptionItems(text: string, p: number, end: number, result: KeyLine): KeyOption[] {
  const items: KeyOption[] = [];
  let i = p;
  while (i < end) {
    if (text[i] === ',') {
      i++; // sshd tolerates empty items
      continue;
    }
    const start = i;
    const m = matchOption(text, i, end);
    const stop = itemEnd(text, i, end);
    const item: KeyOption = {
      start,
      end: stop,
      text: text.slice(start, stop),
      nameSpan: { start, end: m?.nameEnd ?? stop },
      negated: m?.negated ?? false,
    };
    items.push(item);
    i = stop;
    if (!m) {
      item.broken = true;
      result.issues.push(unknownOption(text, item, start, stop));
      continue;
    }
    item.spec = m.spec;
    let after = m.nameEnd;
    if (m.spec.kind === 'value') {
      const v = m.nameEnd + 1;
      const close = CLOSING_CURLY.test(text[v] ?? '') ? closingCurly(text, v + 1, end) : undefined;
      if (close !== undefined) {
        // `command=“…”`: not quotes to sshd ("missing start quote"). The item runs to the closing one.
        item.broken = true;
        item.end = Math.max(stop, itemEnd(text, close + 1, end));
        item.text = text.slice(start, item.end);
        i = item.end;
        const inner = text.slice(v + 1, close);
        result.issues.push({
          rule: 'unquoted-value',
          start: v,
          end: close + 1,
          message: `The value of \`${m.spec.name}\` is in typographic quotes (\`${text[v]}…${text[close]}\`), which are not quotes to sshd${/[ \t]/.test(inner) ? ' (and the space inside them ends the options, so the key is not found either)' : ' ("missing start quote")'}: it skips the line. Write straight double quotes \`"…"\`.`,
          fixes: inner.includes('"')
            ? undefined
            : [
                {
                  title: 'Use straight double quotes',
                  preferred: true,
                  edits: [
                    { start: v, end: v + 1, newText: '"' },
                    { start: close, end: close + 1, newText: '"' },
                  ],
                },
              ],
        });
        continue;
      }
      if (text[v] !== '"') {
        item.broken = true;
        const raw = text.slice(v, stop);
        result.issues.push({
          rule: 'unquoted-value',
          start: v,
          end: Math.max(stop, v),
          message: `The value of \`${m.spec.name}\` must be in double quotes; sshd logs "missing start quote" and skips the line.`,
          fixes:
            raw && !raw.includes('"') && !CLOSING_CURLY.test(raw)
              ? [{ title: 'Quote the value', preferred: true, edits: [{ start: v, end: stop, newText: `"${raw}"` }] }]
              : undefined,
        });
        continue;
      }
      let k = v + 1;
      let value = '';
      while (k < end && text[k] !== '"') {
        if (text[k] === '\\' && text[k + 1] === '"') k++;
        value += text[k++];
      }
      if (k >= end) {
        item.broken = true; // reported once, as an unterminated quote of the options
        continue;
      }
      item.value = value;
      item.valueSpan = { start: v + 1, end: k };
      after = k + 1;
      // A value item may run on inside quotes past itemEnd's first guess; it ends at the closing quote.
      if (after > item.end) {
        item.end = itemEnd(text, after, end);
        item.text = text.slice(start, item.end);
        i = item.end;
      }
    }
    if (after < item.end) {
      item.broken = true;
      result.issues.push(unknownOption(text, item, after, item.end, m.spec));
    }
  }
  return items;
}

function unknownOption(text: string, item: KeyOption, from: number, to: number, matched?: OptionSpec): LineIssue {
  const word = text.slice(item.start, to);
  const bad = text.slice(from, to);
  if (bad.includes('\r')) {
    return {
      rule: 'unknown-option',
      start: from,
      end: to,
      message:
        'A carriage return inside the options is an unknown key option to sshd, which skips the line. Remove it (and save the file with LF line ends).',
    };
  }
  if (matched && matched.kind === 'flag' && bad.startsWith('=')) {
    return {
      rule: 'unknown-option',
      start: item.start,
      end: to,
      message: `\`${matched.name}\` takes no value: sshd reads \`${word}\` as an unknown key option and skips the line.`,
      fixes: [
        {
          title: `Write \`${item.negated ? 'no-' : ''}${matched.name}\``,
          preferred: true,
          edits: [{ start: from, end: to, newText: '' }],
        },
      ],
    };
  }
  const name = word.replace(/[="].*$/s, '');
  const lower = name.toLowerCase();
  let hint = '';
  let suggestions: string[] = [];
  if (lower === 'no-restrict')
    hint =
      ' There is no `no-restrict`: leave `restrict` out, or re-enable single permissions after it (`restrict,pty`).';
  else if (lower === 'no-cert-authority') hint = ' There is no `no-cert-authority`: leave `cert-authority` out.';
  else if (lower.startsWith('no-') && optionByName(lower.slice(3))?.kind === 'value')
    hint = ` \`${lower.slice(3)}\` cannot be negated.`;
  else {
    suggestions = closest(name, OPTION_WORDS, (s) => s.toLowerCase()).slice(0, 3);
    if (matched) suggestions = suggestions.filter((s) => s.toLowerCase() !== lower);
    if (suggestions.length) hint = ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?`;
  }
  return {
    rule: 'unknown-option',
    start: item.start,
    end: to,
    message: `Unknown option \`${name.length > 40 ? `${name.slice(0, 40)}…` : name}\`: sshd logs "unknown key option" (at DEBUG level only) and skips the whole line.${hint}`,
    fixes: suggestions.map((s, n) => ({
      title: `Change to \`${s}\``,
      preferred: n === 0 && suggestions.length === 1,
      edits: [{ start: item.start, end: item.start + name.length, newText: s }],
    })),
  };
}

/** Reads `keytype base64 [comment]` from `p`; `optionsEnd` is set when options came before. */
function parseKey(text: string, p: number, end: number, result: KeyLine, optionsEnd: number | undefined): void {
  let typeStart = p;
  if (p >= end) {
    result.issues.push({
      rule: 'missing-key',
      start: result.start,
      end,
      message:
        'Options without a key: sshd skips this line. Append the key (`ssh-ed25519 AAAA… comment`) after a space.',
    });
    return;
  }
  let typeEnd = wordEnd(text, typeStart, end);
  let word = text.slice(typeStart, typeEnd);
  if (
    optionsEnd !== undefined &&
    !KEY_TYPES.has(word) &&
    looksLikeOptions(text.slice(result.start, optionsEnd), word)
  ) {
    const gap = { start: optionsEnd, end: typeStart };
    result.issues.push({
      rule: 'space-in-options',
      ...gap,
      message: `The options end at this space, so sshd reads \`${word.slice(0, 30)}\` as the key type and skips the line. Options may not contain spaces or tabs outside quotes (none after a comma, none around \`=\`).`,
      fixes: [{ title: 'Remove the space', preferred: true, edits: [{ start: gap.start, end: gap.end, newText: '' }] }],
    });
    // Find the key further on so hover and symbols still work.
    while (typeStart < end && !KEY_TYPES.has(word)) {
      typeStart = skipBlanks(text, typeEnd, end);
      typeEnd = wordEnd(text, typeStart, end);
      word = text.slice(typeStart, typeEnd);
    }
    if (typeStart >= end) return;
  }
  result.keyType = { start: typeStart, end: typeEnd, text: word };
  result.typeInfo = KEY_TYPES.get(word);
  const blobStart = skipBlanks(text, typeEnd, end);
  if (blobStart >= end) {
    result.issues.push({
      rule: 'missing-key',
      start: typeStart,
      end: typeEnd,
      message: `\`${word}\` is not followed by the key data (base64): sshd skips this line.`,
    });
    return;
  }
  const blobEnd = wordEnd(text, blobStart, end);
  result.blob = { start: blobStart, end: blobEnd, text: text.slice(blobStart, blobEnd) };
  result.decoded = decodeKey(result.blob.text);
  const commentStart = skipBlanks(text, blobEnd, end);
  let commentEnd = end;
  while (commentEnd > commentStart && /\s/.test(text[commentEnd - 1])) commentEnd--;
  if (commentStart < commentEnd)
    result.comment = { start: commentStart, end: commentEnd, text: text.slice(commentStart, commentEnd) };
  if (!result.typeInfo) result.issues.push(unknownKeyType(result.keyType, result.decoded));
}

function looksLikeOptions(options: string, next: string): boolean {
  if (/[,=]$/.test(options) || /^[,="]/.test(next) || next.includes('="')) return true;
  const name = next.split(/[,=]/)[0].toLowerCase();
  return OPTION_WORDS.some((o) => o.toLowerCase() === name);
}

function unknownKeyType(type: Token, decoded: DecodeResult | undefined): LineIssue {
  const inBlob = decoded?.ok ? decoded.key.typeName : undefined;
  const caseMatch = [...KEY_TYPES.keys()].find((k) => k.toLowerCase() === type.text.toLowerCase());
  const fix =
    caseMatch && (!inBlob || KEY_TYPES.get(caseMatch)?.plain === KEY_TYPES.get(inBlob)?.plain)
      ? caseMatch
      : (inBlob ?? closest(type.text, CANONICAL_KEY_TYPES)[0]);
  const why = caseMatch ? ' Key type names are case-sensitive.' : '';
  return {
    rule: 'unknown-key-type',
    ...type,
    message: `Unknown key type \`${type.text.slice(0, 40)}\`: sshd cannot read the key and skips the line (logged only at DEBUG2).${why}${fix ? ` Write \`${fix}\`.` : ''}`,
    fixes: fix
      ? [
          {
            title: `Change to \`${fix}\``,
            preferred: true,
            edits: [{ start: type.start, end: type.end, newText: fix }],
          },
        ]
      : undefined,
  };
}

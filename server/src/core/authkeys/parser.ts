import type { Fix, Span } from '../types';
import { closest, splitLines } from '../text';
import { decodeKey, KEY_TYPES, CANONICAL_KEY_TYPES, type DecodeResult, type KeyTypeInfo } from './keyblob';
import { foreignBlock } from './foreign';
import { OPTION_WORDS, type OptionSpec } from './options';
import { advancePastOptions, closingCurly, isProse, joinedKeyType, parseOptionItems } from './option-items';
import { isBlank, skipBlanks, startsWithKeyType, wordEnd } from './scan';

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

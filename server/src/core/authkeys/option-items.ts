import { closest } from '../text';
import { KEY_TYPES } from './keyblob';
import { OPTIONS, OPTION_WORDS, optionByName, type OptionSpec } from './options';
import type { KeyLine, KeyOption, LineIssue } from './parser';
import { isBlank, skipBlanks, startsWithKeyType } from './scan';

// The options part of an authorized_keys line, `opt,opt="value" …`, as sshd 9.2p1's auth-options.c
// reads it: items split at commas outside double quotes, matched by case-insensitive prefix in sshd's
// order; anything sshd would stop at becomes an issue with the span that explains it.

const CLOSING_CURLY = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;

/** The typographic quote that closes one opened before `from`, on this line. */
export function closingCurly(text: string, from: number, end: number): number | undefined {
  const m = CLOSING_CURLY.exec(text.slice(from, end));
  return m ? from + m.index : undefined;
}

/** `…,ssh-ed25519 AAAA…`: the last option item is a key type followed by what looks like key data. */
export function joinedKeyType(text: string, p: number, optionsEnd: number, end: number): { comma: number } | undefined {
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
export function isProse(text: string, p: number, end: number): boolean {
  const words = text.slice(p, end).split(/[ \t]+/);
  if (words.some((w) => KEY_TYPES.has(w) || /^AAAA[A-Za-z0-9+/]{8}/.test(w) || /,(ssh|ecdsa|sk|rsa)-/.test(w)))
    return false;
  return !matchOption(text, p, end) && !/^[,"]/.test(words[0]) && !startsWithKeyType(text, p, end);
}

/** sshkey_advance_past_options: `\"` is skipped as a pair, other quotes toggle quoting. */
export function advancePastOptions(text: string, p: number, end: number): { end: number; openQuote?: number } {
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

export function parseOptionItems(text: string, p: number, end: number, result: KeyLine): KeyOption[] {
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

import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { closest } from '../../text';
import { isKnownRefuseToken, LONG_OPTIONS } from '../values';
import { forEachValue, quote, splitTokens, tokens } from './util';

/**
 * Where a trailing `# comment` starts: its words are tokens rsync cannot match either, but
 * rsyncd/comment-in-value reports the comment once instead of one warning per word.
 */
const commentStart = (value: string) => {
  const m = /\s[#;]/.exec(value);
  return m ? m.index + 1 : value.length;
};

/** True when any token is unknown, else undefined. */
const hasUnknown = (value: string) => {
  const end = commentStart(value);
  return (
    splitTokens(value, ' ').some(([from, to]) => {
      const text = value.slice(from, to);
      return from < end && !/[,\t]/.test(text) && !isKnownRefuseToken(text);
    }) || undefined
  );
};

export const unknownRefuseOption = defineRule<RsyncdDocument>({
  code: 'rsyncd/unknown-refuse-option',
  severity: 'warning',
  summary: '`refuse options` entry that names no rsync option; nothing is refused for it.',
  docs: [
    'Each space-separated token is a long option name (`delete`, `checksum`), a one-letter short name (`c`), a wildcard',
    '(`delete*`) or one of these prefixed with `!` to un-refuse. A token that matches nothing is logged as',
    '`No match for refuse-options string` when a client connects, and the option stays allowed.',
  ],
  scope: 'section',
  check: (doc, report) => {
    forEachValue(doc, ['refuseoptions'], hasUnknown, (p) => {
      const end = commentStart(p.value);
      for (const t of tokens(p, ' ')) {
        if (t.index >= end || /[,\t]/.test(t.text) || isKnownRefuseToken(t.text)) continue;
        const bang = t.text.startsWith('!') ? '!' : '';
        const name = t.text.slice(bang.length).replace(/^-+/, '');
        const near = isKnownRefuseToken(name) ? [name] : closest(name, LONG_OPTIONS).slice(0, 2);
        report(
          t,
          `no rsync option is called ${quote(t.text)}${near.length ? `; did you mean ${near.map((n) => quote(bang + n)).join(' or ')}?` : ''} It refuses nothing.`,
          {
            fixes: near.map((n, i) => ({
              title: `Change to \`${bang}${n}\``,
              preferred: i === 0 && near.length === 1,
              edits: [{ start: t.start, end: t.end, newText: bang + n }],
            })),
          },
        );
      }
    });
  },
});

import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { parameterByKey } from '../parameters';
import { parseBool } from '../values';
import { forEachValue, hasExpansion, keysOfType, quote } from './util';

const KEYS = keysOfType('bool', 'bool3');

const YES = /^(on|y|enable|enabled|ja|t)$/i;
const NO = /^(off|n|disable|disabled|nein|f|none)$/i;

export const badBoolean = defineRule<RsyncdDocument>({
  code: 'rsyncd/bad-boolean',
  severity: 'error',
  summary: 'Boolean value rsync rejects (`on`, `off`, `y`, `unset` on a plain boolean); the line has no effect.',
  docs: [
    'rsync accepts `yes`/`no`, `true`/`false` and `1`/`0`, ignoring case and whitespace. Everything else, including `on`, `off`,',
    '`y` and `n`, is logged as `Badly formed boolean in configuration file` and the previous value (usually the default) stays.',
    '`unset` and `-1` are accepted only by the four three-state parameters `use chroot`, `numeric ids`, `munge symlinks` and `open noatime`.',
  ],
  scope: 'section',
  check: (doc, report) => {
    const judge = (value: string, key: string) =>
      hasExpansion(value) || parseBool(value, parameterByKey(key)?.type === 'bool3') !== undefined ? undefined : true;
    forEachValue(doc, KEYS, judge, (p) => {
      const info = p.info;
      const replacement = YES.test(p.value.trim()) ? 'yes' : NO.test(p.value.trim()) ? 'no' : undefined;
      const unset = parseBool(p.value, true) === 'unset';
      const message = unset
        ? `${quote(info.name)} is a plain boolean: ${quote(p.value)} is only valid for \`use chroot\`, \`numeric ids\`, \`munge symlinks\` and \`open noatime\`. rsync keeps the default (${info.default}).`
        : `${quote(p.value || '(empty)')} is not a boolean rsync accepts (yes/no, true/false, 1/0); it logs "Badly formed boolean" and keeps ${info.name} = ${info.default}.`;
      report(p.value ? p.valueSpan : p.nameSpan, message, {
        fixes: replacement
          ? [
              {
                title: `Change to \`${replacement}\``,
                preferred: true,
                edits: [{ ...p.valueSpan, newText: replacement }],
              },
            ]
          : [],
      });
    });
  },
});

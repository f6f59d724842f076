import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DAEMON_FILTER_CONTEXT,
  type FilterContext,
  OPTION_FILTER_CONTEXT,
  parseFilterFile,
  parseFilterString,
} from '../../../server/src/core/rsync-filter/parse';
import { DAEMON_CASES, FILE_CASES, OPTION_CASES } from './cases';

describe('rsync filter rules as exclude.c reads them', () => {
  for (const [option, cases] of Object.entries(OPTION_CASES)) {
    for (const c of cases) {
      it(`--${option}=${JSON.stringify(c.text)}`, () => {
        const parsed = parseFilterString(c.text, OPTION_FILTER_CONTEXT[option as keyof typeof OPTION_CASES]);
        assert.equal(parsed.error?.message, c.error);
      });
    }
  }
  for (const [param, cases] of Object.entries(DAEMON_CASES)) {
    for (const c of cases) {
      it(`${param} = ${JSON.stringify(c.text)}`, () => {
        const parsed = parseFilterString(c.text, DAEMON_FILTER_CONTEXT[param as keyof typeof DAEMON_CASES]);
        assert.equal(parsed.error?.message, c.error);
      });
    }
  }
  for (const c of FILE_CASES) {
    it(`${c.context} file ${JSON.stringify(c.text)}`, () => {
      assert.equal(parseFilterFile(c.text, DAEMON_FILTER_CONTEXT[c.context]).error?.message, c.error);
    });
  }

  it('keeps each rule with its action, modifiers, pattern and spans', () => {
    const text = '- *.tmp +/ /keep/ dir-merge,n- .rules P foo';
    const { rules, error } = parseFilterString(text, DAEMON_FILTER_CONTEXT.filter);
    assert.equal(error, undefined);
    assert.deepEqual(
      rules.map((r) => [r.action, r.modifiers, r.pattern, text.slice(r.start, r.end)]),
      [
        ['exclude', '', '*.tmp', '- *.tmp'],
        ['include', '/', '/keep/', '+/ /keep/'],
        ['dir-merge', 'n-', '.rules', 'dir-merge,n- .rules'],
        ['protect', '', 'foo', 'P foo'],
      ],
    );
    assert.equal(text.slice(rules[1].patternStart, rules[1].patternStart + rules[1].pattern.length), '/keep/');
  });

  it('marks the rejected token, not the whole value', () => {
    const text = '- *.tmp *.bak';
    const { error, rules } = parseFilterString(text, DAEMON_FILTER_CONTEXT.filter);
    assert.equal(rules.length, 1);
    assert.equal(text.slice(error!.start, error!.end), '*.bak');
  });

  it('a rule of 4096 characters or more is discarded, not fatal', () => {
    const long = `- ${'a'.repeat(5000)}`;
    const { rules, error } = parseFilterString(long, OPTION_FILTER_CONTEXT.filter);
    assert.equal(error, undefined);
    assert.equal(rules[0].discarded, true);
  });

  it('never throws and stays within the text on any input', () => {
    const alphabet = [
      '-',
      '+',
      ' ',
      '\t',
      '!',
      ',',
      '_',
      '/',
      'e',
      'x',
      'C',
      'n',
      'merge',
      'clear',
      ':',
      '.',
      'a',
      '\r',
      '\n',
    ];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 10000; i++) {
      let text = '';
      const n = rand(12);
      for (let k = 0; k < n; k++) text += alphabet[rand(alphabet.length)];
      const contexts: FilterContext[] = [
        ...Object.values(DAEMON_FILTER_CONTEXT),
        ...Object.values(OPTION_FILTER_CONTEXT),
      ];
      for (const [k, ctx] of contexts.entries()) {
        const parsed = k % 2 ? parseFilterString(text, ctx) : parseFilterFile(text, ctx);
        for (const r of parsed.rules) assert.ok(r.start >= 0 && r.end <= text.length && r.start <= r.end, text);
        if (parsed.error) assert.ok(parsed.error.start >= 0 && parsed.error.end <= text.length, JSON.stringify(text));
      }
    }
  });
});

import type { LexProblem } from './tokens';

// bash's `$'…'` quoting (ANSI-C escapes), as bash 5.2 decodes it.

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** The value of `$'…'` whose body starts at `from`; `end` is just past the closing quote. */
export function ansiC(text: string, from: number, problems: LexProblem[]): { value: string; end: number } {
  let value = '';
  let i = from;
  while (i < text.length && text[i] !== "'") {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    i += 2;
    if (SIMPLE_ESCAPES[e] !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) value += SIMPLE_ESCAPES[e];
    else if (/[0-7]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(text[i] ?? '')) digits += text[i++];
      value += String.fromCharCode(parseInt(digits, 8) & 0xff);
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const max = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      let digits = '';
      while (digits.length < max && /[0-9a-fA-F]/.test(text[i] ?? '')) digits += text[i++];
      if (!digits) value += `\\${e}`;
      else {
        const code = parseInt(digits, 16);
        value += code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
    } else if (e === 'c' && i < text.length) {
      value += String.fromCharCode(text.charCodeAt(i++) & 0x1f);
    } else value += `\\${e}`;
  }
  if (i >= text.length) {
    problems.push({ start: from - 2, end: from, message: "unexpected EOF while looking for matching `''" });
    return { value, end: text.length };
  }
  return { value, end: i + 1 };
}

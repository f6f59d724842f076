// The glob dialect of VS Code's `filenamePatterns` and file watchers, enough for our own patterns:
// `*` and `?` within one path segment, `**/` for any number of segments, `[…]` classes and `{a,b}`.

export function globToRegExp(glob: string): RegExp {
  let out = '';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (inClass) {
      out += c === '\\' ? '\\\\' : c;
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more whole segments; a trailing `**` anything.
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      inClass = true;
      out += glob[i + 1] === '!' ? (i++, '[^') : '[';
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces) {
      braces--;
      out += ')';
    } else if (c === ',' && braces) out += '|';
    else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

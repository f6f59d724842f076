// An ESLint rule that fences folders by the files they import, relative paths included: a pattern on
// the import string cannot see that `../../node/host` from the pure core leaves it. Each zone names
// the files it applies to and the files they may not import (globs from the repository root).
import * as path from 'node:path';

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const segments = glob[i + 2] === '/';
      re += segments ? '(?:.*/)?' : '.*';
      i += segments ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+^$()|[\]\\?{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const compiled = new Map();
function matches(globs, file) {
  return globs.some((g) => {
    if (!compiled.has(g)) compiled.set(g, globToRegExp(g));
    return compiled.get(g).test(file);
  });
}

/** Resolves a relative import to repository-relative candidates (`x` may be `x.ts`, `x/index.ts`). */
function targets(root, fromFile, specifier) {
  const base = path
    .relative(root, path.resolve(path.dirname(fromFile), specifier))
    .split(path.sep)
    .join('/');
  return [base, `${base}.ts`, `${base}.mjs`, `${base}/index.ts`];
}

export const zonesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Folders may not import from the folders their architecture fences off.' },
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            target: { type: 'array', items: { type: 'string' } },
            forbidden: { type: 'array', items: { type: 'string' } },
            except: { type: 'array', items: { type: 'string' } },
            message: { type: 'string' },
          },
          required: ['target', 'forbidden', 'message'],
        },
      },
    ],
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const zones = (context.options[0] ?? []).filter((z) => matches(z.target, file));
    if (!zones.length) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const candidates = targets(root, context.filename, source);
      for (const zone of zones) {
        const hit = candidates.find((c) => matches(zone.forbidden, c) && !matches(zone.except ?? [], c));
        if (hit) context.report({ node, message: `${source}: ${zone.message}` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        )
          check(node, node.arguments[0].value);
      },
    };
  },
};

export default { rules: { zones: zonesRule } };

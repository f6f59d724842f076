import { Composer, isMap, isScalar, isSeq, Parser, YAMLParseError, type CST, type Document, type Node } from 'yaml';

// The inventory code takes its YAML from here, so nothing in it composes without these bounds.
export { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';

// pushmirror.yaml through the `yaml` package, within bounds. The package composes nodes recursively:
// 1,000 nested `- ` or `[` overflow the stack (and on a deep caller stack V8 can abort outright), and it
// spends several microseconds a byte on hostile text. So the text is tokenised first (the tokeniser
// keeps its own stack, no recursion), the token tree is measured without recursion, and only a text
// that is small and shallow enough is composed. An inventory needs four levels and a few kilobytes.

/** Nesting (mappings, sequences, flow collections) deeper than this is not composed. */
export const MAX_NESTING = 64;
/** Longer inventories are not parsed: hundreds of downstreams take a few dozen kilobytes. */
export const MAX_INVENTORY_LENGTH = 512 * 1024;

export interface BoundedYaml {
  /** The document, unless the text was too large or too deep to compose. */
  doc?: Document.Parsed;
  /** Why there is no document. */
  refused?: { start: number; end: number; message: string };
}

/** The document, or undefined when the text is too large or too deep to compose (see parseYaml). */
export function parseDocument(text: string, options: { uniqueKeys: boolean }): Document.Parsed | undefined {
  return parseYaml(text, options).doc;
}

/** Offset of the first collection nested deeper than `max`, or -1. */
function tooDeepAt(tokens: readonly CST.Token[], max: number): number {
  const stack: [CST.Token | null | undefined, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > max) return token.offset;
      for (const item of token.items as { key?: CST.Token | null; value?: CST.Token }[]) {
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      }
    }
  }
  return -1;
}

/** `parseDocument(text, options)`, refusing what would overflow the stack or take seconds. */
export function parseYaml(text: string, options: { uniqueKeys: boolean }): BoundedYaml {
  if (text.length > MAX_INVENTORY_LENGTH) {
    return {
      refused: {
        start: 0,
        end: 0,
        message: `This inventory has ${text.length} characters; Push Mirror reads inventories of up to ${MAX_INVENTORY_LENGTH} (${MAX_INVENTORY_LENGTH / 1024} KiB).`,
      },
    };
  }
  const tokens = [...new Parser().parse(text)];
  const deep = tooDeepAt(tokens, MAX_NESTING);
  if (deep >= 0) {
    return {
      refused: {
        start: deep,
        end: Math.min(deep + 1, text.length),
        message: `Nested more than ${MAX_NESTING} levels deep here; Push Mirror does not read YAML this deep (an inventory needs four levels).`,
      },
    };
  }
  // Every YAML error is an Error: without stack traces hostile text composes several times faster.
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    let doc: Document.Parsed | undefined;
    // The package checks each key against every earlier key of its map (quadratic: 20,000 keys took
    // seconds); duplicates are found here with one set per map instead.
    const composer = new Composer({ uniqueKeys: false, prettyErrors: false });
    for (const next of composer.compose(tokens, true, text.length)) {
      if (!doc) doc = next;
      else {
        doc.errors.push(
          new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'),
        );
        break;
      }
    }
    if (doc && options.uniqueKeys) doc.errors.push(...duplicateKeys(doc.contents));
    return { doc };
  } finally {
    Error.stackTraceLimit = traces;
  }
}

/** `Map keys must be unique` where the package reports it (on the later key), for scalar keys of equal value. */
function duplicateKeys(root: unknown): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isSeq(node)) stack.push(...node.items);
    else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        stack.push(pair.value);
        const key = pair.key as Node | null;
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        if (seen.has(key.value) && key.range) {
          errors.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
        seen.add(key.value);
      }
    }
  }
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

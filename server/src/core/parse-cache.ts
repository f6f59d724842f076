// The one cache policy of the language services: the parse of the last few texts, so hover, symbols,
// completion and validation of the same text parse it once, and switching between a handful of open
// files of one language does not reparse each time. Keyed by the text itself: an edit is a new text.

export const PARSE_CACHE_SIZE = 4;

export function cachedParser<Doc>(parse: (text: string) => Doc, size = PARSE_CACHE_SIZE): (text: string) => Doc {
  const recent = new Map<string, Doc>();
  return (text) => {
    let doc = recent.get(text);
    if (doc === undefined) {
      doc = parse(text);
      if (recent.size >= size) recent.delete(recent.keys().next().value!);
    } else recent.delete(text);
    recent.set(text, doc);
    return doc;
  };
}

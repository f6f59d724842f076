// The one cache policy of the language services: the parse of the last few texts, so hover, symbols,
// completion and validation of the same text parse it once, and switching between a handful of open
// files of one language does not reparse each time. Keyed by the text itself: an edit is a new text.

export const PARSE_CACHE_SIZE = 4;

export interface CachedParser<Doc> {
  (text: string): Doc;
  /** Keeps `doc` as the parse of `text`, made another way (rsyncd.conf: read again after an edit). */
  remember(text: string, doc: Doc): void;
}

export function cachedParser<Doc>(parse: (text: string) => Doc, size = PARSE_CACHE_SIZE): CachedParser<Doc> {
  const recent = new Map<string, Doc>();
  const remember = (text: string, doc: Doc) => {
    if (recent.has(text)) recent.delete(text);
    else if (recent.size >= size) recent.delete(recent.keys().next().value!);
    recent.set(text, doc);
  };
  const parsed = (text: string) => {
    let doc = recent.get(text);
    if (doc === undefined) doc = parse(text);
    remember(text, doc);
    return doc;
  };
  return Object.assign(parsed, { remember });
}

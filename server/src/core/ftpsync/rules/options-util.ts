import type { Span } from '../../types';
import type { FtpsyncDoc } from '../model';
import { rsyncWords, type RsyncWords } from '../rsync-args';
import type { KnownSetting } from './util';
import { known, valueSpanOf } from './util';

/** The variables ftpsync word-splits into rsync's command line. */
export const OPTION_VARIABLES = [
  'RSYNC_EXTRA',
  'RSYNC_OPTIONS',
  'RSYNC_OPTIONS1',
  'RSYNC_OPTIONS2',
  'EXCLUDE',
] as const;

export interface OptionSetting extends KnownSetting {
  name: string;
  words: RsyncWords;
  /** Document span of `value[from, to)`, when the value is written literally in the file. */
  span(from: number, to: number): Span;
}

const CACHE = new WeakMap<FtpsyncDoc, OptionSetting[]>();

/** Each option variable the file sets to a known value, with its words as rsync reads them (once per document). */
export function optionSettings(doc: FtpsyncDoc): OptionSetting[] {
  let out = CACHE.get(doc);
  if (!out) {
    out = readOptionSettings(doc);
    CACHE.set(doc, out);
  }
  return out;
}

function readOptionSettings(doc: FtpsyncDoc): OptionSetting[] {
  const out: OptionSetting[] = [];
  for (const name of OPTION_VARIABLES) {
    const setting = known(doc, name);
    if (!setting?.value.trim()) continue;
    const a = setting.assignment;
    const literal = doc.text.slice(a.valueStart, a.end);
    // Offsets map into the source when the value is the source without its outer quotes.
    const shift = literal === setting.value ? 0 : literal.slice(1, -1) === setting.value ? 1 : undefined;
    out.push({
      ...setting,
      name,
      words: rsyncWords(setting.value),
      span: (from, to) =>
        shift === undefined ? valueSpanOf(a) : { start: a.valueStart + shift + from, end: a.valueStart + shift + to },
    });
  }
  return out;
}

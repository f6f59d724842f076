// Small text helpers shared by the parsers. Offsets are UTF-16 indices into the document.

export interface PhysicalLine {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last content character (before `\r\n` / `\n`). A trailing `\r` is excluded. */
  end: number;
  /** Offset just past the line break (or the text end). */
  next: number;
  /** Zero-based line number. */
  line: number;
}

/** Splits text into lines the way `fgets`-style readers see them: `\n` ends a line, a `\r` before it is dropped. */
export function splitLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  let line = 0;
  const length = text.length;
  while (start <= length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    lines.push({ start, end, next: Math.min(nl + 1, length + 1), line });
    if (nl >= length) break;
    start = nl + 1;
    line++;
  }
  return lines;
}

/** `isspace` without the newline: space, tab, CR, vertical tab, form feed. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 11 || code === 12;
}

/**
 * A string assembled from pieces of the document (continuation lines, dropped CRs), able to map
 * an index in the assembled string back to a document offset.
 */
export class PieceString {
  private readonly starts: number[] = [];
  private readonly docStarts: number[] = [];
  private text = '';

  append(docText: string, docStart: number, docEnd: number): void {
    if (docEnd <= docStart) return;
    this.starts.push(this.text.length);
    this.docStarts.push(docStart);
    this.text += docText.slice(docStart, docEnd);
  }

  get value(): string {
    return this.text;
  }

  /** Document offset of index `i` of the assembled string (`i === length` maps past the last piece). */
  toDoc(i: number): number {
    if (this.starts.length === 0) return 0;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.docStarts[lo] + (i - this.starts[lo]);
  }
}

/** Damerau-Levenshtein (optimal string alignment) distance, bounded for speed. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let cur = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[cols - 1];
}

/** The candidates closest to `word` (by `normalize`), best first; none when nothing is close enough. */
export function closest(
  word: string,
  candidates: readonly string[],
  normalize: (s: string) => string = (s) => s,
): string[] {
  const target = normalize(word);
  const limit = Math.max(1, Math.min(3, Math.floor(target.length / 3)));
  let best = limit + 1;
  let found: string[] = [];
  for (const candidate of candidates) {
    const d = editDistance(target, normalize(candidate), limit);
    if (d < best) {
      best = d;
      found = [candidate];
    } else if (d === best) {
      found.push(candidate);
    }
  }
  return best <= limit ? found : [];
}

/** Zero-based line and UTF-16 column of offsets, with the line starts found once per text. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: at - starts[lo] };
  };
}

/**
 * 5000 → "5,000". Not `toLocaleString`: its first call loads the ICU locale data, ~14 ms of every CLI
 * start for one comma.
 */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

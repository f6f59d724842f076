// What kind of line an ftpsync, rsync or runmirrors log line is, for counts and "jump to last error".
// The patterns follow what those programs really print (ftpsync's `error` and `log`, rsync's
// `rsync error: … (code N)` and `rsync: [sender] …` lines, runmirrors' "Failed"/"Missing Pushlockfile").

export type LineKind = 'error' | 'warning' | 'info';

const ERROR = [
  /\brsync error:/i,
  /\bERROR\b/,
  /\bError\b/,
  /\b(failed|failure)\b/i,
  /\bwent wrong\b/i,
  /\bUnable to start rsync\b/,
  /\bPermission denied\b/,
  /\bauth failed\b/,
  /\bcode \d+\)/,
  /Host key verification failed/,
  /\bConnection (refused|timed out|closed)\b/,
];
const WARNING = [
  /\bWARN(ING)?\b/i,
  /\bMissing Pushlockfile\b/,
  /\block file still exists\b/i,
  /\bstale\b/i,
  /\bretr(y|ied|ying)\b/i,
  /\btimed? ?out\b/i,
  /\bvanished\b/,
];

export function classifyLine(line: string): LineKind {
  if (ERROR.some((re) => re.test(line))) return 'error';
  if (WARNING.some((re) => re.test(line))) return 'warning';
  return 'info';
}

/** Running counts over a stream of lines, with the line number of the last error. */
export class LineStats {
  lines = 0;
  errors = 0;
  warnings = 0;
  lastErrorLine?: number;

  add(lines: readonly string[]): void {
    for (const line of lines) {
      const kind = classifyLine(line);
      if (kind === 'error') {
        this.errors++;
        this.lastErrorLine = this.lines;
      } else if (kind === 'warning') this.warnings++;
      this.lines++;
    }
  }

  reset(): void {
    this.lines = 0;
    this.errors = 0;
    this.warnings = 0;
    this.lastErrorLine = undefined;
  }
}

import * as path from 'node:path';
import { CHECKED_LANGUAGE_IDS, languageForPath } from '../../server/src/core/languages';
import { loadService } from '../../server/src/core/service-loaders';
import { closest, lineIndex } from '../../server/src/core/text';
import type { LanguageId, Problem, RuleLevel } from '../../server/src/core/types';
import { FileReadError, readRegularFileSync } from '../../server/src/node/files';
import { CachedHost } from '../../server/src/node/host';
import { toJson, UsageError, type Output } from './output';

export interface CheckOptions {
  files: string[];
  format: 'text' | 'json';
  language?: LanguageId;
  checkFileSystem: boolean;
  levels: Record<string, RuleLevel>;
}

export interface FileReport {
  file: string;
  language: LanguageId;
  problems: (Problem & { line: number; column: number; endLine: number; endColumn: number })[];
}

/** `push-mirror check`: the editor's diagnostics for files on disk. Exit 1 when any error is found. */
export async function runCheck(options: CheckOptions, out: Output): Promise<number> {
  if (!options.files.length) throw new UsageError('check: name at least one file to check');
  await checkRuleCodes(Object.keys(options.levels));
  const host = new CachedHost();
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of options.files) {
    let text: string;
    try {
      // Only a regular file of sane size: a FIFO would hang the check, /dev/zero never ends.
      text = readRegularFileSync(file).toString('utf8');
    } catch (error) {
      out.error(
        error instanceof FileReadError
          ? error.message
          : `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
      unreadable = true;
      continue;
    }
    const language = options.language ?? languageForPath(file);
    const service = language && (await loadService(language));
    if (!language || !service) {
      out.error(
        `${file}: cannot tell which kind of file this is from its name; pass --language (${CHECKED_LANGUAGE_IDS.join(', ')})`,
      );
      unreadable = true;
      continue;
    }
    const ctx = { path: path.resolve(file), ...(options.checkFileSystem ? { host } : {}), now: Date.now() };
    const position = lineIndex(text);
    const problems = service.validate(text, ctx, { levels: options.levels }).map((p) => {
      const start = position(p.start);
      const end = position(p.end);
      return { ...p, line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1 };
    });
    reports.push({ file, language, problems });
  }
  if (options.format === 'json') {
    out.print(
      toJson({ files: reports.map((r) => ({ ...r, problems: r.problems.map(({ fixes: _fixes, ...p }) => p) })) }),
    );
  } else {
    for (const report of reports) {
      for (const p of report.problems)
        out.print(`${report.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`);
    }
    const counts = countBySeverity(reports);
    out.info(
      `${reports.length} file(s) checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information + counts.hint} note(s)`,
    );
  }
  if (unreadable) return 2;
  return reports.some((r) => r.problems.some((p) => p.severity === 'error')) ? 1 : 0;
}

/** A usage error, with a did-you-mean, for a `--rule` code no rule has. Loads every rule, so only when asked. */
async function checkRuleCodes(codes: string[]): Promise<void> {
  if (!codes.length) return;
  const { ruleByCode, RULES } = await import('../../server/src/core/catalogue');
  for (const code of codes) {
    if (ruleByCode(code)) continue;
    const near = closest(
      code,
      RULES.map((r) => r.code),
    );
    throw new UsageError(
      `--rule: there is no rule \`${code}\`${near.length ? `; did you mean \`${near[0]}\`?` : ''} (every rule is listed in docs/rules.md)`,
    );
  }
}

function countBySeverity(reports: FileReport[]): Record<Problem['severity'], number> {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) for (const p of r.problems) counts[p.severity]++;
  return counts;
}

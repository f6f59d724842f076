import type { CheckContext, Fix, Problem, RuleLevel, RuleMeta, Span } from './types';

/** What a rule sees: the parsed document of its language and the check context. */
export interface Rule<Doc> {
  meta: RuleMeta;
  check(doc: Doc, report: Reporter, ctx: CheckContext): void;
}

export interface ReportOptions {
  fixes?: Fix[];
  unnecessary?: boolean;
  deprecated?: boolean;
}

export type Reporter = (span: Span, message: string, options?: ReportOptions) => void;

/** Problems kept per rule and document; past this a rule's reports are only counted (memory stays bounded). */
export const MAX_PROBLEMS_PER_RULE = 10_000;

/**
 * Runs each rule over a parsed document and collects its problems at the configured severity.
 * A rule that throws is a bug in the rule; it must not take the other rules' results with it.
 */
export function runRules<Doc>(
  rules: readonly Rule<Doc>[],
  doc: Doc,
  ctx: CheckContext,
  levels: Readonly<Record<string, RuleLevel>> = {},
): Problem[] {
  const problems: Problem[] = [];
  for (const rule of rules) {
    const level = levels[rule.meta.code] ?? rule.meta.severity;
    if (level === 'off') continue;
    let reported = 0;
    let firstDropped = 0;
    const report: Reporter = (span, message, options) => {
      if (++reported > MAX_PROBLEMS_PER_RULE) {
        if (reported === MAX_PROBLEMS_PER_RULE + 1) firstDropped = span.start;
        return;
      }
      problems.push({
        code: rule.meta.code,
        severity: level,
        start: span.start,
        end: span.end,
        message,
        ...(options?.fixes?.length ? { fixes: options.fixes } : {}),
        ...(options?.unnecessary ? { unnecessary: true } : {}),
        ...(options?.deprecated ? { deprecated: true } : {}),
      });
    };
    try {
      rule.check(doc, report, ctx);
    } catch (error) {
      problems.push({
        code: 'internal/rule-failed',
        severity: 'error',
        start: 0,
        end: 0,
        message: `Push Mirror rule ${rule.meta.code} failed: ${error instanceof Error ? error.message : String(error)}. Please report this.`,
      });
    }
    if (reported > MAX_PROBLEMS_PER_RULE)
      problems.push({
        code: rule.meta.code,
        severity: level,
        start: firstDropped,
        end: firstDropped,
        message: `${reported - MAX_PROBLEMS_PER_RULE} more problems of this kind from here on are not listed (${MAX_PROBLEMS_PER_RULE} are).`,
      });
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return problems;
}

import { languageOfRulePrefix } from './languages';
import type { CheckContext, Fix, Problem, RuleLevel, RuleMeta, Severity, Span } from './types';

/** What a rule sees: the parsed document of its language, the check context and its own meta. */
export type Check<Doc> = (doc: Doc, report: Reporter, ctx: CheckContext, rule: RuleMeta) => void;

export interface Rule<Doc> {
  meta: RuleMeta;
  check: Check<Doc>;
}

export interface RuleSpec<Doc> {
  /** `<prefix>/<name>`: the prefix names the language (languages.ts); never renamed once released. */
  code: string;
  severity: Severity;
  /** One line, for the rule reference and the hover of a diagnostic's code. */
  summary: string;
  /** Markdown (lines are joined): what the real program does and what to write instead. */
  docs: string | readonly string[];
  check: Check<Doc>;
}

/** The one way to write a rule, in every language. */
export function defineRule<Doc>(spec: RuleSpec<Doc>): Rule<Doc> {
  const language = languageOfRulePrefix(spec.code.slice(0, spec.code.indexOf('/')));
  if (!language) throw new Error(`rule ${spec.code}: no language has the code prefix`);
  const docs = typeof spec.docs === 'string' ? spec.docs : spec.docs.join('\n');
  return {
    meta: { code: spec.code, language, severity: spec.severity, summary: spec.summary, docs },
    check: spec.check,
  };
}

/** The rule's name without its language prefix (`rsyncd/bad-integer` → `bad-integer`). */
export function ruleName(rule: RuleMeta): string {
  return rule.code.slice(rule.code.indexOf('/') + 1);
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
      rule.check(doc, report, ctx, rule.meta);
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

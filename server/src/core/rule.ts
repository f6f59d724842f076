import { languageOfRulePrefix } from './languages';
import type { CheckContext, Fix, Problem, RuleLevel, RuleMeta, Severity, Span } from './types';

/** What a rule sees: the parsed document of its language, the check context and its own meta. */
export type Check<Doc> = (doc: Doc, report: Reporter, ctx: CheckContext, rule: RuleMeta) => void;

/**
 * How much of a document a rule's verdicts depend on. `document`: anything in it. `section`: the rule
 * judges each section on its own; what it reports about a section, and where, depends only on that
 * section and on what the language lets every section see (rsyncd.conf: a module is every section of
 * its name, and sees the global sections and the first header).
 */
export type RuleScope = 'document' | 'section';

export interface Rule<Doc> {
  meta: RuleMeta;
  check: Check<Doc>;
  scope: RuleScope;
  context?: (doc: Doc, ctx: CheckContext) => string;
}

export interface RuleSpec<Doc> {
  /** `<prefix>/<name>`: the prefix names the language (languages.ts); never renamed once released. */
  code: string;
  severity: Severity;
  /** One line, for the rule reference and the hover of a diagnostic's code. */
  summary: string;
  /** Markdown (lines are joined): what the real program does and what to write instead. */
  docs: string | readonly string[];
  /**
   * `section` lets a service that checks edits in parts (rsyncd.conf) run the rule on the changed
   * sections only and keep its other problems. The default, `document`, runs it on the whole document
   * after every edit, so such a rule must stay cheap (an index, an early exit).
   */
  scope?: RuleScope;
  /**
   * For a section rule that also reads a fact of the whole document (`doc.whole` of a part): that
   * fact, as a string. When it changes after an edit, the rule runs on the whole document again.
   */
  context?: (doc: Doc, ctx: CheckContext) => string;
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
    scope: spec.scope ?? 'document',
    ...(spec.context ? { context: spec.context } : {}),
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
    const level = levelOf(rule, levels);
    if (level !== 'off') collectProblems(rule, doc, ctx, level, problems);
  }
  return sortProblems(problems);
}

/** The level a rule runs at: the configured one, else its default severity. */
export function levelOf<Doc>(rule: Rule<Doc>, levels: Readonly<Record<string, RuleLevel>>): RuleLevel {
  return levels[rule.meta.code] ?? rule.meta.severity;
}

/** In document order; equal spans keep their order (the order of rules, then of reports). */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * A problem with only the options it has. Built one property at a time, in one order, rather than with
 * spreads: every problem then has one of a few shapes, and a large file makes and moves thousands per
 * keystroke (rsyncd/incremental.ts).
 */
export function problemAt(
  code: string,
  severity: Severity,
  start: number,
  end: number,
  message: string,
  fixes?: Fix[],
  unnecessary?: boolean,
  deprecated?: boolean,
): Problem {
  const problem: Problem = { code, severity, start, end, message };
  if (fixes?.length) problem.fixes = fixes;
  if (unnecessary) problem.unnecessary = true;
  if (deprecated) problem.deprecated = true;
  return problem;
}

/** One rule's problems at `level`, appended to `problems` in the order reported. */
export function collectProblems<Doc>(
  rule: Rule<Doc>,
  doc: Doc,
  ctx: CheckContext,
  level: Severity,
  problems: Problem[],
): Problem[] {
  let reported = 0;
  let firstDropped = 0;
  const report: Reporter = (span, message, options) => {
    if (++reported > MAX_PROBLEMS_PER_RULE) {
      if (reported === MAX_PROBLEMS_PER_RULE + 1) firstDropped = span.start;
      return;
    }
    problems.push(
      problemAt(
        rule.meta.code,
        level,
        span.start,
        span.end,
        message,
        options?.fixes,
        options?.unnecessary,
        options?.deprecated,
      ),
    );
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
  return problems;
}

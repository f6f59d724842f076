import type { Check } from '../../rule';
import { valueProblem } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';
import { valueSpanAt } from '../values';

// A check that reports the value check (values.ts) of some options, on the part of the value at fault.

export function reportOptionValueProblems(
  options: string[],
  describe: (name: string, message: string, value: string) => string,
): Check<AuthorizedKeysDocument> {
  return (doc, report) => {
    for (const line of doc.lines) {
      for (const item of line.options?.items ?? []) {
        if (!item.spec || !options.includes(item.spec.name)) continue;
        const problem = valueProblem(item);
        if (!problem || item.value === undefined) continue;
        const span = item.value === '' ? item : valueSpanAt(doc.text, item, problem.from, problem.to);
        report(span, describe(item.spec.name, problem.message, item.value));
      }
    }
  };
}

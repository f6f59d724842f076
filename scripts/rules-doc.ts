// Writes docs/rules.md, the rule reference, from the one rule catalogue. Run by the build; a unit
// test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { RULES, ruleAnchor } from '../server/src/core/catalogue';
import { LANGUAGES } from '../server/src/core/languages';
import { ruleHeading } from '../src/ruleDocs/links';

export function renderRulesDoc(): string {
  const out: string[] = [
    '# Push Mirror rule reference',
    '',
    '<!-- Generated from the rule catalogue by scripts/rules-doc.ts; edit the rule files, not this page. -->',
    '',
    "Every diagnostic has a stable code. Change a rule's severity, or turn it off, with the `pushMirror.rules` setting",
    '(`{ "rsyncd/unknown-parameter": "warning" }`) or `push-mirror check --rule CODE=LEVEL`. In VS Code, a code in the',
    "Problems view or a diagnostic's hover opens its section here.",
    '',
  ];
  for (const { id, title } of LANGUAGES) {
    const rules = RULES.filter((r) => r.language === id);
    if (!rules.length) continue;
    out.push(`## ${title}`, '', '| code | default | summary |', '| --- | --- | --- |');
    for (const r of rules)
      out.push(`| [\`${r.code}\`](#${ruleAnchor(r.code)}) | ${r.severity} | ${r.summary.replace(/\|/g, '\\|')} |`);
    out.push('');
    for (const r of rules) {
      out.push(
        `<a id="${ruleAnchor(r.code)}"></a>`,
        ruleHeading(r.code),
        '',
        `Default severity: **${r.severity}**. ${r.summary}`,
        '',
        r.docs,
        '',
      );
    }
  }
  return out.join('\n');
}

if (require.main === module) writeFileSync(new URL('../docs/rules.md', `file://${__filename}`), renderRulesDoc());

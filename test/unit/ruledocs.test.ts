// A diagnostic's code opens its rule's section of docs/rules.md: the preview scrolls to the element
// whose id is the URL fragment, and VS Code's Markdown preview gives each heading the id its
// slugifier makes of the heading text (githubSlugifier in markdown-language-features, VS Code 1.100).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { RULES, ruleAnchor } from '../../server/src/core/catalogue';
import { isRulesDocUrl, previewFragment, ruleDocsCommandLink, SHOW_RULE_DOCS } from '../../src/ruleDocs/links';

/** VS Code's githubSlugifier (markdown-language-features/src/slugify.ts), for the headings we write. */
function vscodeSlug(heading: string): string {
  return encodeURI(
    heading
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(
        /[\][!/'"#$%&()*+,./:;<=>?@\\^{|}~`。，、；：？！…—·ˉ¨‘’“”々～‖∶＂＇｀｜〃〔〕〈〉《》「」『』．〖〗【】（）［］｛｝]/g,
        '',
      )
      .replace(/^-+/, '')
      .replace(/-+$/, ''),
  );
}

test("every rule's heading in docs/rules.md gets the id its link scrolls to, once", () => {
  const headings = readFileSync('docs/rules.md', 'utf8')
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => vscodeSlug(l.replace(/^#+ /, '')));
  for (const rule of RULES) {
    const id = previewFragment(rule.code);
    assert.equal(headings.filter((h) => h === id).length, 1, `${rule.code} → #${id}`);
  }
});

test("the command link carries the code the way VS Code's command opener reads it", () => {
  const link = ruleDocsCommandLink('rsyncd/unknown-parameter');
  const url = new URL(link);
  assert.equal(url.protocol, 'command:');
  assert.equal(url.pathname, SHOW_RULE_DOCS);
  assert.deepEqual(JSON.parse(decodeURIComponent(url.search.slice(1))), ['rsyncd/unknown-parameter']);
});

test("only the server's rule reference links are replaced", () => {
  const href = `${pathToFileURL('/root/.vscode-server/extensions/push-mirror/docs/rules.md').href}#${ruleAnchor('inetd/crlf')}`;
  assert.ok(isRulesDocUrl(href));
  assert.ok(!isRulesDocUrl('https://example.org/docs/rules.md#x'));
  assert.ok(!isRulesDocUrl('file:///srv/other.md#x'));
});

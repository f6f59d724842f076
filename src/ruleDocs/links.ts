// How a diagnostic's code opens its rule's documentation, without the vscode API (unit-tested).
//
// The language server links every code to `file:///…/docs/rules.md#<anchor>`: a plain URL every
// editor can follow. VS Code's Problems view and hover hand that URL to the opener service, which
// opens a file URL as raw text at line 1 and ignores the fragment. Both pass `allowCommands: true`
// (markersTreeViewer, markersTable and markerHoverParticipant in VS Code 1.100), so the client
// replaces the URL by a `command:` link to SHOW_RULE_DOCS, which opens the rendered Markdown
// preview scrolled to the rule's heading. Other editors keep the file URL.

export const SHOW_RULE_DOCS = 'pushMirror.showRuleDocs';
export const RULES_DOC = 'docs/rules.md';

/** The `command:` link that shows a rule's documentation. */
export function ruleDocsCommandLink(code: string): string {
  return `command:${SHOW_RULE_DOCS}?${encodeURIComponent(JSON.stringify([code]))}`;
}

/** Whether a documentation URL is the rule reference the server links to. */
export function isRulesDocUrl(url: string): boolean {
  return url.startsWith('file:') && url.replace(/[?#].*$/, '').endsWith(`/${RULES_DOC}`);
}

/**
 * The id the Markdown preview gives a rule's heading (`### rsyncd/unknown-parameter`): VS Code's
 * slugifier, like GitHub's, lowercases, turns blanks into `-` and drops punctuation such as `/`.
 * The preview scrolls to an element whose id equals the URL fragment.
 */
export function previewFragment(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9_-]/g, '');
}

/** The heading line of a rule in docs/rules.md (scripts/rules-doc.ts writes it). */
export function ruleHeading(code: string): string {
  return `### ${code}`;
}

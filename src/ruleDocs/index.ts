import * as vscode from 'vscode';
import { isRulesDocUrl, previewFragment, ruleDocsCommandLink, ruleHeading, RULES_DOC, SHOW_RULE_DOCS } from './links';

// Opens a rule's section of docs/rules.md as rendered Markdown: the built-in preview, to the side,
// scrolled to the rule's heading. Without the Markdown extension (disabled, or an editor that lacks
// it) the file opens as text at the heading instead.

/** The built-in extension that owns `markdown.showPreviewToSide` (present but not yet active until used). */
const MARKDOWN_EXTENSION = 'vscode.markdown-language-features';

async function showRuleDocs(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, code: unknown) {
  const doc = vscode.Uri.file(context.asAbsolutePath(RULES_DOC));
  const rule = typeof code === 'string' && code ? code : undefined;
  if (vscode.extensions.getExtension(MARKDOWN_EXTENSION)) {
    try {
      await vscode.commands.executeCommand(
        'markdown.showPreviewToSide',
        rule ? doc.with({ fragment: previewFragment(rule) }) : doc,
      );
      return;
    } catch (error) {
      log.warn(`the Markdown preview failed (${String(error)}); opening ${RULES_DOC} as text`);
    }
  } else log.info(`no Markdown preview here; opening ${RULES_DOC} as text`);
  const text = await vscode.workspace.openTextDocument(doc);
  const line = rule ? text.getText().split('\n').indexOf(ruleHeading(rule)) : 0;
  const at = new vscode.Position(Math.max(line, 0), 0);
  await vscode.window.showTextDocument(text, {
    viewColumn: vscode.ViewColumn.Beside,
    selection: new vscode.Range(at, at),
    preview: true,
  });
}

export function registerRuleDocs(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_DOCS, (code?: unknown) => showRuleDocs(context, log, code)),
  );
}

/** Points a diagnostic's code link at SHOW_RULE_DOCS when it links to the rule reference. */
export function linkRuleDocs(diagnostic: vscode.Diagnostic): vscode.Diagnostic {
  const code = diagnostic.code;
  if (typeof code === 'object' && code.target && isRulesDocUrl(code.target.toString(true)))
    diagnostic.code = { value: code.value, target: vscode.Uri.parse(ruleDocsCommandLink(String(code.value))) };
  return diagnostic;
}

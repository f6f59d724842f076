import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  SymbolKind,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeLensInfo,
  CompletionEntry,
  CompletionKind,
  DocumentSymbolInfo,
  SymbolKind as CoreSymbolKind,
} from '../core/service';
import type { Fix, Problem, Severity, Span, TextEdit } from '../core/types';

// The one adapter between the pure core (offsets, plain objects) and LSP (positions, protocol types).

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'push-mirror';

export function toDiagnostic(
  doc: TextDocument,
  problem: Problem,
  docsHref?: (code: string) => string | undefined,
): Diagnostic {
  // Built a property at a time: a large file converts a thousand problems on every keystroke.
  const diagnostic: Diagnostic = {
    range: toRange(doc, problem),
    severity: SEVERITY[problem.severity],
    code: problem.code,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
  const href = docsHref?.(problem.code);
  if (href) diagnostic.codeDescription = { href };
  if (problem.unnecessary || problem.deprecated) {
    diagnostic.tags = [];
    if (problem.unnecessary) diagnostic.tags.push(DiagnosticTag.Unnecessary);
    if (problem.deprecated) diagnostic.tags.push(DiagnosticTag.Deprecated);
  }
  return diagnostic;
}

export function toTextEdits(doc: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(doc, e), newText: e.newText }));
}

export function fixToCodeAction(doc: TextDocument, fix: Fix, diagnostic?: Diagnostic): CodeAction {
  const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
  if (fix.edits.length) action.edit = { changes: { [doc.uri]: toTextEdits(doc, fix.edits) } };
  if (fix.command)
    action.command = { command: fix.command.id, title: fix.command.title, arguments: fix.command.arguments };
  if (diagnostic) action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  module: CompletionItemKind.Module,
  file: CompletionItemKind.File,
  enum: CompletionItemKind.EnumMember,
};

export function toCompletionItem(doc: TextDocument, entry: CompletionEntry): CompletionItem {
  const item: CompletionItem = { label: entry.label, kind: COMPLETION_KIND[entry.kind] };
  if (entry.detail) item.detail = entry.detail;
  if (entry.documentation) item.documentation = { kind: 'markdown', value: entry.documentation };
  if (entry.sortText) item.sortText = entry.sortText;
  if (entry.filterText) item.filterText = entry.filterText;
  if (entry.snippet) item.insertTextFormat = 2;
  const insert = entry.insertText ?? entry.label;
  if (entry.range) item.textEdit = { range: toRange(doc, entry.range), newText: insert };
  else if (entry.insertText !== undefined) item.insertText = insert;
  return item;
}

const SYMBOL_KIND: Record<CoreSymbolKind, SymbolKind> = {
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  property: SymbolKind.Property,
  key: SymbolKind.Key,
  object: SymbolKind.Object,
  event: SymbolKind.Event,
  constant: SymbolKind.Constant,
  file: SymbolKind.File,
};

export function toDocumentSymbol(doc: TextDocument, symbol: DocumentSymbolInfo): DocumentSymbol {
  return {
    name: symbol.name || ' ',
    ...(symbol.detail ? { detail: symbol.detail } : {}),
    kind: SYMBOL_KIND[symbol.kind],
    range: toRange(doc, symbol),
    selectionRange: toRange(doc, symbol.selection ?? symbol),
    ...(symbol.children ? { children: symbol.children.map((c) => toDocumentSymbol(doc, c)) } : {}),
  };
}

/** A lens runs its command with the document's URI first, so the client reads the document itself. */
export function toCodeLens(doc: TextDocument, lens: CodeLensInfo): CodeLens {
  return {
    range: toRange(doc, lens),
    command: { title: lens.title, command: lens.command, arguments: [doc.uri, ...(lens.arguments ?? [])] },
  };
}

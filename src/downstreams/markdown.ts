import { sanitize } from '../engine/logs/lines';

// Text read from other hosts (trace fields, HTTP errors, a forced command's last words) shown in a
// Markdown tooltip: control characters made visible as in log tails, Markdown punctuation escaped so
// a downstream's trace cannot add links or formatting, and length capped. No `vscode` import.

const MAX = 300;

/** `text` as literal Markdown. */
export function mdText(text: string): string {
  const cut = text.length > MAX ? `${text.slice(0, MAX)}…` : text;
  return sanitize(cut).replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, (c) => `\\${c}`);
}

// Words for people, from code that may not import `vscode` (the engines, the views' plain-data
// modules). They take a `t: Translate`; the CLI and the tests get `english`, the extension hands them
// `vscode.l10n.t`, which looks the English text up in media/l10n/bundle.l10n.<language>.json.
// scripts/l10n.ts collects every `t('…')` and `l10n.t('…')`: the first argument is always a literal
// English sentence with `{0}`, `{1}` for what varies, never a word glued to others.

export type Translate = (message: string, ...args: Array<string | number>) => string;

/** The message itself with its `{n}` filled in, as `vscode.l10n.t` does without a bundle. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });

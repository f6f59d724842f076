// Writes what package.json and the README say about languages and settings from the one place that
// knows them (server/src/core/languages.ts, server/src/core/settings.ts). Run by the build; a unit
// test fails when the committed files are out of date, so a setting or a file pattern cannot drift.
// A setting's description is written once, in English, in settings.ts: package.json names it by a
// `%pushMirror.x.description%` key and package.nls.json gets its text from here; translations
// (package.nls.<language>.json) are written by hand and checked by test/unit/manifest.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { LANGUAGES, type LanguageFacts } from '../server/src/core/languages';
import { SETTINGS, type SettingFact } from '../server/src/core/settings';
import { workspaceFileGlobs } from '../server/src/core/workspace-languages';

const languages = LANGUAGES as readonly LanguageFacts[];

export function languageContributions() {
  return languages
    .filter((l) => !l.selectedByPattern)
    .map((l) => ({
      id: l.id,
      aliases: [...l.aliases],
      ...(l.filenames.length ? { filenames: [...l.filenames] } : {}),
      ...(l.filenamePatterns.length ? { filenamePatterns: [...l.filenamePatterns] } : {}),
      configuration: `./syntaxes/${l.id}.language-configuration.json`,
    }));
}

export function grammarContributions() {
  return languages
    .filter((l) => l.scopeName)
    .map((l) => ({ language: l.id, scopeName: l.scopeName, path: `./syntaxes/${l.id}.tmLanguage.json` }));
}

/**
 * Activation beyond what contributions imply (VS Code adds onLanguage, onView and onCommand itself):
 * a workspace holding a mirror file starts the server, whose workspace check lists the problems of the
 * files nobody opened (after a reload, too), and the Downstreams view fills itself from the lists.
 */
export function activationEvents(): string[] {
  return workspaceFileGlobs().map((p) => `workspaceContains:${p}`);
}

/** The package.nls.json key of a setting's description. */
export const settingNlsKey = (settingKey: string): string => `${settingKey}.description`;

/** Keys of package.nls.json this script owns; every other key is written by hand. */
export const isSettingNlsKey = (key: string): boolean => key.startsWith('pushMirror.') && key.endsWith('.description');

function settingSchema(s: SettingFact): Record<string, unknown> {
  const { key, description: _description, ...schema } = s;
  return { ...schema, markdownDescription: `%${settingNlsKey(key)}%` };
}

export function configurationContribution() {
  return {
    title: 'Push Mirror',
    properties: Object.fromEntries(Object.values(SETTINGS).map((s) => [s.key, settingSchema(s)])),
  };
}

/** package.json with its generated parts replaced; everything else is kept as written. */
export function renderManifest(pkg: Record<string, unknown>): Record<string, unknown> {
  const contributes = pkg.contributes as Record<string, unknown>;
  const inventory = languages.find((l) => l.id === 'pushmirror-inventory')!;
  return {
    ...pkg,
    activationEvents: activationEvents(),
    contributes: {
      ...contributes,
      languages: languageContributions(),
      grammars: grammarContributions(),
      yamlValidation: [
        {
          fileMatch: inventory.filenames.flatMap((f) => [f, `**/${f}`]),
          url: './schemas/pushmirror.schema.json',
        },
      ],
      configuration: configurationContribution(),
    },
  };
}

/**
 * package.nls.json with the settings' descriptions from settings.ts (in its order, after the
 * hand-written entries, which are kept as they are); a setting that no longer exists loses its entry.
 */
export function renderNls(nls: Record<string, string>): Record<string, string> {
  const own = Object.entries(nls).filter(([key]) => !isSettingNlsKey(key));
  const settings = Object.values(SETTINGS as Record<string, SettingFact>).map(
    (s) => [settingNlsKey(s.key), s.description] as const,
  );
  return Object.fromEntries([...own, ...settings]);
}

const NLS_REFERENCE = /^%([^%\s]+)%$/;

/** Every `%key%` package.json names, with where it is (`contributes.commands.3.title`). */
export function nlsReferences(value: unknown, where = ''): { key: string; where: string }[] {
  if (typeof value === 'string') {
    const m = NLS_REFERENCE.exec(value);
    return m ? [{ key: m[1]!, where }] : [];
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => nlsReferences(v, where ? `${where}.${k}` : k));
  return [];
}

/** package.json as VS Code shows it in a language: every `%key%` replaced by the bundle's text. */
export function localize<T>(value: T, nls: Record<string, string>): T {
  if (typeof value === 'string') {
    const m = NLS_REFERENCE.exec(value);
    return (m && m[1]! in nls ? nls[m[1]!] : value) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => localize(v, nls)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v, nls)])) as T;
  return value;
}

const SCOPE_WHERE: Record<SettingFact['scope'], string> = {
  application: 'your own user settings only',
  machine: "user settings of the extension's machine only",
  'machine-overridable': "the extension's machine; a workspace may override",
  resource: 'user, workspace or folder',
  window: 'user or workspace',
};

const TABLE_START = '<!-- settings table: generated from server/src/core/settings.ts -->';
const TABLE_END = '<!-- end of settings table -->';

export function renderSettingsTable(): string {
  const rows = Object.values(SETTINGS as Record<string, SettingFact>).map((s) => {
    const meaning = s.description.replace(/\|/g, '\\|');
    return `| \`${s.key}\` | \`${JSON.stringify(s.default)}\` | ${SCOPE_WHERE[s.scope]} | ${meaning} |`;
  });
  return [
    TABLE_START,
    '| setting | default | where it is set | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    TABLE_END,
  ].join('\n');
}

const NVIM_START = '<!-- neovim snippet: generated from server/src/core/languages.ts -->';
const NVIM_END = '<!-- end of neovim snippet -->';

/** Neovim autocmd patterns for the checked languages: `**` becomes `*`, which crosses `/` there. */
export function neovimPatterns(): string[] {
  return languages
    .filter((l) => l.rulePrefix)
    .flatMap((l) => [
      ...l.filenames,
      ...l.filenamePatterns.map((p) => (p.includes('/') ? p.replace(/\*\*\//g, '*/') : p)),
    ]);
}

export function renderNeovimSnippet(): string {
  // The pattern list wrapped at about 100 columns, as a person would write it.
  const lines: string[] = [];
  for (const p of neovimPatterns().map((p) => `'${p}',`)) {
    if (lines.length && lines[lines.length - 1]!.length + p.length < 96) lines[lines.length - 1] += ` ${p}`;
    else lines.push(`    ${p}`);
  }
  return [
    NVIM_START,
    '```lua',
    '-- Push Mirror language server for the files it checks (Neovim 0.7+).',
    'local push_mirror',
    "vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {",
    '  pattern = {',
    ...lines,
    '  },',
    '  callback = function(args)',
    '    push_mirror = push_mirror or vim.lsp.start_client({',
    "      name = 'push-mirror',",
    "      cmd = { 'push-mirror-language-server', '--stdio' },",
    '      root_dir = vim.fn.getcwd(),',
    '    })',
    '    vim.lsp.buf_attach_client(args.buf, push_mirror)',
    '  end,',
    '})',
    '```',
    NVIM_END,
  ].join('\n');
}

function replaceBetween(text: string, start: string, end: string, body: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`);
  return text.slice(0, from) + body + text.slice(to + end.length);
}

/** The README with its generated parts (settings table, Neovim snippet) regenerated. */
export function renderReadme(readme: string): string {
  const withTable = replaceBetween(readme, TABLE_START, TABLE_END, renderSettingsTable());
  return replaceBetween(withTable, NVIM_START, NVIM_END, renderNeovimSnippet());
}

/** The Lua of the README's Neovim snippet, as a user would copy it. */
export function readmeNeovimLua(readme: string): string {
  const block = readme.slice(readme.indexOf(NVIM_START), readme.indexOf(NVIM_END));
  const m = /```lua\n([\s\S]*?)```/.exec(block);
  if (!m) throw new Error('README.md has no Neovim snippet');
  return m[1]!;
}

/** Rewrites a JSON file through `render`, formatted as prettier would, only when it changes. */
async function rewriteJson(file: URL, name: string, render: (value: never) => unknown): Promise<void> {
  const before = readFileSync(file, 'utf8');
  const options = { ...(await resolveConfig(file)), filepath: name };
  const after = await format(JSON.stringify(render(JSON.parse(before) as never), null, 2), options);
  if (after !== before) writeFileSync(file, after);
}

async function main(): Promise<void> {
  const root = new URL('..', `file://${__filename}`);
  await rewriteJson(new URL('package.json', root), 'package.json', renderManifest);
  await rewriteJson(new URL('package.nls.json', root), 'package.nls.json', renderNls);
  const readmeFile = new URL('README.md', root);
  const readme = readFileSync(readmeFile, 'utf8');
  const newReadme = renderReadme(readme);
  if (newReadme !== readme) writeFileSync(readmeFile, newReadme);
}

if (require.main === module) void main();

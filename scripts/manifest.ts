// Writes what package.json and the README say about languages and settings from the one place that
// knows them (server/src/core/languages.ts, server/src/core/settings.ts). Run by the build; a unit
// test fails when the committed files are out of date, so a setting or a file pattern cannot drift.
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

function settingSchema(s: SettingFact): Record<string, unknown> {
  const { key: _key, description, ...schema } = s;
  return { ...schema, markdownDescription: description };
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

async function main(): Promise<void> {
  const root = new URL('..', `file://${__filename}`);
  const pkgFile = new URL('package.json', root);
  const before = readFileSync(pkgFile, 'utf8');
  const options = { ...(await resolveConfig(pkgFile)), filepath: 'package.json' };
  const after = await format(JSON.stringify(renderManifest(JSON.parse(before)), null, 2), options);
  if (after !== before) writeFileSync(pkgFile, after);
  const readmeFile = new URL('README.md', root);
  const readme = readFileSync(readmeFile, 'utf8');
  const newReadme = renderReadme(readme);
  if (newReadme !== readme) writeFileSync(readmeFile, newReadme);
}

if (require.main === module) void main();

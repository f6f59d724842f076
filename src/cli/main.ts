import { parseArgs } from 'node:util';
import { CHECKED_LANGUAGE_IDS, languageFacts, type LanguageId } from '../../server/src/core/languages';
import { RULE_LEVELS, type RuleLevel } from '../../server/src/core/settings';
import { isCliCommand, type CliCommand } from './commands';
import { processOutput, UsageError, type Output } from './output';

// Each subcommand's module (the rule engine for check, ssh2 for signal and keygen) runs only when
// that command does: the bundle keeps these dynamic imports lazy, so `push-mirror --version` runs no
// rule code and `check` never starts ssh2. dist/cli.js (the bin, launcher.ts) calls main().

/** The languages `check --language` takes; read from the facts, which load no rule code. */
export const LANGUAGES: readonly LanguageId[] = CHECKED_LANGUAGE_IDS;
const LEVELS: ReadonlySet<string> = new Set(RULE_LEVELS);

const CHECK_USAGE = `  check [--format text|json] [--language ID] [--no-fs] [--rule CODE=LEVEL]... FILE...
      Validate, as the real programs read them, ${titles()}.
      The kind of file comes from its name, or from --language ID:
        ${LANGUAGES.join(', ')}.
      --no-fs              do not look at this machine's files (a config for another host)
      --rule CODE=LEVEL    ${RULE_LEVELS.join(', ')}; codes in docs/rules.md (repeatable)
      Exit 0: no errors; 1: errors found; 2: usage error, or a file that cannot be read or recognised.`;

function titles(): string {
  const all = LANGUAGES.map((id) => languageFacts(id)!.title);
  return `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

/** Each subcommand's own usage, for `push-mirror COMMAND --help`. */
const COMMAND_USAGE: Record<CliCommand, () => Promise<string>> = {
  check: async () => CHECK_USAGE,
  signal: async () => (await import('./signal')).SIGNAL_USAGE,
  keygen: async () => (await import('./keygen')).KEYGEN_USAGE,
  status: async () => (await import('./status')).STATUS_USAGE,
  login: async () => (await import('./login')).LOGIN_USAGE,
};

const usage = async () => {
  const [{ SIGNAL_USAGE }, { KEYGEN_USAGE }, { STATUS_USAGE }, { LOGIN_USAGE }] = await Promise.all([
    import('./signal'),
    import('./keygen'),
    import('./status'),
    import('./login'),
  ]);
  return `usage: push-mirror <command> [options]

commands:
${CHECK_USAGE}

${SIGNAL_USAGE}

${STATUS_USAGE}

${KEYGEN_USAGE}

${LOGIN_USAGE}

  --help, --version`;
};

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      out.print(await usage());
      return command ? 0 : 2;
    }
    if (command === '--version') {
      out.print(PACKAGE_VERSION);
      return 0;
    }
    if (isCliCommand(command) && (rest.includes('--help') || rest.includes('-h'))) {
      out.print(await COMMAND_USAGE[command]!());
      return 0;
    }
    if (command === 'check') {
      const options = parseCheckArgs(rest);
      return await (await import('./check')).runCheck(options, out);
    }
    if (command === 'signal') return await (await import('./signal')).runSignal(rest, out);
    if (command === 'keygen') return await (await import('./keygen')).runKeygen(rest, out);
    if (command === 'status') return await (await import('./status')).runStatus(rest, out);
    if (command === 'login') return await (await import('./login')).runLogin(rest, out);
    throw new UsageError(`unknown command \`${command}\``);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error((error as Error).message);
      out.info('run `push-mirror --help` for usage');
      return 2;
    }
    out.error(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  }
}

function parseCheckArgs(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      language: { type: 'string' },
      'no-fs': { type: 'boolean', default: false },
      rule: { type: 'string', multiple: true, default: [] },
    },
  });
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`--format must be text or json, not \`${values.format}\``);
  if (values.language && !LANGUAGES.includes(values.language as LanguageId)) {
    throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}, not \`${values.language}\``);
  }
  const levels: Record<string, RuleLevel> = {};
  for (const spec of values.rule ?? []) {
    const [code, level] = spec.split('=');
    if (!code || !level || !LEVELS.has(level))
      throw new UsageError(`--rule takes CODE=LEVEL (${RULE_LEVELS.join(', ')}), not \`${spec}\``);
    levels[code] = level as RuleLevel;
  }
  return {
    files: positionals,
    format: values.format,
    ...(values.language ? { language: values.language as LanguageId } : {}),
    checkFileSystem: !values['no-fs'],
    levels,
  } as const;
}

import { parseArgs } from 'node:util';
import { CHECKED_LANGUAGE_IDS, type LanguageId } from '../../server/src/core/languages';
import { RULE_LEVELS, type RuleLevel } from '../../server/src/core/settings';
import { processOutput, UsageError, type Output } from './output';

// Each subcommand's module (the rule engine for check, ssh2 for signal and keygen) is loaded when
// that command runs: esbuild keeps these dynamic imports in dist/cli.js but initialises a module
// only on its first import, so `push-mirror signal` does not pay for evaluating the check rules.

const usage = async () => {
  const [{ SIGNAL_USAGE }, { KEYGEN_USAGE }, { LOGIN_USAGE }] = await Promise.all([
    import('./signal'),
    import('./keygen'),
    import('./login'),
  ]);
  return `usage: push-mirror <command> [options]

commands:
  check [--format text|json] [--language ID] [--no-fs] [--rule CODE=LEVEL]... FILE...
      Validate rsyncd.conf, rsync secrets, authorized_keys, runmirrors.mirror and ftpsync.conf files.
      Exit 0: no errors; 1: errors found; 2: usage error or unreadable file.

${SIGNAL_USAGE}

${KEYGEN_USAGE}

${LOGIN_USAGE}

  --help, --version`;
};

/** The languages `check --language` takes; read from the facts, which load no rule code. */
export const LANGUAGES: readonly LanguageId[] = CHECKED_LANGUAGE_IDS;
const LEVELS: ReadonlySet<string> = new Set(RULE_LEVELS);

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
    if (command === 'check') {
      const options = parseCheckArgs(rest);
      return (await import('./check')).runCheck(options, out);
    }
    if (command === 'signal') return await (await import('./signal')).runSignal(rest, out, interrupted());
    if (command === 'keygen') return await (await import('./keygen')).runKeygen(rest, out);
    if (command === 'login') return await (await import('./login')).runLogin(rest, out, interrupted());
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

/** Ctrl-C / SIGTERM cancel a running signal (every connection closed within a second) instead of killing it. */
function interrupted(): AbortSignal {
  const ac = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => ac.abort());
  return ac.signal;
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
    throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}`);
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

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

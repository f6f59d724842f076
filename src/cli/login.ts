import { parseArgs } from 'node:util';
import { readRegularFile } from '../../server/src/node/files';
import { formatAge } from '../engine/inventory/trace';
import { testUpstreamLogin } from '../engine/rsync/login';
import { upstreamTarget } from '../engine/rsync/target';
import { UsageError, type Output } from './output';

// `push-mirror login FILE`: "Test upstream login" for cron and scripts. Reads ftpsync.conf as ftpsync
// does, runs the real rsync client against RSYNC_HOST::RSYNC_PATH with the password in its
// environment, prints the daemon's answer and the master trace. Never prompts.

export const LOGIN_USAGE = `  login [--connect-timeout S] [--timeout S] FILE
      Test the upstream login of an ftpsync.conf: rsync --list-only rsync://RSYNC_USER@RSYNC_HOST/MODULE/
      (RSYNC_PASSWORD in rsync's environment, --port from RSYNC_EXTRA), then the age of the upstream's
      project/trace/master. Exit 0: login accepted; 1: refused or unreachable; 2: usage or unreadable file.`;

export async function runLogin(args: string[], out: Output, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'connect-timeout': { type: 'string', default: '10' },
      timeout: { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out.print(LOGIN_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('login takes one ftpsync.conf');
  const connectTimeout = Number(values['connect-timeout']);
  const ioTimeout = Number(values.timeout);
  if (!(connectTimeout > 0) || !(ioTimeout > 0)) throw new UsageError('--connect-timeout and --timeout take seconds');
  const file = positionals[0]!;
  let text: string;
  try {
    text = (await readRegularFile(file, { maxBytes: 1024 * 1024 })).toString('utf8');
  } catch (error) {
    out.error(`${file}: ${(error as Error).message}`);
    return 2;
  }
  const reading = upstreamTarget(text, file);
  if (!reading.target) {
    out.error(`${file}: ${reading.problem}`);
    return 2;
  }
  const result = await testUpstreamLogin({
    target: reading.target,
    ...(reading.password ? { password: reading.password } : {}),
    connectTimeout,
    ioTimeout,
    ...(signal ? { signal } : {}),
  });
  out.print(`${result.url} ${result.outcome}: ${result.answer}`);
  if (result.outcome !== 'ok') return 1;
  const master = result.master;
  if (master?.error) out.print(`master trace: ${master.error}`);
  else
    out.print(
      `master trace: serial ${master?.serial ?? 'unknown'}${master?.date ? `, ${new Date(master.date).toISOString()} (${formatAge(Date.now() - master.date)} ago)` : ''}`,
    );
  return 0;
}

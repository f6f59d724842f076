import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { FileExistsError } from '../engine/fsutil/atomic';
import { KEY_TYPES, type KeyType } from '../engine/keys/generate';
import { createKeyFiles, DEFAULT_KEY_FILE, freeKeyFile, expandHome } from '../engine/keys/keyFile';
import { validateCommand, validateFrom } from '../engine/keys/trigger';
import { UsageError, type Output } from './output';

// `push-mirror keygen`: the key wizard's choices as flags. The authorized_keys line goes to stdout
// (so it can be piped or mailed), everything else to stderr. No passphrase flag: a passphrase on a
// command line ends up in shell history and `ps`; unattended pushes use an unencrypted key anyway.

export const KEYGEN_USAGE = `  keygen [--type ed25519|rsa|ecdsa] [--bits N] [--file PATH] --command CMD [--from LIST] [--comment TEXT]
      Generate a trigger key (private key 0600, PATH.pub beside it; default ${DEFAULT_KEY_FILE}) and print
      the downstream's authorized_keys line: restrict,command="CMD",from="LIST" <key> <comment>.
      Never overwrites a file: exit 1 if PATH or PATH.pub exists (a free name is suggested).`;

export async function runKeygen(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      type: { type: 'string', default: 'ed25519' },
      bits: { type: 'string' },
      file: { type: 'string', default: DEFAULT_KEY_FILE },
      command: { type: 'string' },
      from: { type: 'string', default: '' },
      comment: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out.print(KEYGEN_USAGE);
    return 0;
  }
  if (positionals.length) throw new UsageError(`keygen takes no positional arguments (got \`${positionals[0]}\`)`);
  const type = values.type as KeyType;
  if (!KEY_TYPES.some((k) => k.type === type)) throw new UsageError('--type must be ed25519, rsa or ecdsa');
  if (values.command === undefined)
    throw new UsageError('--command is required: the forced command the downstream runs, e.g. ~/bin/ftpsync');
  const commandProblem = validateCommand(values.command);
  if (commandProblem) throw new UsageError(`--command: ${commandProblem}`);
  const fromProblem = validateFrom(values.from);
  if (fromProblem) throw new UsageError(`--from: ${fromProblem}`);
  const bits = values.bits === undefined ? undefined : Number(values.bits);
  if (bits !== undefined && !Number.isInteger(bits)) throw new UsageError('--bits takes a number');
  try {
    const key = await createKeyFiles(
      {
        type,
        ...(bits !== undefined ? { bits } : {}),
        file: values.file,
        command: values.command,
        ...(values.from ? { from: values.from } : {}),
        comment: values.comment ?? defaultComment(),
      },
      { info: (m) => out.info(m) },
    );
    out.print(key.authorizedKeysLine);
    return 0;
  } catch (error) {
    if (error instanceof FileExistsError) {
      out.error(
        `${error.file} already exists; not overwriting it (the seed's warning: don't overwrite your original ssh key)`,
      );
      out.info(`a free name: --file ${await freeKeyFile(expandHome(values.file)).catch(() => '…')}`);
      return 1;
    }
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

function defaultComment(): string {
  const user = process.env.USER ?? process.env.LOGNAME ?? os.userInfo().username;
  return `pushmirror ${user}@${os.hostname()}`;
}

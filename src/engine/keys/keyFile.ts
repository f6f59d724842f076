import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileExistsError, writeNewFile } from '../fsutil/atomic';
import { english, type Translate } from '../l10n';
import { generateKey, type GeneratedKey, type KeySpec } from './generate';
import { triggerLine } from './trigger';

// Creating a trigger key on disk: private key 0600 and .pub 0644 beside it, both new files. The
// seed's warning ("make sure you don't overwrite your original ssh key") is the rule here: an
// existing private or public file with that name is never touched, and a free name is offered.

/** runmirrors' default KEYFILE is ~/.ssh/pushmirror; the wizard and CLI start there. */
export const DEFAULT_KEY_FILE = '~/.ssh/pushmirror';

export function expandHome(file: string, home = os.homedir()): string {
  if (file === '~') return home;
  if (file.startsWith('~/')) return path.join(home, file.slice(2));
  return file;
}

export function validateKeyPath(file: string, t: Translate = english): string | undefined {
  if (!file.trim()) return t('give a file name');
  if (file.endsWith('/') || file.endsWith(path.sep)) return t('give a file name, not a directory');
  if (file.endsWith('.pub')) return t('name the private key file; the public key is written beside it as NAME.pub');
  if (/[\r\n\0]/.test(file)) return t('the file name must be a single line');
  return undefined;
}

/** The first of the key and its .pub that exists (lstat: a dangling symlink counts too). */
async function existingOf(file: string): Promise<string | undefined> {
  for (const candidate of [file, `${file}.pub`]) {
    try {
      await fsp.lstat(candidate);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return undefined;
}

async function taken(file: string): Promise<boolean> {
  return (await existingOf(file)) !== undefined;
}

/** Whether the key or its .pub already exists (either would be overwritten by a naive keygen). */
export function keyFileTaken(file: string): Promise<boolean> {
  return taken(file);
}

/** `pushmirror` → the first of `pushmirror-2`, `pushmirror-3`, … whose key and .pub are both free. */
export async function freeKeyFile(file: string): Promise<string> {
  if (!(await taken(file))) return file;
  const base = file.replace(/-\d+$/, '');
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
  throw new Error(`no free name next to ${file}`);
}

export interface CreateKeyInput extends KeySpec {
  /** Private key path (`~/` is expanded); the public key goes to `<file>.pub`. */
  file: string;
  command: string;
  from?: string;
}

export interface CreatedKey extends Omit<GeneratedKey, 'privateKey'> {
  privateFile: string;
  publicFile: string;
  /** `restrict,command="…",from="…" type key comment` for the downstream's authorized_keys. */
  authorizedKeysLine: string;
}

/**
 * Generates a key and writes both files. Refuses (FileExistsError) before generating when either
 * file exists; if the .pub cannot be written, the private key just written is removed again, so a
 * failure leaves nothing behind. The private key is not returned: it only ever goes to its file.
 */
export async function createKeyFiles(
  input: CreateKeyInput,
  log?: { info(message: string): void },
  home = os.homedir(),
): Promise<CreatedKey> {
  const privateFile = path.resolve(expandHome(input.file, home));
  const publicFile = `${privateFile}.pub`;
  const problem = validateKeyPath(input.file);
  if (problem) throw new RangeError(problem);
  const existing = await existingOf(privateFile);
  if (existing) throw new FileExistsError(existing);
  const key = await generateKey(input);
  // Computed first: a command or from= that cannot be written must fail before any file exists.
  const authorizedKeysLine = triggerLine(key.publicLine, input.command, input.from);
  await fsp.mkdir(path.dirname(privateFile), { recursive: true, mode: 0o700 });
  await writeNewFile(privateFile, key.privateKey, 0o600);
  try {
    await writeNewFile(publicFile, `${key.publicLine}\n`, 0o644);
  } catch (error) {
    await fsp.unlink(privateFile).catch(() => undefined);
    throw error;
  }
  log?.info(
    `wrote ${privateFile} (0600) and ${publicFile} (0644): ${input.type} ${key.bits} ${key.fingerprint}${input.passphrase ? ', passphrase-protected' : ''}`,
  );
  return {
    privateFile,
    publicFile,
    publicLine: key.publicLine,
    fingerprint: key.fingerprint,
    bits: key.bits,
    authorizedKeysLine,
  };
}

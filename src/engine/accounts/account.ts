import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { formatMode, replaceFile } from '../fsutil/atomic';
import { planModuleAuth, type ModuleAuthPlan } from './authUsers';
import { appendSecret, generatePassword, secretsUsers, validateUserName } from './secrets';

// A downstream's rsync account, without the editor: plan (what changes, what to warn about), then
// write the secrets line. The rsyncd.conf change is returned as text edits so the editor can apply
// them as a workspace edit (undoable); the secrets file is written here, atomically. Order the
// caller keeps: secrets first, then rsyncd.conf, so the daemon never lists a user without a password.

export interface StepLog {
  info(message: string): void;
}

export interface AccountInput {
  confText: string;
  module: string;
  user: string;
  /** For a module without `secrets file`: the file to name in it (absolute). */
  secretsFile?: string;
}

export interface AccountPlan extends ModuleAuthPlan {
  secretsPath: string;
  /** Mode of the existing secrets file, undefined when it will be created (0600). */
  secretsMode?: number;
  password: string;
  warnings: string[];
}

export async function planAccount(input: AccountInput): Promise<AccountPlan> {
  const bad = validateUserName(input.user);
  if (bad) throw new RangeError(bad);
  if (input.secretsFile !== undefined && !path.isAbsolute(input.secretsFile)) {
    throw new RangeError(
      "give the secrets file as an absolute path (rsync resolves a relative one against the daemon's working directory)",
    );
  }
  const plan = planModuleAuth(input.confText, input.module, input.user, input.secretsFile);
  const secretsPath = plan.secretsFile!;
  if (!path.isAbsolute(secretsPath))
    throw new RangeError(`[${input.module}] names a relative secrets file (${secretsPath}); make it absolute first`);
  const warnings: string[] = [];
  const info = await fsp.stat(secretsPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info) {
    if (!info.isFile()) throw new Error(`${secretsPath} is not a regular file`);
    const existing = await fsp.readFile(secretsPath, 'utf8');
    if (secretsUsers(existing).has(input.user)) {
      throw new RangeError(
        `${secretsPath} already has a line for \`${input.user}\` (rsync only ever tries the first one)`,
      );
    }
    if (info.mode & 0o006) {
      warnings.push(
        `${secretsPath} has mode ${formatMode(info.mode & 0o7777)}: with strict modes rsync ignores it and every login fails; set it to 0600.`,
      );
    }
  }
  if (plan.becomesRestricted)
    warnings.push(
      `[${input.module}] had no auth users, so anyone could read it; from now on it asks for a user and password.`,
    );
  if (plan.copiedFromGlobal)
    warnings.push(
      `[${input.module}] took auth users from a global section; the module now gets its own line (the global list copied in).`,
    );
  if (plan.change.shadowedBy) {
    const r = plan.change.shadowedBy;
    warnings.push(
      `\`${r.pattern}${r.access ? `:${r.access}` : ''}\` already matched \`${input.user}\`, so the new user goes first in auth users.`,
    );
  }
  return {
    ...plan,
    secretsPath,
    ...(info ? { secretsMode: info.mode & 0o7777 } : {}),
    password: generatePassword(),
    warnings,
  };
}

/**
 * Appends `user:password` to the secrets file: existing bytes kept, created 0600 when missing,
 * written atomically. Checks again for a duplicate user on the bytes actually rewritten.
 */
export async function writeAccountSecret(
  secretsPath: string,
  user: string,
  password: string,
  log?: StepLog,
): Promise<{ created: boolean; mode: number }> {
  const result = await replaceFile(secretsPath, {
    createMode: 0o600,
    update: (current) => {
      if (current && secretsUsers(current.toString('utf8')).has(user))
        throw new RangeError(`${secretsPath} already has a line for \`${user}\``);
      return appendSecret(current, user, password);
    },
  });
  log?.info(
    `${result.created ? 'created' : 'updated'} ${secretsPath} (mode ${formatMode(result.mode)}): added a line for ${user}`,
  );
  return result;
}

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../../../server/src/node/files';
import { formatMode, replaceFile } from '../fsutil/atomic';
import { english, type Translate } from '../l10n';
import { planModuleAuth, type ModuleAuthPlan } from './authUsers';
import { appendSecret, generatePassword, secretsUsers, validateUserName } from './secrets';

// A downstream's rsync account, without the editor: plan (what changes, what to warn about), then
// write the secrets line. The rsyncd.conf change is returned as text edits so the editor can apply
// them as a workspace edit (undoable); the secrets file is written here, atomically. Order the
// caller keeps: secrets first, then rsyncd.conf, so the daemon never lists a user without a password.
// A secrets file that others (or the group) may read is rewritten owner-only: appending a new
// password to a 0644 file would hand it to every local user, and rsync's strict modes refuse such a
// file anyway (every login fails), so tightening it loses nothing that worked for rsync.

/** The bits a secrets file must not have once we have written a password into it. */
export const SECRETS_FORBIDDEN_BITS = 0o077;

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
  /** Mode it will have after the append (group and other bits cleared). */
  secretsNewMode: number;
  password: string;
  warnings: string[];
}

/** What the account would change and what to warn about; the words through `t` (the wizard's language). */
export async function planAccount(input: AccountInput, t: Translate = english): Promise<AccountPlan> {
  const bad = validateUserName(input.user, t);
  if (bad) throw new RangeError(bad);
  if (input.secretsFile !== undefined && !path.isAbsolute(input.secretsFile)) {
    throw new RangeError(
      t(
        "give the secrets file as an absolute path (rsync resolves a relative one against the daemon's working directory)",
      ),
    );
  }
  const plan = planModuleAuth(input.confText, input.module, input.user, input.secretsFile, t);
  const secretsPath = plan.secretsFile!;
  if (!path.isAbsolute(secretsPath))
    throw new RangeError(
      t('[{0}] names a relative secrets file ({1}); make it absolute first', input.module, secretsPath),
    );
  const warnings: string[] = [];
  const info = await fsp.stat(secretsPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info) {
    if (!info.isFile()) throw new Error(t('{0} is not a regular file', secretsPath));
    const existing = (await readRegularFile(secretsPath)).toString('utf8');
    if (secretsUsers(existing).has(input.user)) {
      throw new RangeError(
        t('{0} already has a line for {1} (rsync only ever tries the first one)', secretsPath, `\`${input.user}\``),
      );
    }
    if (info.mode & SECRETS_FORBIDDEN_BITS) {
      const before = formatMode(info.mode & 0o7777);
      const after = formatMode(info.mode & 0o7777 & ~SECRETS_FORBIDDEN_BITS);
      warnings.push(
        info.mode & 0o006
          ? t(
              '{0} has mode {1}, so others can read its passwords (and with strict modes rsync ignores it: every login fails); it will be rewritten with mode {2}.',
              secretsPath,
              before,
              after,
            )
          : t(
              '{0} has mode {1}, so others can read its passwords; it will be rewritten with mode {2}.',
              secretsPath,
              before,
              after,
            ),
      );
    }
  }
  if (plan.becomesRestricted)
    warnings.push(
      t('[{0}] had no auth users, so anyone could read it; from now on it asks for a user and password.', input.module),
    );
  if (plan.copiedFromGlobal)
    warnings.push(
      t(
        '[{0}] took auth users from a global section; the module now gets its own line (the global list copied in).',
        input.module,
      ),
    );
  if (plan.change.shadowedBy) {
    const r = plan.change.shadowedBy;
    warnings.push(
      t(
        '{0} already matched {1}, so the new user goes first in auth users.',
        `\`${r.pattern}${r.access ? `:${r.access}` : ''}\``,
        `\`${input.user}\``,
      ),
    );
  }
  return {
    ...plan,
    secretsPath,
    ...(info ? { secretsMode: info.mode & 0o7777 } : {}),
    secretsNewMode: info ? info.mode & 0o7777 & ~SECRETS_FORBIDDEN_BITS : 0o600,
    password: generatePassword(),
    warnings,
  };
}

/**
 * Appends `user:password` to the secrets file: existing bytes kept, created 0600 when missing,
 * written atomically, group and other bits cleared (the new password is never in a file others may
 * read, not even for a moment: the temp file has the final mode). Checks again for a duplicate user
 * on the bytes actually rewritten. A file owned by someone else is refused unless we are root.
 */
export async function writeAccountSecret(
  secretsPath: string,
  user: string,
  password: string,
  log?: StepLog,
): Promise<{ created: boolean; mode: number; previousMode?: number }> {
  const result = await replaceFile(secretsPath, {
    createMode: 0o600,
    restrictMode: SECRETS_FORBIDDEN_BITS,
    update: (current) => {
      if (current && secretsUsers(current.toString('utf8')).has(user))
        throw new RangeError(`${secretsPath} already has a line for \`${user}\``);
      return appendSecret(current, user, password);
    },
  });
  const tightened =
    result.previousMode !== undefined && result.previousMode !== result.mode
      ? `, was ${formatMode(result.previousMode)}`
      : '';
  log?.info(
    `${result.created ? 'created' : 'updated'} ${secretsPath} (mode ${formatMode(result.mode)}${tightened}): added a line for ${user}`,
  );
  return result;
}

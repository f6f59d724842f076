import type { Rule } from '../../rule';
import type { SecretsFile } from '../check';
import { duplicateUser } from './duplicate-user';
import { emptyPassword } from './empty-password';
import { emptyUser } from './empty-user';
import { groupLine } from './group-line';
import { leadingWhitespace } from './leading-whitespace';
import { lineTooLong } from './line-too-long';
import { missingUser } from './missing-user';
import { noColon } from './no-colon';
import { notOwnedByRoot } from './not-owned-by-root';
import { otherAccessible } from './other-accessible';
import { spaceBeforeColon } from './space-before-colon';
import { trailingWhitespace } from './trailing-whitespace';
import { unusedUser } from './unused-user';

/** Every secrets-file rule: the file as a whole first, then line format, then cross-file checks. */
export const SECRETS_RULES: readonly Rule<SecretsFile>[] = [
  otherAccessible,
  notOwnedByRoot,
  noColon,
  emptyUser,
  leadingWhitespace,
  spaceBeforeColon,
  trailingWhitespace,
  emptyPassword,
  lineTooLong,
  duplicateUser,
  groupLine,
  missingUser,
  unusedUser,
];

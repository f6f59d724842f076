import type { Rule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { byteOrderMark } from './byte-order-mark';
import { certificateAsKey } from './certificate-as-key';
import { corruptKey } from './corrupt-key';
import { dsaKey } from './dsa-key';
import { duplicateKey } from './duplicate-key';
import { duplicateOption } from './duplicate-option';
import { environmentIgnored } from './environment-ignored';
import { fidoOptionNoEffect } from './fido-option-no-effect';
import { fromHostname } from './from-hostname';
import { fullShellKey } from './full-shell-key';
import { invalidEnvironment } from './invalid-environment';
import { invalidExpiryTime } from './invalid-expiry-time';
import { invalidFrom } from './invalid-from';
import { invalidPermit } from './invalid-permit';
import { invalidTunnel } from './invalid-tunnel';
import { keyExpired } from './key-expired';
import { keyTypeMismatch } from './key-type-mismatch';
import { listEntryNeverMatches } from './list-entry-never-matches';
import { missingKey } from './missing-key';
import { notOpensshKey } from './not-openssh-key';
import { principalsWithoutCertAuthority } from './principals-without-cert-authority';
import { repeatedKey } from './repeated-key';
import { restrictNotFirst } from './restrict-not-first';
import { spaceInOptions } from './space-in-options';
import { triggerNotRestricted } from './trigger-not-restricted';
import { triggerUserRc } from './trigger-user-rc';
import { triggerWithoutFrom } from './trigger-without-from';
import { unknownKeyType } from './unknown-key-type';
import { unknownOption } from './unknown-option';
import { unquotedValue } from './unquoted-value';
import { unterminatedQuote } from './unterminated-quote';
import { weakRsaKey } from './weak-rsa-key';

/** Every authorized_keys rule: first what makes sshd skip a line, then advice. */
export const AUTHKEYS_RULES: readonly Rule<AuthorizedKeysDocument>[] = [
  byteOrderMark,
  notOpensshKey,
  unknownOption,
  unquotedValue,
  unterminatedQuote,
  spaceInOptions,
  duplicateOption,
  invalidEnvironment,
  invalidExpiryTime,
  invalidFrom,
  invalidPermit,
  invalidTunnel,
  principalsWithoutCertAuthority,
  missingKey,
  unknownKeyType,
  keyTypeMismatch,
  corruptKey,
  certificateAsKey,
  keyExpired,
  fromHostname,
  listEntryNeverMatches,
  dsaKey,
  weakRsaKey,
  duplicateKey,
  restrictNotFirst,
  triggerNotRestricted,
  triggerUserRc,
  triggerWithoutFrom,
  repeatedKey,
  environmentIgnored,
  fidoOptionNoEffect,
  fullShellKey,
];

import type { Rule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { authUsersSyntax } from './auth-users-syntax';
import { authWithoutSecretsFile } from './auth-without-secrets-file';
import { badAuthDigest } from './bad-auth-digest';
import { badBoolean } from './bad-boolean';
import { badChmod } from './bad-chmod';
import { badFilterRule } from './bad-filter-rule';
import { badHostEntry } from './bad-host-entry';
import { badInteger } from './bad-integer';
import { badLogFormat } from './bad-log-format';
import { badSocketOption } from './bad-socket-option';
import { brokenHeader } from './broken-header';
import { byteOrderMark } from './byte-order-mark';
import { commentInValue } from './comment-in-value';
import { duplicateModule } from './duplicate-module';
import { emptyParameterName } from './empty-parameter-name';
import { fileNotFound } from './file-not-found';
import { globalParameterInModule } from './global-parameter-in-module';
import { headerTrailingText } from './header-trailing-text';
import { includeNotFound } from './include-not-found';
import { includeProblem } from './include-problem';
import { lineWithoutEquals } from './line-without-equals';
import { missingPath } from './missing-path';
import { negativeMaxConnections } from './negative-max-connections';
import { nulCharacter } from './nul-character';
import { percentExpansion } from './percent-expansion';
import { proxyProtocolWithoutHosts } from './proxy-protocol-without-hosts';
import { quotedValue } from './quoted-value';
import { refuseOptionsSeparator } from './refuse-options-separator';
import { rootWritable } from './root-writable';
import { secretsFilePermissions } from './secrets-file-permissions';
import { startupParameterAfterHeader } from './startup-parameter-after-header';
import { strictModesOff } from './strict-modes-off';
import { unknownDirective } from './unknown-directive';
import { unknownParameter } from './unknown-parameter';
import { unknownRefuseOption } from './unknown-refuse-option';
import { unknownSyslogFacility } from './unknown-syslog-facility';
import { unknownUserOrGroup } from './unknown-user-or-group';
import { userWithoutSecret } from './user-without-secret';
import { writableWithoutAuth } from './writable-without-auth';

/** Every rsyncd.conf rule: file structure first, then parameters and values, security, and this machine's files. */
export const RSYNCD_RULES: readonly Rule<RsyncdDocument>[] = [
  byteOrderMark,
  nulCharacter,
  brokenHeader,
  headerTrailingText,
  duplicateModule,
  emptyParameterName,
  lineWithoutEquals,
  unknownDirective,
  includeProblem,
  unknownParameter,
  globalParameterInModule,
  startupParameterAfterHeader,
  missingPath,
  badBoolean,
  badInteger,
  negativeMaxConnections,
  unknownSyslogFacility,
  badSocketOption,
  refuseOptionsSeparator,
  unknownRefuseOption,
  authUsersSyntax,
  badHostEntry,
  badLogFormat,
  badAuthDigest,
  badChmod,
  badFilterRule,
  quotedValue,
  commentInValue,
  percentExpansion,
  proxyProtocolWithoutHosts,
  writableWithoutAuth,
  authWithoutSecretsFile,
  rootWritable,
  strictModesOff,
  fileNotFound,
  unknownUserOrGroup,
  includeNotFound,
  secretsFilePermissions,
  userWithoutSecret,
];

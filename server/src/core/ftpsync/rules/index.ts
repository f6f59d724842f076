import type { Rule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { archIncludeAndExclude } from './arch-include-and-exclude';
import { archListComma } from './arch-list-comma';
import { arrayAssignment } from './array-assignment';
import { badCountry } from './bad-country';
import { badFilterRule } from './bad-filter-rule';
import { carriageReturn } from './carriage-return';
import { credentialsIncomplete } from './credentials-incomplete';
import { dangerousTo } from './dangerous-to';
import { excludeArchOrSuite } from './exclude-arch-or-suite';
import { ignoredVariable } from './ignored-variable';
import { literalBoolean } from './literal-boolean';
import { localAssignment } from './local-assignment';
import { logdirNotCreatable } from './logdir-not-creatable';
import { mirrornameNotSiteName } from './mirrorname-not-site-name';
import { mirrornameUnset } from './mirrorname-unset';
import { missingRsyncHost } from './missing-rsync-host';
import { notANumber } from './not-a-number';
import { notAnOption } from './not-an-option';
import { optionsDropDefaults } from './options-drop-defaults';
import { passwordMismatch } from './password-mismatch';
import { passwordReadable } from './password-readable';
import { rsyncHostAlias } from './rsync-host-alias';
import { rsyncHostForm } from './rsync-host-form';
import { runsAtStart } from './runs-at-start';
import { sourceExcluded } from './source-excluded';
import { stopsFtpsync } from './stops-ftpsync';
import { syntax } from './syntax';
import { temporaryAssignment } from './temporary-assignment';
import { toNotDirectory } from './to-not-directory';
import { unknownArchitecture } from './unknown-architecture';
import { unknownModule } from './unknown-module';
import { unknownTransport } from './unknown-transport';
import { unknownVariable } from './unknown-variable';
import { userNotAllowed } from './user-not-allowed';

/** Every ftpsync.conf rule: how bash reads the file, then each setting, this machine's files, and the upstream's. */
export const FTPSYNC_RULES: readonly Rule<FtpsyncDoc>[] = [
  syntax,
  carriageReturn,
  stopsFtpsync,
  temporaryAssignment,
  localAssignment,
  arrayAssignment,
  runsAtStart,
  unknownVariable,
  ignoredVariable,
  literalBoolean,
  missingRsyncHost,
  rsyncHostForm,
  rsyncHostAlias,
  unknownTransport,
  credentialsIncomplete,
  mirrornameUnset,
  mirrornameNotSiteName,
  dangerousTo,
  archListComma,
  archIncludeAndExclude,
  unknownArchitecture,
  sourceExcluded,
  notAnOption,
  badFilterRule,
  excludeArchOrSuite,
  optionsDropDefaults,
  notANumber,
  badCountry,
  toNotDirectory,
  logdirNotCreatable,
  passwordReadable,
  unknownModule,
  userNotAllowed,
  passwordMismatch,
];

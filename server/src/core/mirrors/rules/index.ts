import type { Rule } from '../../rule';
import type { MirrorListFile } from '../check';
import { backslash } from './backslash';
import { badHostname } from './bad-hostname';
import { badUrl } from './bad-url';
import { crlf } from './crlf';
import { delayIgnoredField } from './delay-ignored-field';
import { delaySpacing } from './delay-spacing';
import { duplicateShortName } from './duplicate-short-name';
import { ignoredAfterKey } from './ignored-after-key';
import { ignoredAfterUrl } from './ignored-after-url';
import { ignoredSshOption } from './ignored-ssh-option';
import { indentedStaged } from './indented-staged';
import { keyFileMangled } from './key-file-mangled';
import { keyFileMissing } from './key-file-missing';
import { malformedDelay } from './malformed-delay';
import { masterKeyWithIdentity } from './master-key-with-identity';
import { missingField } from './missing-field';
import { optionEatsCommand } from './option-eats-command';
import { optionsDropped } from './options-dropped';
import { protocolWithoutKey } from './protocol-without-key';
import { runmirrorsStops } from './runmirrors-stops';
import { sshOptionStray } from './ssh-option-stray';
import { sshProtocol1 } from './ssh-protocol-1';
import { unknownFourthField } from './unknown-fourth-field';
import { unknownScheme } from './unknown-scheme';
import { unknownSshOption } from './unknown-ssh-option';
import { unexpandedVariable } from './unexpanded-variable';
import { unknownType } from './unknown-type';
import { userInHost } from './user-in-host';

/** Every runmirrors.mirror rule: the file as a whole, then line structure, then ssh details, then DELAY. */
export const MIRROR_RULES: readonly Rule<MirrorListFile>[] = [
  runmirrorsStops,
  crlf,
  backslash,
  unknownType,
  missingField,
  unknownFourthField,
  unknownScheme,
  badUrl,
  badHostname,
  userInHost,
  ignoredAfterUrl,
  duplicateShortName,
  indentedStaged,
  sshProtocol1,
  protocolWithoutKey,
  keyFileMangled,
  ignoredAfterKey,
  unexpandedVariable,
  keyFileMissing,
  optionsDropped,
  optionEatsCommand,
  unknownSshOption,
  sshOptionStray,
  ignoredSshOption,
  masterKeyWithIdentity,
  malformedDelay,
  delayIgnoredField,
  delaySpacing,
];

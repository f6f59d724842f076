import type { Rule } from '../../rule';
import type { InventoryFile } from '../check';
import { badName } from './bad-name';
import { badPort } from './bad-port';
import { badSignal } from './bad-signal';
import { badTraceUrl } from './bad-trace-url';
import { badType } from './bad-type';
import { badVersion } from './bad-version';
import { duplicateKey } from './duplicate-key';
import { emptyValue } from './empty-value';
import { logWithoutPath } from './log-without-path';
import { needsHost } from './needs-host';
import { notAMapping } from './not-a-mapping';
import { syntax } from './syntax';
import { unknownKey } from './unknown-key';

/** Every pushmirror.yaml rule: YAML itself, then structure, then values, then the cross-check. */
export const INVENTORY_RULES: readonly Rule<InventoryFile>[] = [
  syntax,
  duplicateKey,
  notAMapping,
  unknownKey,
  badName,
  emptyValue,
  badVersion,
  badPort,
  badType,
  badTraceUrl,
  badSignal,
  logWithoutPath,
  needsHost,
];

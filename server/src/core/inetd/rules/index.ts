import type { Rule } from '../../rule';
import type { InetdDocument } from '../parser';
import { badWait } from './bad-wait';
import { continuationLine } from './continuation-line';
import { crlf } from './crlf';
import { duplicateService } from './duplicate-service';
import { endlessLoop } from './endless-loop';
import { indentedComment } from './indented-comment';
import { missingArgv0 } from './missing-argv0';
import { missingField } from './missing-field';
import { relativeServer } from './relative-server';
import { rsyncConfigNotFound } from './rsync-config-not-found';
import { rsyncIgnoredOption } from './rsync-ignored-option';
import { rsyncSocket } from './rsync-socket';
import { rsyncWithoutDaemon } from './rsync-without-daemon';
import { serverNotFound } from './server-not-found';
import { unknownService } from './unknown-service';
import { unknownSocketType } from './unknown-socket-type';
import { unknownUser } from './unknown-user';

/** Every inetd.conf rule: how inetd reads the file, then each line's fields, then what rsync gets. */
export const INETD_RULES: readonly Rule<InetdDocument>[] = [
  endlessLoop,
  continuationLine,
  indentedComment,
  crlf,
  missingField,
  unknownSocketType,
  badWait,
  unknownService,
  unknownUser,
  relativeServer,
  serverNotFound,
  missingArgv0,
  duplicateService,
  rsyncWithoutDaemon,
  rsyncSocket,
  rsyncIgnoredOption,
  rsyncConfigNotFound,
];

import { parserRule } from '../check';

export const badPort = parserRule('bad-port', 'error', '`port` must be a whole number from 1 to 65535.', [
  "The port of the downstream's sshd (or of the host its log is read on). ssh refuses anything else,",
  'so a signal to this downstream could never connect.',
]);

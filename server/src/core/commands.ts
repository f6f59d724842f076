// The editor commands the language server asks the client to run, from quick fixes and code lenses.
// Written once here: the rules name them, the extension registers them under these ids, and a unit
// test holds package.json's contributed commands to this list. Their arguments never carry a secret.

export const CLIENT_COMMANDS = {
  /** `[absolutePath, mode]`: asks, then sets a file's mode (0600 for files that hold passwords). */
  setFileMode: 'pushMirror.setFileMode',
  /** `[user, secretsFilePath | null]`: appends `user:<new password>` (the client generates it). */
  addSecretsLine: 'pushMirror.addSecretsLine',
  /** `[documentUri]`: "Test upstream login" of an ftpsync.conf. */
  testUpstreamLogin: 'pushMirror.testUpstreamLogin',
} as const;

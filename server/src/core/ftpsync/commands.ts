// Client commands the ftpsync-conf service points at (code lenses). A file of its own so the
// extension can name them without bundling the language service.

/** "Test upstream login": run by the client with the ftpsync.conf document's URI. */
export const TEST_LOGIN_COMMAND = 'pushMirror.testUpstreamLogin';

import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startSession } from './lsp/session';

// The only place a connection is created. `--stdio`, `--node-ipc` and `--socket=N` are read from
// argv by createConnection, so the same bundle serves VS Code (IPC) and any other editor (stdio).

if (process.argv.includes('--version')) {
  process.stdout.write(`push-mirror-language-server ${PACKAGE_VERSION}\n`);
  process.exit(0);
}
if (
  !process.argv.some(
    (a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='),
  )
) {
  process.stderr.write('usage: push-mirror-language-server --stdio | --node-ipc | --socket=PORT\n');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
// The bundle lives in dist/; docs/ is its sibling in the package and in the .vsix.
startSession(connection, { docsRoot: path.resolve(__dirname, '..') });

import * as path from 'node:path';
import { loadWithCodeCache } from './codeCache';
import { isCliCommand } from './commands';

// dist/cli.js, the `push-mirror` bin: runs the CLI bundle (dist/cli.cjs, main.ts) through the code cache.

/** The CLI bundle's digest, written in by scripts/build.mjs after the bundle is built. */
declare const CLI_BUNDLE_DIGEST: string;

const argv = process.argv.slice(2);
const bundle = loadWithCodeCache(path.join(__dirname, 'cli.cjs'), {
  digest: CLI_BUNDLE_DIGEST,
  command: isCliCommand(argv[0]) ? argv[0] : 'other',
});
const cli = bundle.exports as { main(argv: string[]): Promise<number> };
void cli.main(argv).then((code) => {
  process.exitCode = code;
  bundle.save();
});

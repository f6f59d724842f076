// The downstreams' web server for traces.bench.ts, in its own process as a real mirror's would be:
// serves argv[2] under /m/ on 127.0.0.1 and prints its port.
import { startStaticServer } from '../integration/lab/static';

void startStaticServer({ m: process.argv[2]! }).then((s) => process.stdout.write(`${s.port}\n`));

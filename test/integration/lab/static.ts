import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

// The downstreams' web servers: Node's own http serving each archive root read-only under a prefix
// (`/good/…` → the good downstream's TO), on 127.0.0.1 only, with Last-Modified from the file, so the
// trace files and the Archive-Update markers read as on a real mirror. Only regular files are served.

export interface StaticServer {
  port: number;
  url(prefix: string, file: string): string;
  close(): Promise<void>;
}

export async function startStaticServer(roots: Record<string, string>): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const [, prefix, ...rest] = url.split('/');
    const root = roots[prefix ?? ''];
    const file = root ? path.resolve(root, rest.join('/')) : undefined;
    if (!root || !file || (file !== root && !file.startsWith(root + path.sep))) return void res.writeHead(404).end();
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    if (!st.isFile()) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': st.size,
      'last-modified': st.mtime.toUTCString(),
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (prefix, file) => `http://127.0.0.1:${port}/${prefix}/${file}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

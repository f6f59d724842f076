import { parserRule } from '../check';

export const badTraceUrl = parserRule('bad-trace-url', 'error', '`traceUrl` must be an http:// or https:// URL.', [
  "The URL of the downstream's ftpsync trace file, e.g.",
  '`http://mirror.example.org/debian/project/trace/mirror.example.org`. Its `Date:` line tells how fresh',
  'the mirror is; Push Mirror fetches it over HTTP(S) only, and only in a trusted workspace.',
]);

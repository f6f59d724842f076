import type { TraceDocument, TraceFile } from '../parser';

// What the trace rules share: which documents are traces (not `_hierarchy` or `_traces`).

export function isTrace(doc: TraceDocument): doc is TraceFile {
  return doc.kind !== 'hierarchy' && doc.kind !== 'traces';
}

// The pushmirror.yaml parser lives in the pure core, where the language server validates it
// (server/src/core/inventory); the Downstreams view reads the same parse through this module.
export * from '../../../server/src/core/inventory/parser';

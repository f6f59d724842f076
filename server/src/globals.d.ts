/** Replaced by esbuild with package.json's version. */
declare const PACKAGE_VERSION: string;

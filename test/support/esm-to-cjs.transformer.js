/**
 * Jest transformer for ESM-only packages (Nest 12, pdfjs-dist): rewrites them to CommonJS with Babel. Each
 * `const require = createRequire(import.meta.url)` (pdfjs-dist: `process.getBuiltinModule("module").createRequire`,
 * inside blocks) is dropped first: CommonJS already has `require`, and keeping the declaration would shadow it
 * before Babel's own `require(...)` calls (import.meta.url included) run.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const babel = require('@babel/core');

/** This file's own text is part of the cache key, so a change here re-transforms what Jest had cached. */
const SELF = readFileSync(__filename, 'utf8');

const CREATE_REQUIRE =
  /^\s*const require = (?:createRequire|process\.getBuiltinModule\("module"\)\.createRequire)\(import\.meta\.url\);\s*$/gm;

module.exports = {
  getCacheKey(source, filename, options) {
    return createHash('sha256')
      .update(SELF)
      .update('\0')
      .update(filename)
      .update('\0')
      .update(options.configString)
      .update('\0')
      .update(source)
      .digest('hex');
  },
  process(source, filename) {
    const code = source.replace(CREATE_REQUIRE, '');
    const out = babel.transformSync(code, {
      filename,
      babelrc: false,
      configFile: false,
      sourceMaps: 'inline',
      plugins: [
        require.resolve('babel-plugin-transform-import-meta'),
        require.resolve('@babel/plugin-transform-dynamic-import'),
        require.resolve('@babel/plugin-transform-modules-commonjs'),
      ],
    });
    return { code: out.code };
  },
};

/**
 * Jest transformer for ESM-only packages (Nest 12): rewrites them to CommonJS with Babel. A module-level
 * `const require = createRequire(import.meta.url)` is dropped first: CommonJS already has `require`, and keeping
 * the declaration would shadow it before Babel's own `require(...)` calls run.
 */
const babel = require('@babel/core');

const CREATE_REQUIRE = /^\s*const require = createRequire\(import\.meta\.url\);\s*$/m;

module.exports = {
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

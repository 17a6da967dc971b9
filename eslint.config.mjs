import tseslint from 'typescript-eslint';

// The dependency rules of docs/ARCHITECTURE.md §5, kept by the linter rather than by memory:
//   apps → domain libs → db / queue / config / common; apps never import each other; libs never import apps;
//   a channel lib knows neither the campaign core nor another channel; pure folders import no Nest and do no I/O;
//   nothing in apps/ or libs/ imports tools/ (the test peers) or ../shared.

/** What each lib may import of the others (anything not listed is refused). Tiers keep the graph acyclic. */
const LIB_DEPENDENCIES = {
  common: [],
  config: [],
  // Vietnam's administrative units as data (config/admin-units), pure but for the loader.
  'admin-units': ['config'],
  audit: [],
  // Prometheus instruments any lib may record to (prom-client only).
  metrics: [],
  // pino for the apps (nestjs-pino), masking phone numbers with the pure rule of common.
  logging: ['common', 'config'],
  db: ['config'],
  queue: ['config', 'metrics'],
  delivery: ['db', 'config', 'common'],
  auth: ['audit', 'common', 'config', 'db'],
  // Channels: each stands on the base and the delivery state machine, never on the core or another channel.
  sms: ['audit', 'common', 'config', 'db', 'delivery', 'metrics', 'queue'],
  email: ['audit', 'common', 'config', 'db', 'delivery', 'metrics', 'queue'],
  radio: ['admin-units', 'audit', 'common', 'config', 'db', 'delivery', 'metrics', 'queue'],
  banner: ['audit', 'common', 'config', 'db', 'delivery', 'metrics', 'queue'],
  directory: ['admin-units', 'audit', 'auth', 'common', 'config', 'db'],
  // The campaign core validates every channel's plan.
  campaigns: [
    'admin-units',
    'audit',
    'common',
    'config',
    'db',
    'delivery',
    'queue',
    'sms',
    'email',
    'radio',
    'banner',
    'directory',
  ],
  directives: ['admin-units', 'audit', 'campaigns', 'common', 'config', 'db', 'sms', 'directory'],
};
const LIBS = Object.keys(LIB_DEPENDENCIES);

/**
 * Pure rules: plain functions, no framework, no I/O, tested on their own. They may use the pure parts of other libs
 * through `@loa/common` and `@loa/sms-text` only (a lib's barrel would bring its Nest services along).
 */
const PURE_FOLDERS = [
  'libs/common/src',
  'libs/admin-units/src/map',
  'libs/admin-units/src/organizations',
  'libs/sms/src/numbering',
  'libs/sms/src/text',
  'libs/sms/src/schedule',
  'libs/sms/src/opt-out',
  'libs/sms/src/routes/rules',
  'libs/radio/src/script',
  'libs/radio/src/feeds',
  'libs/directives/src/extract',
  'libs/directives/src/plan',
];
const IMPURE_MODULES = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'pg-*',
  'bullmq',
  'ioredis',
  'nodemailer',
  'twilio',
  'smpp',
  'fs',
  'node:fs',
  'fs/*',
  'node:fs/*',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
];

const NO_TOOLS = { group: ['**/tools/**', '../shared/**'], message: 'apps and libs never import tools/ or ../shared' };
const NO_APPS = {
  group: ['**/apps/**', '**/api/src/**', '**/worker/src/**', '**/cli/src/**'],
  message: 'libs never import an app',
};

function otherApps(app) {
  return {
    group: ['api', 'worker', 'cli', 'console']
      .filter((a) => a !== app)
      .flatMap((a) => [`**/apps/${a}/**`, `**/${a}/src/**`]),
    message: 'an app never imports another app',
  };
}

function libLayer(lib) {
  const refused = LIBS.filter((l) => l !== lib && !LIB_DEPENDENCIES[lib].includes(l));
  return {
    group: refused.map((l) => `@loa/${l}`),
    message: `libs/${lib} may import only ${LIB_DEPENDENCIES[lib].map((l) => `@loa/${l}`).join(', ') || 'no other lib'} (docs/ARCHITECTURE.md §5)`,
  };
}

const PURE = {
  group: [...IMPURE_MODULES, ...LIBS.filter((l) => l !== 'common').map((l) => `@loa/${l}`)],
  message: 'pure rules import no Nest, database, queue or network code and do no I/O; use @loa/common or @loa/sms-text',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'tmp/**',
      'test-output/**',
      '**/*.js',
      '*.mjs',
      'apps/console/src/api/schema.gen.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      ...restrict(NO_TOOLS),
    },
  },
  ...['api', 'worker', 'cli'].map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: restrict(NO_TOOLS, otherApps(app)),
  })),
  ...LIBS.map((lib) => ({ files: [`libs/${lib}/**/*.ts`], rules: restrict(NO_TOOLS, NO_APPS, libLayer(lib)) })),
  ...PURE_FOLDERS.map((folder) => {
    const lib = folder.split('/')[1];
    return { files: [`${folder}/**/*.ts`], rules: restrict(NO_TOOLS, NO_APPS, libLayer(lib), PURE) };
  }),
  {
    // Settings are read once, validated and grouped in libs/config (AppConfig); nothing else reads the environment.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/config/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read settings from AppConfig (libs/config), not process.env' },
      ],
    },
  },
  {
    // A barrel names what the lib offers, so its public face shows and a private helper does not leak out.
    files: ['libs/**/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'barrels export named symbols, not `export *`' },
      ],
    },
  },
  {
    files: ['tools/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The dependency rules of docs/ARCHITECTURE.md §5 are kept by ESLint (eslint.config.mjs). These cases lint
 * code that breaks (and keeps) each rule, at paths where it would live, with the project's own configuration — so a
 * rule that stops firing fails here, not in a review months later. ESLint runs in a child process (it loads its
 * flat config as an ES module, which Jest's module system does not).
 */
const ROOT = join(__dirname, '..', '..');

interface Case {
  path: string;
  code: string;
}

const LINT_SCRIPT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: c.path });
    out.push(result.messages.filter((m) => /^no-restricted-(imports|syntax|properties)$/.test(m.ruleId)).map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`;

async function restrictedImports(cases: Case[]): Promise<string[][]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LINT_SCRIPT, JSON.stringify(cases)], {
    cwd: ROOT,
  });
  return JSON.parse(stdout) as string[][];
}

const use = (from: string) => `import * as m from '${from}';\nexport const used = m;\n`;

describe('architecture boundaries kept by the linter (eslint.config.mjs)', () => {
  it('refuses each forbidden import, with the rule it breaks', async () => {
    const refused = await restrictedImports([
      { path: 'libs/sms/src/text/probe.ts', code: use('@nestjs/common') },
      { path: 'libs/directives/src/plan/probe.ts', code: use('@loa/sms') },
      { path: 'libs/radio/src/script/probe.ts', code: use('node:fs') },
      { path: 'libs/sms/src/probe.ts', code: use('@loa/campaigns') },
      { path: 'libs/email/src/probe.ts', code: use('@loa/sms') },
      { path: 'libs/db/src/probe.ts', code: use('@loa/delivery') },
      { path: 'libs/campaigns/src/probe.ts', code: use('../../../apps/api/src/api.module') },
      { path: 'apps/worker/src/probe.ts', code: use('../../api/src/api.module') },
      { path: 'apps/api/src/probe.ts', code: use('../../../tools/peers/smsc-simulator') },
      { path: 'libs/sms/src/probe/index.ts', code: "export * from './probe';\n" },
      { path: 'libs/radio/src/probe.ts', code: 'export const dir = process.env.RADIO_AUDIO_DIR;\n' },
    ]);
    expect(refused.map((messages) => messages.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(refused[0][0]).toMatch(/pure rules import no Nest/);
    expect(refused[1][0]).toMatch(/@loa\/sms-text/);
    expect(refused[3][0]).toMatch(/libs\/sms may import only/);
    expect(refused[4][0]).toMatch(/libs\/email may import only/);
    expect(refused[5][0]).toMatch(/libs\/db may import only @loa\/config/);
    expect(refused[6][0]).toMatch(/libs never import an app/);
    expect(refused[7][0]).toMatch(/an app never imports another app/);
    expect(refused[8][0]).toMatch(/never import tools/);
    expect(refused[9][0]).toMatch(/barrels export named symbols/);
    expect(refused[10][0]).toMatch(/read settings from AppConfig/);
  }, 60_000);

  it('lets the allowed directions through', async () => {
    const refused = await restrictedImports([
      { path: 'libs/directives/src/plan/probe.ts', code: use('@loa/sms-text') },
      { path: 'libs/sms/src/text/probe.ts', code: use('@loa/common') },
      { path: 'libs/campaigns/src/probe.ts', code: use('@loa/sms') },
      { path: 'libs/sms/src/probe.ts', code: use('@nestjs/common') },
      { path: 'apps/api/src/probe.ts', code: use('@loa/campaigns') },
      { path: 'test/integration/probe.ts', code: use('../../tools/peers/smsc-simulator') },
      { path: 'libs/sms/src/probe/index.ts', code: "export { SmsModule } from '../sms.module';\n" },
      { path: 'libs/config/src/probe.ts', code: 'export const port = process.env.PORT;\n' },
    ]);
    expect(refused).toEqual([[], [], [], [], [], [], [], []]);
  }, 60_000);
});

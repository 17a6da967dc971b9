import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core (Deque's accessibility engine, the one browser audits use), read once from node_modules. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One broken rule, where it breaks (CSS selectors of the first nodes) and how much it hurts. */
export interface AccessibilityProblem {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * What axe-core finds against WCAG 2.1 A and AA on the page as it stands, keeping the serious and critical
 * problems (those that stop a keyboard or screen-reader user). The engine is evaluated through the DevTools
 * protocol, so the console's Content-Security-Policy (no inline scripts) stays on for the page itself.
 */
export async function accessibilityProblems(page: Page): Promise<AccessibilityProblem[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
      }));
  });
}

import { loadAdminUnits, loadOrganizationLineage, NamedBody, OrganizationLineage, vietnamDay } from '@loa/admin-units';
import { CliCommand, CliUsageError } from '../command';
import { checkDay, parseOptions, write } from './units';

const period = (b: NamedBody): string => `${b.validFrom ?? '…'} → ${b.validTo ?? ''}`;

function describe(lineage: OrganizationLineage, body: NamedBody, day: string): string[] {
  const out = [`${body.code}  ${body.name} (${body.shortName})`, `  hiệu lực / in force ${period(body)}`];
  const former = lineage.formerBodiesOf(body);
  if (former.length) {
    out.push('  trước đây / formerly:');
    for (const b of former) out.push(`    ${b.code}  ${b.name} (${period(b)})`);
  }
  if (body.validTo !== null) {
    out.push(`  nay là / now (${day}):`);
    for (const b of lineage.successorsOn(body, day)) out.push(`    ${b.code}  ${b.name}`);
  }
  return out;
}

/** `orgs find NAME|CODE`: a department in config/organizations, what it grew out of and what it became. */
export const orgsFindCommand: CliCommand = {
  name: 'orgs find',
  usage: 'orgs find NAME|CODE [--on DATE] [--json]',
  summary: 'Show a department through the 2025 reorganisations: what it grew out of, what it became, and when',
  async run(args, io) {
    const { rest, options } = parseOptions(args, ['--on', '--json']);
    const query = rest.join(' ').trim();
    if (!query) throw new CliUsageError('expected a department name or code, e.g. "Sở TTTT Sóc Trăng" or 94-stttt');
    const { map, manifest } = loadAdminUnits();
    const lineage = loadOrganizationLineage(map);
    const day = checkDay(typeof options.on === 'string' ? options.on : vietnamDay(), manifest);
    const found = lineage.find(query);
    if (!found.length) {
      io.stderr.write(`no department named or coded "${query}" / không tìm thấy cơ quan "${query}"\n`);
      return 1;
    }
    if (options.json) {
      const json = found.map((b) => ({
        ...b,
        formerly: lineage.formerBodiesOf(b).map((f) => f.code),
        now: lineage.successorsOn(b, day).map((n) => ({ code: n.code, name: n.name })),
      }));
      write(io, [JSON.stringify(json, null, 2)]);
      return 0;
    }
    write(
      io,
      found.flatMap((b, i) => [...(i ? [''] : []), ...describe(lineage, b, day)]),
    );
    return 0;
  },
};

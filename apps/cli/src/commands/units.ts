import {
  AdminUnit,
  AdminUnitMap,
  DAY_PATTERN,
  describePeriod,
  loadAdminUnits,
  UnitKind,
  vietnamDay,
} from '@loa/admin-units';
import { CliCommand, CliIo, CliUsageError } from '../command';

/** Vietnamese first, English after a slash, as the rest of the CLI prints. */
const KIND_LABEL: Record<UnitKind, string> = {
  municipality: 'thành phố trực thuộc trung ương / municipality',
  province: 'tỉnh / province',
  urban_district: 'quận / urban district',
  rural_district: 'huyện / rural district',
  provincial_city: 'thành phố thuộc tỉnh / provincial city',
  town: 'thị xã / town',
  ward: 'phường / ward',
  commune: 'xã / commune',
  township: 'thị trấn / township',
  special_zone: 'đặc khu / special zone',
};

function where(map: AdminUnitMap, unit: AdminUnit): string {
  const chain: string[] = [];
  for (let p = map.parentOf(unit); p; p = map.parentOf(p)) chain.push(p.name);
  return chain.length ? `, ${chain.join(', ')}` : '';
}

function line(map: AdminUnitMap, unit: AdminUnit): string {
  return `${unit.code} ${unit.name}${where(map, unit)}`;
}

function unitJson(map: AdminUnitMap, unit: AdminUnit) {
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    kind: unit.kind,
    parentCode: unit.parentCode,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    province: map.provinceOf(unit).name,
  };
}

function describe(map: AdminUnitMap, unit: AdminUnit, day: string): string[] {
  const out = [
    `${unit.code}  ${unit.name}${where(map, unit)}`,
    `  ${KIND_LABEL[unit.kind]} · hiệu lực / in force ${describePeriod(unit)}`,
  ];
  const formerly = formerUnits(map, unit);
  if (formerly.length) {
    out.push(`  trước đây / formerly (${formerly[0].former.validTo}):`);
    for (const s of formerly) out.push(`    ${line(map, s.former)}${s.share === 'part' ? ' (một phần / part)' : ''}`);
  }
  if (unit.validTo !== null) {
    const now = map.asOf(unit, day);
    out.push(`  nay là / now (${day}):`);
    for (const u of now) out.push(`    ${line(map, u)}`);
    if (unit.level !== 'commune') {
      const communes = map.communesUnder(unit);
      if (communes.length) {
        const became = new Set(communes.flatMap((c) => map.asOf(c, day)).filter((u) => u.level === 'commune'));
        out.push(
          `  các xã, phường của nó nay thuộc / its communes are now in ${became.size} unit(s): ${[...became].map((u) => u.name).join(', ')}`,
        );
      }
    }
  }
  return out;
}

/** What made up a unit, at its own level (a new province's former provinces; its districts are listed under them). */
function formerUnits(map: AdminUnitMap, unit: AdminUnit) {
  return map.predecessorsOf(unit).filter((s) => s.former.level === unit.level);
}

export function parseOptions(
  args: string[],
  allowed: string[],
): { rest: string[]; options: Record<string, string | true> } {
  const options: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) rest.push(a);
    else if (!allowed.includes(a)) throw new CliUsageError(`unknown option ${a}`);
    else if (a === '--json') options.json = true;
    else {
      const v = args[++i];
      if (v === undefined) throw new CliUsageError(`${a} needs a value`);
      options[a.slice(2)] = v;
    }
  }
  return { rest, options };
}

export function checkDay(day: string, map: { dataStarts: string }): string {
  if (!DAY_PATTERN.test(day) || Number.isNaN(Date.parse(day)))
    throw new CliUsageError(`"${day}" is not a date (YYYY-MM-DD)`);
  if (day < map.dataStarts)
    throw new CliUsageError(`the map starts on ${map.dataStarts} / dữ liệu bắt đầu từ ${map.dataStarts}`);
  return day;
}

export function write(io: CliIo, lines: string[]): void {
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** `units find NAME|CODE`: every period of the unit(s) with that code or name, what each was and became. */
export const unitsFindCommand: CliCommand = {
  name: 'units find',
  usage: 'units find NAME|CODE [--on DATE] [--json]',
  summary: 'Show an administrative unit: what it was or became after the 2025 reform, and when',
  async run(args, io) {
    const { rest, options } = parseOptions(args, ['--on', '--json']);
    const query = rest.join(' ').trim();
    if (!query) throw new CliUsageError('expected a unit name or code, e.g. "huyện Mỹ Tú" or 31594');
    const { map, manifest } = loadAdminUnits();
    const day = checkDay(typeof options.on === 'string' ? options.on : vietnamDay(), manifest);
    const found = map.find(query);
    if (!found.length) {
      io.stderr.write(`no unit named or coded "${query}" / không tìm thấy đơn vị "${query}"\n`);
      return 1;
    }
    if (options.json) {
      const json = found.map((u) => ({
        ...unitJson(map, u),
        formerly: formerUnits(map, u).map((s) => ({ ...unitJson(map, s.former), share: s.share, basis: s.basis })),
        now: map.asOf(u, day).map((n) => unitJson(map, n)),
      }));
      write(io, [JSON.stringify(json, null, 2)]);
      return 0;
    }
    write(
      io,
      found.flatMap((u, i) => [...(i ? [''] : []), ...describe(map, u, day)]),
    );
    return 0;
  },
};

/** `units at DATE`: the map in force on a day — provinces, or one province's communes with `--in`. */
export const unitsAtCommand: CliCommand = {
  name: 'units at',
  usage: 'units at DATE [--in PROVINCE_CODE|NAME] [--json]',
  summary: 'List the administrative units in force on a date (provinces, or a province’s units with --in)',
  async run(args, io) {
    const { rest, options } = parseOptions(args, ['--in', '--json']);
    if (rest.length !== 1) throw new CliUsageError('expected one DATE (YYYY-MM-DD)');
    const { map, manifest } = loadAdminUnits();
    const day = checkDay(rest[0], manifest);
    let units: AdminUnit[];
    if (typeof options.in === 'string') {
      const province = map.find(options.in).find((u) => u.level === 'province' && map.unit(u.code, day) === u);
      if (!province) {
        io.stderr.write(`no province "${options.in}" on ${day} / không có tỉnh "${options.in}" vào ngày ${day}\n`);
        return 1;
      }
      units = [province, ...map.at(day).filter((u) => u !== province && map.provinceOf(u) === province)];
    } else units = map.at(day).filter((u) => u.level === 'province');
    if (options.json) {
      write(io, [
        JSON.stringify(
          units.map((u) => unitJson(map, u)),
          null,
          2,
        ),
      ]);
      return 0;
    }
    const counts = ['province', 'district', 'commune'].map((level) => units.filter((u) => u.level === level).length);
    write(io, [
      ...units.map(
        (u) =>
          `${u.code.padEnd(6)}${'  '.repeat(u.level === 'province' ? 0 : u.level === 'district' ? 1 : 2)}${u.name}`,
      ),
      `${day}: ${counts[0]} tỉnh/thành (provinces), ${counts[1]} huyện (districts), ${counts[2]} xã/phường/đặc khu (communes)`,
    ]);
    return 0;
  },
};

/**
 * CPU time each process of a benchmark spends during its timed runs, read from /proc (Linux): the figure that says
 * how far a ratio is a matter of CPU when the processes share the machine's cores. Elsewhere it measures nothing
 * and says so.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Linux reports utime and stime in USER_HZ ticks, 100 a second on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/** The processes of one group (this process, the simulator, PostgreSQL…), found again at every reading. */
export type ProcessGroup = () => number[];

/** A process's command name and the fields of `/proc/<pid>/stat` after it, or null when it has gone. */
function readStat(pid: number | string): { command: string; fields: string[] } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: it ends at the last ')', the fields follow.
    const end = stat.lastIndexOf(')');
    return { command: stat.slice(stat.indexOf('(') + 1, end), fields: stat.slice(end + 2).split(' ') };
  } catch {
    return null;
  }
}

/** CPU time of a process in microseconds (user + system, all its threads), or null when it has gone. */
export function processCpuMicros(pid: number): number | null {
  const stat = readStat(pid);
  if (!stat) return null;
  return ((Number(stat.fields[11]) + Number(stat.fields[12])) * 1e6) / TICKS_PER_SECOND;
}

/** Processes whose command name (as `ps -o comm` shows it) is `name`. */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && readStat(entry)?.command === name)
    .map(Number);
}

export function procReadable(): boolean {
  return processCpuMicros(process.pid) !== null;
}

/**
 * Adds up, by series and group, the CPU the groups' processes spend while timed runs execute, and the items those
 * runs handled. A process that ends during a run loses that run's share (the pools and the simulator live through
 * the whole benchmark, so none of theirs do).
 */
export class CpuAccount {
  private readonly spent = new Map<string, { items: number; micros: Map<string, number> }>();

  constructor(private readonly groups: Record<string, ProcessGroup>) {}

  /** Runs `fn` (a timed run handling `items`) and charges what each group spent meanwhile to `series`. */
  async during<T>(series: string, items: (value: T) => number, fn: () => Promise<T>): Promise<T> {
    const before = this.read();
    const value = await fn();
    const after = this.read();
    const entry = this.spent.get(series) ?? { items: 0, micros: new Map<string, number>() };
    entry.items += items(value);
    for (const group of Object.keys(this.groups)) {
      let micros = 0;
      for (const [pid, end] of after.get(group) ?? []) micros += end - (before.get(group)?.get(pid) ?? 0);
      entry.micros.set(group, (entry.micros.get(group) ?? 0) + micros);
    }
    this.spent.set(series, entry);
    return value;
  }

  /** Microseconds of CPU per item by group for a series (groups in the order given), or null when nothing ran. */
  perItem(series: string): Array<{ group: string; micros: number }> | null {
    const entry = this.spent.get(series);
    if (!entry || !entry.items) return null;
    return Object.keys(this.groups).map((group) => ({ group, micros: (entry.micros.get(group) ?? 0) / entry.items }));
  }

  private read(): Map<string, Map<number, number>> {
    const readings = new Map<string, Map<number, number>>();
    for (const [group, pids] of Object.entries(this.groups)) {
      const byPid = new Map<number, number>();
      for (const pid of pids()) {
        const micros = processCpuMicros(pid);
        if (micros !== null) byPid.set(pid, micros);
      }
      readings.set(group, byPid);
    }
    return readings;
  }
}

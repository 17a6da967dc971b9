import { ChildProcess, spawn } from 'node:child_process';
import { CpuAccount, pidsNamed, processCpuMicros } from './process-cpu';

/** A child that burns `ms` of CPU time (however busy the machine is) when sent a line, answering when it has. */
function startBurner(): ChildProcess {
  const script = `process.stdin.on('data', (d) => {
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const end = cpu() + Number(String(d).trim());
    while (cpu() < end);
    process.stdout.write('done\\n');
  });`;
  return spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
}

function burn(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve) => {
    child.stdout!.once('data', () => resolve());
    child.stdin!.write(`${ms}\n`);
  });
}

describe('CpuAccount (reads /proc, Linux)', () => {
  let burner: ChildProcess;
  let idle: ChildProcess;

  beforeAll(async () => {
    burner = startBurner();
    idle = spawn('sleep', ['60']);
    await burn(burner, 1); // started: its start-up is not charged to the runs
  });

  afterAll(() => {
    burner.kill();
    idle.kill();
  });

  it('charges each group the CPU its processes spent during the runs, per item', async () => {
    const cpu = new CpuAccount({ burner: () => [burner.pid!], idle: () => [idle.pid!] });
    await cpu.during(
      'runs',
      () => 100,
      () => burn(burner, 300),
    );
    await cpu.during(
      'runs',
      () => 100,
      () => burn(burner, 300),
    );
    const spent = new Map(cpu.perItem('runs')!.map((g) => [g.group, g.micros]));
    // 600 ms of CPU over 200 items: 3,000 µs an item, give or take the 10 ms ticks /proc counts in.
    expect(spent.get('burner')).toBeGreaterThan(2_700);
    expect(spent.get('burner')).toBeLessThan(3_600);
    expect(spent.get('idle')).toBeLessThan(200);
    expect(cpu.perItem('nothing ran')).toBeNull();
  });

  it('reads a process by id and finds processes by name', () => {
    expect(processCpuMicros(process.pid)).toBeGreaterThan(0);
    expect(processCpuMicros(2 ** 22 + 1)).toBeNull(); // above Linux's largest pid
    expect(pidsNamed('sleep')).toContain(idle.pid);
  });
});

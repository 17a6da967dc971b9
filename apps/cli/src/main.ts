import { CliIo, CliUsageError } from './command';
import { COMMANDS } from './commands';

function help(io: CliIo): void {
  io.stdout.write('Usage: npm run loa -- <command> [args]\n\n');
  for (const c of COMMANDS) io.stdout.write(`  ${c.usage.padEnd(40)} ${c.summary}\n`);
}

/** Runs the CLI with argv (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (!argv.length || argv[0] === '--help' || argv[0] === '-h') {
    help(io);
    return argv.length ? 0 : 2;
  }
  const command = COMMANDS.find((c) => {
    const words = c.name.split(' ');
    return words.every((w, i) => argv[i] === w);
  });
  if (!command) {
    io.stderr.write(`Unknown command: ${argv.slice(0, 2).join(' ')}\n`);
    help(io);
    return 2;
  }
  try {
    return await command.run(argv.slice(command.name.split(' ').length), io);
  } catch (e) {
    if (e instanceof CliUsageError) {
      io.stderr.write(`${e.message}\nUsage: npm run loa -- ${command.usage}\n`);
      return 2;
    }
    io.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}

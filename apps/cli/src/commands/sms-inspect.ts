import type { Readable } from 'node:stream';
import { renderSms } from '@loa/sms';
import { CliCommand, CliUsageError } from '../command';

async function readAll(input: Readable): Promise<string> {
  let text = '';
  input.setEncoding('utf8');
  for await (const chunk of input) text += String(chunk);
  return text;
}

/**
 * `sms inspect [--strip] TEXT`: how a text would travel as SMS. Several words are joined with single spaces, as
 * the shell split them; `-` reads the text from stdin (one trailing newline dropped); `--` ends the options.
 */
export const smsInspectCommand: CliCommand = {
  name: 'sms inspect',
  usage: 'sms inspect [--strip] TEXT|-',
  summary: 'Show encoding (GSM-7/UCS-2), length and segments of an SMS text',
  async run(args, io) {
    let strip = false;
    let index = 0;
    for (; index < args.length; index++) {
      const arg = args[index];
      if (arg === '--') {
        index += 1;
        break;
      }
      if (arg === '--strip') strip = true;
      else if (arg.startsWith('--')) throw new CliUsageError(`unknown option ${arg}`);
      else break;
    }
    const words = args.slice(index);
    if (words.length === 0) throw new CliUsageError('no TEXT given');
    const text =
      words.length === 1 && words[0] === '-' ? (await readAll(io.stdin)).replace(/\r?\n$/, '') : words.join(' ');
    const { text: rendered, encoding, length, segments } = renderSms(text, { stripDiacritics: strip });
    io.stdout.write(`${JSON.stringify({ text: rendered, encoding, length, segments })}\n`);
    return 0;
  },
};

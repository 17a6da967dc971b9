import type { CliCommand } from '../command';
import { numbersRouteCommand } from './numbers-route';
import { smsInspectCommand } from './sms-inspect';

/** Every CLI command; a new command is one module here. */
export const COMMANDS: CliCommand[] = [numbersRouteCommand, smsInspectCommand];

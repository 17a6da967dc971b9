import type { CliCommand } from '../command';
import { directiveParseCommand } from './directive-parse';
import { numbersRouteCommand } from './numbers-route';
import { radioProbeCommand } from './radio-probe';
import { radioScriptCommand } from './radio-script';
import { reportLetterCommand } from './report-letter';
import { smsInspectCommand } from './sms-inspect';
import { unitsAtCommand, unitsFindCommand } from './units';
import { orgsFindCommand } from './orgs';

/** Every CLI command; a new command is one module here. */
export const COMMANDS: CliCommand[] = [
  numbersRouteCommand,
  smsInspectCommand,
  directiveParseCommand,
  radioScriptCommand,
  radioProbeCommand,
  reportLetterCommand,
  unitsFindCommand,
  unitsAtCommand,
  orgsFindCommand,
];

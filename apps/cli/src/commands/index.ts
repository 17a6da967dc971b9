import type { CliCommand } from '../command';

/** Every CLI command; a new command is one module here. */
export const COMMANDS: CliCommand[] = [];

import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { AuthHardening1764000000001 } from './1764000000001-auth-hardening';
import { OptOuts1764000000002 } from './1764000000002-opt-outs';

/** Every migration, in order. Listed explicitly so ts-jest and the built code load the same set. */
export const MIGRATIONS = [InitialSchema1764000000000, AuthHardening1764000000001, OptOuts1764000000002];

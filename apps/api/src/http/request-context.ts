import type { Request } from 'express';
import type { AuthenticatedUser } from '@loa/auth';
import type { PortalEntity, StationEntity } from '@loa/db';

/** What guards attach to a request. */
export interface LoaRequest extends Request {
  requestId: string;
  /** The body's bytes as received (Nest's rawBody option). */
  rawBody?: Buffer;
  user?: AuthenticatedUser;
  station?: StationEntity;
  /** A portal's webmaster, as their key names the portal. */
  portal?: PortalEntity;
  /** A carrier partner, as its key names it (the key's organisation scopes what it sees). */
  carrier?: { id: string; code: string; organizationId: string };
}

import { UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@loa/audit';
import type { LoaRequest } from '../http/request-context';

/** The authenticated operator as an audit actor (the global guard has set req.user). */
export function operator(req: LoaRequest): Actor & { type: 'user' } {
  if (!req.user) throw new UnauthorizedException('Not logged in');
  return { type: 'user', id: req.user.id, organizationId: req.user.organizationId, role: req.user.role };
}

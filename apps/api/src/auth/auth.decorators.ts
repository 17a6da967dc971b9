import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '@loa/db';

export const PUBLIC_ROUTE = 'loa:public';
export const ROLES = 'loa:roles';
export const STATION_ROUTE = 'loa:station';

/** No operator login (public embed, partner routes with their own guard, webhooks with signatures). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Operators holding one of these roles (admin may do everything an editor or approver may). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

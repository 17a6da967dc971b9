/** A carrier's routes: the one its row describes, and the second it fails over to (`connection.secondary`). */
export type RouteName = 'primary' | 'secondary';

/**
 * Message ids of the second route carry this prefix where they are stored. Two SMSCs count their ids
 * independently, so one id may name two messages; with the prefix a receipt or a status query finds the message of
 * its own route, and a stored id says which route took the message. Primary ids are stored as the carrier gives
 * them (as before there were routes).
 */
export const SECONDARY_ID_PREFIX = 'secondary:';

/** The id as stored for a message the route took. */
export function storedMessageId(route: RouteName, providerId: string): string {
  return route === 'secondary' ? `${SECONDARY_ID_PREFIX}${providerId}` : providerId;
}

/** The route a stored id belongs to, and the id its carrier knows. */
export function routeOfStoredId(storedId: string): { route: RouteName; providerId: string } {
  return storedId.startsWith(SECONDARY_ID_PREFIX)
    ? { route: 'secondary', providerId: storedId.slice(SECONDARY_ID_PREFIX.length) }
    : { route: 'primary', providerId: storedId };
}

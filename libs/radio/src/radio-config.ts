export type { RadioConfig } from '@loa/config';

/** Radio services inject their settings (`AppConfig.radio`, read and validated with the rest in libs/config). */
export const RADIO_CONFIG = Symbol('RADIO_CONFIG');

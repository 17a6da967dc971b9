export { freePort } from '../../tools/run/free-port';

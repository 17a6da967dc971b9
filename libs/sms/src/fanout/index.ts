export { SmsFanout } from './sms-fanout';

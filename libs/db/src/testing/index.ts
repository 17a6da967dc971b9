export { FakeTransactions } from './fake-transactions';

export { problemField } from './problem-field';

export { ExitCode, UserError } from './exit-codes.js';

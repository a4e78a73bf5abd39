// Moved to transport/answer.ts, below the run that reads answers too; the checks' imports follow with their rewrite.
export { bodyObject, describeAnswer, isSuccess } from '../../transport/answer.ts';

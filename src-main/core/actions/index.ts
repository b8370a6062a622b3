/** Safe repair: plan, preview, confirm, apply with a journal, verify, undo, report. */
export * from './types';
export * from './plan';
export * from './plan-file';
export * from './preview';
export * from './confirm';
export * from './journal';
export * from './state-check';
export * from './execute';
export * from './run';
export * from './undo';
export * from './report';
export * from './client';
export { RunBusyError } from './run-lock';

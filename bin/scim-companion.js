#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so the bin works straight after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));

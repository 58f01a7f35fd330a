#!/usr/bin/env node
// The molos-schema command: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
process.env.MOLOS_SCHEMA_CLI = '1';
await import('../src/cli/main.ts');

#!/usr/bin/env node
// The `qldv` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exit(await runCli(process.argv.slice(2)));

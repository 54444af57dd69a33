#!/usr/bin/env node
// The `siks` command line. TypeScript runs through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

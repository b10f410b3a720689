#!/usr/bin/env node
// The routerctl executable: wires the real process into runCli and sets the exit code.
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { EXIT_INTERNAL, runCli, type Io } from './index.js';
import { errorDetail } from '@routerd/model';

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (path) => readFile(path, 'utf8'),
  readStdin: () => text(process.stdin),
  env: process.env,
  cwd: process.cwd(),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`routerctl: internal error: ${errorDetail(error)}\n`);
    process.exitCode = EXIT_INTERNAL;
  },
);

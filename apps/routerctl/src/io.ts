// What a command may touch of the outside world; main.ts wires the real process, tests a memory one.

export interface Output {
  write(text: string): unknown;
  /** A terminal: `get --watch` redraws in place there, and appends each table elsewhere. */
  isTTY?: boolean | undefined;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  /** Reads a whole UTF-8 file; `path` is already resolved against `cwd`. Rejects with the OS error. */
  readFile(path: string): Promise<string>;
  /** Reads standard input to its end (`-f -`). */
  readStdin(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

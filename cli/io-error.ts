import { UsageError } from "./args.js";

/**
 * A file-system failure the user can act on (a full disk, a read-only directory, a file where a directory should
 * be): one line naming the path and the system's reason, exit code 2.
 */
export class IoError extends UsageError {
  constructor(
    readonly path: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "IoError";
  }
}

/** `ENOSPC: no space left on device` from a Node error (its message without the syscall and path). */
export function reason(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  if (!error?.code) return String((e as Error)?.message ?? e);
  const text = /^[A-Z0-9_]+: ([^,]+)/.exec(error.message ?? "")?.[1];
  return text ? `${error.code}: ${text}` : error.code;
}

/**
 * A Node file-system error (one with an `E…` code) as an IoError saying what could not be done to which path
 * (`cannot write 'runs/a/rounds.csv' (ENOSPC: no space left on device)`); anything else is returned as it is.
 */
export function ioError(e: unknown, action: string, path: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (e instanceof UsageError || typeof code !== "string" || !/^E[A-Z0-9]+$/.test(code)) return e;
  return new IoError(path, code, `cannot ${action} '${path}' (${reason(e)})`);
}

/** Runs `body`, turning any file-system error into an IoError about `path`. */
export function io<T>(action: string, path: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw ioError(e, action, path);
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Child processes and temporary folders of the benchmark: every one is registered here
 * and removed on normal exit, on an error, and on SIGINT/SIGTERM.
 */
const children = new Set<ChildProcess>();
const folders = new Set<string>();
let installed = false;

function killAllNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

export function removeFoldersNow(): void {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  folders.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    killAllNow();
    removeFoldersNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping the servers and removing the temporary data\n`);
      killAllNow();
      removeFoldersNow();
      process.exit(130);
    });
  }
}

/** A folder removed when the benchmark ends, however it ends. */
export function temporaryFolder(dir: string): string {
  install();
  folders.add(dir);
  return dir;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  /** Everything the child wrote, for the error message when it fails. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a child process and resolves once its stdout contains `readyLine`; rejects with
 * its output if it exits or stays silent for `timeoutMs`.
 */
export function startServer(
  name: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; port: number; readyLine: string; timeoutMs?: number; cwd?: string; ipc?: boolean },
): Promise<Server> {
  install();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 64_000) output = output.slice(-32_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const server: Server = {
    name,
    child,
    port: options.port,
    output: () => output,
    stop: () => stopChild(child),
  };
  return new Promise<Server>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(new Error(`${name} did not start within ${(options.timeoutMs ?? 60_000) / 1000} s. Its output:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = () => {
      if (output.includes(options.readyLine)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(server);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready. Its output:\n${output}`));
    });
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the child is gone. */
/** Sends `message` over the child's IPC channel and resolves on its answer `reply`. */
export function ask(child: ChildProcess, message: string, reply: string, timeoutMs = 30_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no "${reply}" from the child within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onMessage = (answer: unknown) => {
      if (answer !== reply) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

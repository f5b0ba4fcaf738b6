import os from 'node:os';

/** The machine a benchmark ran on, printed with its figures. */
export function describeMachine(extra: Record<string, string> = {}): Record<string, string> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: String(cpus.length),
    ram: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...extra,
  };
}

export function printMachine(machine: Record<string, string>): void {
  const width = Math.max(...Object.keys(machine).map((key) => key.length));
  for (const [key, value] of Object.entries(machine)) console.log(`${key.padEnd(width)}  ${value}`);
}

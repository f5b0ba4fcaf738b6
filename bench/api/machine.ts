import os from 'node:os';

/** The machine a benchmark ran on, printed beside its figures. */
export function describeMachine(): [string, string][] {
  const cpus = os.cpus();
  return [
    ['cpu', cpus[0]?.model.trim() ?? 'unknown'],
    ['cores', String(cpus.length)],
    ['ram', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['os', `${os.type()} ${os.release()} ${os.arch()}`],
    ['node', process.version],
  ];
}

/**
 * Preloaded into the profiled server (`node -r ts-node/register/transpile-only -r
 * bench/api/cpu-profiler.ts`, spawned with an IPC channel): the message
 * "cpu-profile:start" starts the V8 sampling profiler, "cpu-profile:stop" stops it,
 * writes the profile to BENCH_CPU_PROFILE and answers "cpu-profile:written". Only the
 * load the benchmark chooses is profiled, not start-up or seeding. (Signals are no good
 * here: Nest's shutdown hooks exit on SIGUSR2, and SIGUSR1 opens the inspector.)
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const target = process.env.BENCH_CPU_PROFILE;
if (target && process.send) {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  process.on('message', (message: unknown) => {
    void (async () => {
      if (message === 'cpu-profile:start') {
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', { interval: 250 });
        await post('Profiler.start');
        process.send?.('cpu-profile:started');
      } else if (message === 'cpu-profile:stop') {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        writeFileSync(target, JSON.stringify(profile));
        process.send?.('cpu-profile:written');
      }
    })().catch((error: unknown) => process.stderr.write(`cpu profiler: ${String(error)}\n`));
  });
}

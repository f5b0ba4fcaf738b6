import { SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr (stdout stays the report's). On a terminal it redraws in place;
 * when stderr is a file or a pipe it writes a line every second, and the last one at the end.
 * With `step`, the bar shows the `step` value of its payload (what is being done) after the count.
 */
export function progressBar(label: string, options: { step?: boolean } = {}): SingleBar {
  return new SingleBar({
    format: `${label.padEnd(22)} [{bar}] {percentage}% | {value}/{total} events${options.step ? ' | {step}' : ''} | ETA {eta_formatted}`,
    barCompleteChar: '#',
    barIncompleteChar: '-',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 1000,
    etaBuffer: 50,
    stream: process.stderr,
  });
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** "12,345 events in 1.2 s (10,288 events/s)". */
export function throughput(events: number, ms: number): string {
  const perSecond = ms > 0 ? Math.round((events * 1000) / ms) : events;
  return `${formatCount(events)} events in ${(ms / 1000).toFixed(1)} s (${formatCount(perSecond)} events/s)`;
}

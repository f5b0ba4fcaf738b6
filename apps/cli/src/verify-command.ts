import * as fs from 'node:fs';
import type { SingleBar } from 'cli-progress';
import { verifyEventLog, type VerifyReport } from '@mandate/event-store';
// The storage alone, not the runtime's index: verify starts no projection, and loads less.
import { openStorage } from '@mandate/runtime/storage/open-storage';
import { sqliteStoreFile } from '@mandate/runtime/storage/sqlite-storage';
import { settings } from './cli-settings';
import { formatCount, progressBar } from './progress';
import { UsageError } from './usage-error';
import type { VerifyOptions } from './verify-options';

/**
 * `verify`: walks the event log of the store the settings name, recomputing both hash chains,
 * with a progress bar; prints what it found (text or JSON) and exits with 1 when the log does
 * not verify. It needs only the storage, not the runtime: the projections are not started.
 */
export async function runVerify(options: VerifyOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const s = settings();
  if (s.eventStore === 'sqlite' && !fs.existsSync(sqliteStoreFile(s.dataDir))) {
    throw new UsageError(`there is no store in ${s.dataDir} (no mandate.sqlite): set DATA_DIR to the folder of the store to verify`);
  }
  const storage = openStorage(s);
  const progress = pageProgress();
  try {
    const log = await storage.openHashedLog((message) => process.stderr.write(`${message}\n`));
    const report = await verifyEventLog(log, { expect: options.expect, onProgress: progress.update });
    progress.stop();
    out.write(options.json ? `${JSON.stringify({ store: storage.description, ...report }, null, 2)}\n` : describeReport(report, storage.description));
    if (!report.ok) process.exitCode = 1;
  } finally {
    progress.stop();
    await storage.close();
  }
}

/** The progress bar, started at the first page read (when the head is known); stop() may be called twice. */
function pageProgress() {
  let bar: SingleBar | null = null;
  return {
    update(position: number, head: number): void {
      if (!bar) {
        bar = progressBar('Verifying');
        bar.start(head, 0);
      }
      bar.update(position);
    },
    stop(): void {
      bar?.stop();
      bar = null;
    },
  };
}

function describeReport(report: VerifyReport, store: string): string {
  const { head, finding } = report;
  const checked = `${formatCount(report.events)} events in ${formatCount(report.streams)} streams`;
  if (!finding) {
    return [
      `The event log is intact: ${checked} verified (${store}).`,
      `Head: global position ${head.position}, hash ${head.hash}`,
      'Keep this line somewhere else: a later `npm run cli -- verify --expect ' +
        `${head.position}:${head.hash}\` shows the log still reaches it unchanged, which is how events cut from the end are found.`,
      '',
    ].join('\n');
  }
  const where = finding.streamId === null ? '' : `, stream ${finding.streamId} version ${finding.streamVersion}`;
  return [
    `The event log does NOT verify (${store}).`,
    `First problem: ${finding.kind} at global position ${finding.globalPosition}${where}`,
    finding.detail,
    `Before it, ${checked} verified (up to global position ${head.position}, hash ${head.hash}).`,
    '',
  ].join('\n');
}

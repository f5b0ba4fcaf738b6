import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** SQLite's own automatic checkpoint threshold (pages), restored when the background thread stops. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
/** New frames a pass may find and still leave the rest to the main connection. */
const HAND_OVER_FRAMES = 256;

export interface WalCheckpointerOptions {
  /** How often the thread checkpoints the WAL into the database file. Default 100 ms. */
  intervalMs?: number;
  /** WAL frames (pages) at which the main connection is asked to complete a checkpoint, so the WAL starts over. Default 8,192 (32 MiB). */
  restartFrames?: number;
}

/**
 * The thread's code, run with `eval` so that it works the same from TypeScript sources and
 * from the build. It opens its own connection to the file and checkpoints PASSIVE: it copies
 * the committed WAL frames that no reader still needs into the database file and fsyncs it,
 * never blocking a writer or a reader. A WAL is only rewound to its start when a checkpoint
 * has copied every frame and then a writer begins; under a steady stream of commits the
 * thread's checkpoint never quite catches up (commits land while it copies and fsyncs), the
 * WAL grows without end, and every page read searches a longer WAL index. So once the WAL
 * holds `restartFrames` frames, the thread passes over it again until a pass finds only a few
 * new frames, then asks the main connection to finish the job: a checkpoint there copies only
 * the frames committed since (a few milliseconds' worth), and no commit can slip in meanwhile.
 * A RESTART checkpoint in the thread instead would hold off the writer while it waits for the
 * fsync, a stall of 100–200 ms. On 'stop' it checkpoints once more, closes its connection and
 * its port, and the thread ends.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
db.pragma('wal_autocheckpoint = 0');
let stopping = false;
const checkpoint = (mode) => {
  try { return db.pragma('wal_checkpoint(' + mode + ')')[0]; }
  catch (error) { parentPort.postMessage({ error: String((error && error.message) || error) }); return undefined; }
};
const tick = () => {
  if (stopping) return;
  let result = checkpoint('PASSIVE');
  if (!result || result.log < workerData.restartFrames) return;
  // Commits kept landing while it copied: pass again over those until a pass finds only a
  // few new frames, so that what is left for the main connection is small.
  for (let pass = 0; pass < 8; pass++) {
    const previous = result.log;
    result = checkpoint('PASSIVE');
    if (!result || result.log < previous || result.log - previous <= workerData.handOverFrames) break;
  }
  parentPort.postMessage({ rewind: true });
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopping = true;
  clearInterval(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside the commit
 * that crosses 1,000 WAL pages: that commit then copies the pages into the database file and
 * waits for its fsync, on the thread that serves requests, fires timers and runs the
 * projections. With this running, the main connection never checkpoints (`wal_autocheckpoint
 * = 0`) and a worker thread with its own connection checkpoints every `intervalMs`.
 * Durability is unchanged: commits are in the WAL either way, and the fsync at each
 * checkpoint still happens, only elsewhere. Whenever the thread ends (stopped, or dead of an
 * error), automatic checkpoints are switched back on.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopping = false;

  private constructor(
    private readonly db: Database,
    file: string,
    intervalMs: number,
    restartFrames: number,
    private readonly onError: (message: string) => void,
  ) {
    this.worker = new Worker(THREAD_CODE, {
      eval: true,
      workerData: { file, intervalMs, restartFrames, handOverFrames: HAND_OVER_FRAMES, driver: require.resolve('better-sqlite3') },
    });
    this.worker.unref();
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.restoreAutocheckpoint();
        resolve();
      }),
    );
    this.worker.on('message', (message: { error?: string; rewind?: boolean }) => {
      if (message.error) this.onError(`WAL checkpoint failed: ${message.error}`);
      if (message.rewind) this.rewind();
    });
    this.worker.on('error', (error) => this.onError(`WAL checkpoint thread stopped: ${error.message}; SQLite checkpoints on commit again`));
  }

  /** Starts the thread for a file-backed database in WAL mode; null for an in-memory one. */
  static start(db: Database, onError: (message: string) => void, options: WalCheckpointerOptions = {}): WalCheckpointer | null {
    if (db.memory || db.name === '' || db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
    const checkpointer = new WalCheckpointer(db, db.name, options.intervalMs ?? 100, options.restartFrames ?? 8192, onError);
    db.pragma('wal_autocheckpoint = 0');
    return checkpointer;
  }

  /** Stops the thread after a last checkpoint and gives checkpoints back to the connection. */
  stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      // Unreferenced, the thread would not keep the process alive while it finishes, and a
      // process with nothing else to do would exit before `exited` settles.
      this.worker.ref();
      this.worker.postMessage('stop');
    }
    return this.exited;
  }

  /**
   * Between two of this connection's transactions (no commit can land meanwhile), copies the
   * few frames committed since the thread's last checkpoint, so that every frame is in the
   * database file and the next commit starts the WAL over.
   */
  private rewind(): void {
    if (!this.db.open || this.stopping) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      this.onError(`WAL checkpoint failed: ${(error as Error).message}`);
    }
  }

  private restoreAutocheckpoint(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  }
}

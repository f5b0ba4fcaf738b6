import Database from 'better-sqlite3';

/**
 * Follows the event log from outside the server (a read-only connection to its SQLite file,
 * in WAL mode readers never block the writer): how many events of some types were appended
 * after a position. Each poll reads only the events appended since the previous one.
 */
export class LogWatch {
  private readonly db: Database.Database;
  private readonly countSince: Database.Statement<[number], { type: string; n: number; last: number | null }>;
  private readonly headStmt: Database.Statement<[], { head: number | null }>;
  private position: number;
  readonly counts = new Map<string, number>();

  constructor(file: string, after: number) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.countSince = this.db.prepare(
      'select message_type as type, count(*) as n, max(global_position) as last from events where global_position > ? group by message_type',
    );
    this.headStmt = this.db.prepare('select max(global_position) as head from events');
    this.position = after;
  }

  head(): number {
    return this.headStmt.get()?.head ?? 0;
  }

  /** Reads the events appended since the last poll; returns the new head. */
  poll(): number {
    let last = this.position;
    for (const row of this.countSince.all(this.position)) {
      this.counts.set(row.type, (this.counts.get(row.type) ?? 0) + row.n);
      if (row.last !== null && row.last > last) last = row.last;
    }
    this.position = last;
    return last;
  }

  count(type: string): number {
    return this.counts.get(type) ?? 0;
  }

  /** Events of a type after `after`, and the streams they are in (each task must have one DeadlineMissed). */
  distinct(type: string, after: number): { events: number; streams: number } {
    const row = this.db
      .prepare('select count(*) as events, count(distinct stream_id) as streams from events where global_position > ? and message_type = ?')
      .get(after, type) as { events: number; streams: number };
    return row;
  }

  /** TaskEscalated events after `after` by reason and level. */
  escalations(after: number): Map<string, number> {
    const rows = this.db
      .prepare(
        `select json_extract(data, '$.reason') as reason, json_extract(data, '$.level') as level, count(*) as n
         from events where global_position > ? and message_type = 'TaskEscalated' group by 1, 2`,
      )
      .all(after) as { reason: string; level: number; n: number }[];
    return new Map(rows.map((r) => [`${r.reason} L${r.level}`, r.n]));
  }

  close(): void {
    this.db.close();
  }
}

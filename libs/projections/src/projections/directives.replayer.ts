import {
  DirectiveAmended,
  DirectiveCancelled,
  DirectiveCompleted,
  DirectiveIssued,
  type DomainEvent,
} from '@mandate/domain';
import { recordedOf } from '../projection';
import type { ProjectionReplayer, RowSink } from '../replay/projection-replayer';
import { foldSearchText } from '../search-text';
import { holdInstant, instantValue, type HeldInstant } from './held-instant';
import { InternedStrings } from '../replay/interned-strings';

// The stored types, read once (each `X.type` goes through the domain index's re-export getter).
const DIRECTIVE_ISSUED = DirectiveIssued.type;
const DIRECTIVE_AMENDED = DirectiveAmended.type;
const DIRECTIVE_CANCELLED = DirectiveCancelled.type;
const DIRECTIVE_COMPLETED = DirectiveCompleted.type;

/** The rm_directives row of a directive still open, as DirectivesProjection's statements leave it (times held as numbers). */
class DirectiveRow {
  cancelledAt: HeldInstant = null;
  cancelReason: string | null = null;
  completedAt: HeldInstant = null;

  constructor(
    readonly id: string,
    readonly code: string,
    public title: string,
    readonly searchCode: string,
    public searchText: string,
    public summary: string | null,
    public issuingBody: string | null,
    public signedBy: string | null,
    public issuedOn: string,
    public status: string,
    readonly issuedAt: HeldInstant,
    public version: number,
    public updatedAt: HeldInstant,
  ) {}
}

/**
 * The fast rebuild of rm_directives. A directive's row is held while it is active and
 * written when it is cancelled or completed: a closed directive accepts no further command
 * (Directive.assertOpen), so nothing changes its row after that. Active directives are
 * written at the end.
 *
 * The statements' rules kept here: updates go to `data.directiveId`, else the stream's id,
 * and match no row when the directive was never issued; every event received moves
 * `version` to its stream position; an update ignores a value left undefined (kysely drops
 * it); `search_text` is the stored `search_code`, a space and the folded title in force.
 */
export class DirectivesReplayer implements ProjectionReplayer {
  private readonly open = new Map<string, DirectiveRow>();
  /** Issuing bodies, signers, dates: few distinct values, each kept once. */
  private readonly strings = new InternedStrings();

  /** Directives held in memory (issued, neither cancelled nor completed). */
  get size(): number {
    return this.open.size;
  }

  apply(event: DomainEvent, sink: RowSink): void {
    const { streamId, streamPosition } = recordedOf(event);
    switch (event.type) {
      case DIRECTIVE_ISSUED:
        return this.issued(event as DirectiveIssued, streamPosition, sink);
      case DIRECTIVE_AMENDED: {
        const { changes } = (event as DirectiveAmended).data;
        // Folded before the lookup, as the statement is built whether or not the row exists.
        const foldedTitle = changes.title === undefined ? undefined : foldSearchText(changes.title);
        const row = this.touch(event, streamId, streamPosition);
        if (!row) return;
        if (changes.title !== undefined) row.title = changes.title;
        if (changes.summary !== undefined) row.summary = changes.summary;
        if (changes.issuingBody !== undefined) row.issuingBody = this.strings.of(changes.issuingBody);
        if (changes.signedBy !== undefined) row.signedBy = this.strings.of(changes.signedBy);
        if (changes.issuedOn !== undefined) row.issuedOn = this.strings.of(changes.issuedOn);
        if (foldedTitle !== undefined) row.searchText = `${row.searchCode} ${foldedTitle}`;
        return;
      }
      case DIRECTIVE_CANCELLED: {
        const row = this.touch(event, streamId, streamPosition);
        if (!row) return;
        row.status = 'cancelled';
        if (event.meta.occurredAt !== undefined) row.cancelledAt = holdInstant(event.meta.occurredAt);
        const { reason } = (event as DirectiveCancelled).data;
        if (reason !== undefined) row.cancelReason = reason;
        return this.close(row, sink);
      }
      case DIRECTIVE_COMPLETED: {
        const row = this.touch(event, streamId, streamPosition);
        if (!row) return;
        row.status = 'completed';
        if (event.meta.occurredAt !== undefined) row.completedAt = holdInstant(event.meta.occurredAt);
        return this.close(row, sink);
      }
      default:
        // DirectiveTaskAdded, and any other event of a directive stream: the version moves.
        this.touch(event, streamId, streamPosition);
    }
  }

  finish(sink: RowSink): void {
    for (const [id, row] of this.open) {
      writeDirective(row, sink);
      this.open.delete(id);
    }
    this.strings.clear();
  }

  private issued({ data, meta }: DirectiveIssued, streamPosition: number, sink: RowSink): void {
    const searchCode = foldSearchText(data.code);
    const at = holdInstant(meta.occurredAt);
    const row = new DirectiveRow(
      data.directiveId,
      data.code,
      data.title,
      searchCode,
      `${searchCode} ${foldSearchText(data.title)}`,
      data.summary,
      this.strings.of(data.issuingBody),
      this.strings.of(data.signedBy),
      this.strings.of(data.issuedOn),
      'active',
      at,
      streamPosition,
      at,
    );
    // A second directive with the same id: its insert fails on the primary key, as the statement's does.
    if (this.open.has(row.id)) writeDirective(row, sink);
    else this.open.set(row.id, row);
  }

  /** The row an update of this event targets, with its version and time moved; undefined when none. */
  private touch(event: DomainEvent, streamId: string, streamPosition: number): DirectiveRow | undefined {
    const directiveId = (event.data as { directiveId?: string }).directiveId ?? streamId.replace(/^directive-/, '');
    const row = this.open.get(directiveId);
    if (!row) return undefined;
    if (streamPosition !== undefined) row.version = streamPosition;
    if (event.meta.occurredAt !== undefined) row.updatedAt = holdInstant(event.meta.occurredAt);
    return row;
  }

  private close(row: DirectiveRow, sink: RowSink): void {
    writeDirective(row, sink);
    this.open.delete(row.id);
  }
}

function writeDirective(row: DirectiveRow, sink: RowSink): void {
  sink.insert('rm_directives', {
    id: row.id,
    code: row.code,
    title: row.title,
    search_code: row.searchCode,
    search_text: row.searchText,
    summary: row.summary,
    issuing_body: row.issuingBody,
    signed_by: row.signedBy,
    issued_on: row.issuedOn,
    status: row.status,
    issued_at: instantValue(row.issuedAt),
    cancelled_at: instantValue(row.cancelledAt),
    cancel_reason: row.cancelReason,
    completed_at: instantValue(row.completedAt),
    version: row.version,
    updated_at: instantValue(row.updatedAt),
  });
}

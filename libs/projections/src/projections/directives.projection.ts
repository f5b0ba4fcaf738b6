import {
  DirectiveAmended,
  DirectiveCancelled,
  DirectiveCompleted,
  DirectiveIssued,
  DirectiveTaskAdded,
  type DomainEvent,
} from '@mandate/domain';
import { sql, type UpdateObject } from 'kysely';
import { recordedOf, type Projection } from '../projection';
import type { ProjectionReplayer } from '../replay/projection-replayer';
import { foldSearchText } from '../search-text';
import type { ReadModelTables } from '../sql/read-model.tables';
import { compile, type QueryBuilder, type SqlStatement } from '../sql/query-builder';
import { DirectivesReplayer } from './directives.replayer';

type DirectiveSet = UpdateObject<ReadModelTables, 'rm_directives'>;

/** rm_directives: one row per directive, its details, status and stream version. */
export class DirectivesProjection implements Projection {
  readonly name = 'directives';
  readonly version = 1;
  readonly tables = ['rm_directives'];
  readonly handles = [
    DirectiveIssued.type,
    DirectiveAmended.type,
    DirectiveTaskAdded.type,
    DirectiveCancelled.type,
    DirectiveCompleted.type,
  ];
  readonly categories = ['directive'];

  schema(qb: QueryBuilder): SqlStatement[] {
    return [
      compile(
        qb.schema
          .createTable('rm_directives')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('search_code', 'text', (c) => c.notNull())
          .addColumn('search_text', 'text', (c) => c.notNull())
          .addColumn('summary', 'text')
          .addColumn('issuing_body', 'text')
          .addColumn('signed_by', 'text')
          .addColumn('issued_on', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('issued_at', 'text', (c) => c.notNull())
          .addColumn('cancelled_at', 'text')
          .addColumn('cancel_reason', 'text')
          .addColumn('completed_at', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull()),
      ),
      compile(qb.schema.createIndex('rm_directives_status').ifNotExists().on('rm_directives').column('status')),
      compile(qb.schema.createIndex('rm_directives_issued_on').ifNotExists().on('rm_directives').column('issued_on')),
    ];
  }

  replayer(): ProjectionReplayer {
    return new DirectivesReplayer();
  }

  apply(event: DomainEvent, qb: QueryBuilder): SqlStatement[] {
    const { streamPosition } = recordedOf(event);
    switch (event.type) {
      case DirectiveIssued.type: {
        const { data, meta } = event as DirectiveIssued;
        const searchCode = foldSearchText(data.code);
        return [
          compile(
            qb.insertInto('rm_directives').values({
              id: data.directiveId,
              code: data.code,
              title: data.title,
              search_code: searchCode,
              search_text: `${searchCode} ${foldSearchText(data.title)}`,
              summary: data.summary,
              issuing_body: data.issuingBody,
              signed_by: data.signedBy,
              issued_on: data.issuedOn,
              status: 'active',
              issued_at: meta.occurredAt,
              cancelled_at: null,
              cancel_reason: null,
              completed_at: null,
              version: streamPosition,
              updated_at: meta.occurredAt,
            }),
          ),
        ];
      }
      case DirectiveAmended.type:
        return [this.amended(event as DirectiveAmended, qb)];
      case DirectiveCancelled.type: {
        const { data, meta } = event as DirectiveCancelled;
        return [this.update(qb, event, { status: 'cancelled', cancelled_at: meta.occurredAt, cancel_reason: data.reason })];
      }
      case DirectiveCompleted.type:
        return [this.update(qb, event, { status: 'completed', completed_at: event.meta.occurredAt })];
      default:
        // DirectiveTaskAdded, and any later event of the stream: the version moves.
        return [this.update(qb, event, {})];
    }
  }

  private amended(event: DirectiveAmended, qb: QueryBuilder): SqlStatement {
    const { changes } = event.data;
    const set: DirectiveSet = {};
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.summary !== undefined) set.summary = changes.summary;
    if (changes.issuingBody !== undefined) set.issuing_body = changes.issuingBody;
    if (changes.signedBy !== undefined) set.signed_by = changes.signedBy;
    if (changes.issuedOn !== undefined) set.issued_on = changes.issuedOn;
    if (changes.title === undefined) return this.update(qb, event, set);
    const foldedTitle = foldSearchText(changes.title);
    return this.update(qb, event, { ...set, search_text: sql<string>`search_code || ' ' || ${foldedTitle}` });
  }

  private update(qb: QueryBuilder, event: DomainEvent, set: DirectiveSet): SqlStatement {
    const { streamId, streamPosition } = recordedOf(event);
    const directiveId = (event.data as { directiveId?: string }).directiveId ?? streamId.replace(/^directive-/, '');
    return compile(
      qb
        .updateTable('rm_directives')
        .set({ ...set, version: streamPosition, updated_at: event.meta.occurredAt })
        .where('id', '=', directiveId),
    );
  }
}

import {
  DirectiveAmended,
  DirectiveCancelled,
  DirectiveCompleted,
  DirectiveIssued,
  DirectiveTaskAdded,
  DirectiveTaskClosed,
  DomainEvent,
} from '@mandate/domain';
import { projectionReceives } from '../projection';
import { History } from '../test-support/history';
import { project06History } from '../test-support/project-06.history';
import { foldedSnapshot, replayedSnapshot } from '../test-support/replay-harness';
import { replayedAndFolded } from '../test-support/storage-classes';
import { DirectivesProjection } from './directives.projection';
import { DirectivesReplayer } from './directives.replayer';

type Row = Record<string, unknown>;

const projection = new DirectivesProjection();

/** The message a promise rejects with (a SQLite error may come from another realm than the test's Error). */
const failureOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'no failure',
    (error: { message?: unknown }) => String(error?.message),
  );

const issue = (directiveId: string, code: string, title: string, more: Partial<DirectiveIssued['data']> = {}) => ({
  directiveId,
  code,
  title,
  summary: null,
  issuingBody: 'Ban Thường vụ Tỉnh ủy',
  signedBy: null,
  issuedOn: '2026-04-27',
  taskIds: [],
  ...more,
});

async function expectReplayedEqualsFolded(events: DomainEvent[]): Promise<Row[]> {
  const { replayed, folded } = await replayedAndFolded(projection, events);
  expect(replayed).toEqual(folded);
  return folded.rm_directives;
}

describe('DirectivesReplayer', () => {
  it('given the Project 06 history, when replayed, then rm_directives equals the statement path’s', async () => {
    const rows = await expectReplayedEqualsFolded(project06History().recorded());
    expect(rows.map((d) => [d.id, d.status])).toEqual([
      ['d1', 'active'],
      ['d2', 'active'],
      ['d3', 'cancelled'],
      ['d4', 'completed'],
    ]);
  });

  it('given the Project 06 history, when replayed, then only the active directives are still held', () => {
    const replayer = new DirectivesReplayer();
    const written: Row[] = [];
    for (const event of project06History().recorded()) {
      if (projectionReceives(projection, event)) replayer.apply(event, { insert: (_table, row) => written.push(row) });
    }
    expect(written.map((d) => d.id)).toEqual(['d3', 'd4']);
    expect(replayer.size).toBe(2);
  });

  it('given amendments, then only the fields they name change, and a new title refolds the search text', async () => {
    const h = new History()
      .e(DirectiveIssued, 'directive-d1', issue('d1', 'QĐ-15/TU', 'Quyết định về Đề án'))
      .e(DirectiveAmended, 'directive-d1', { directiveId: 'd1', changes: { signedBy: 'Chủ tịch', summary: null }, reason: null })
      .e(DirectiveAmended, 'directive-d1', { directiveId: 'd1', changes: { title: '  Quyết định   ĐỔI tên ', issuedOn: '2026-05-01' }, reason: 'Sửa' })
      .e(DirectiveAmended, 'directive-d1', { directiveId: 'd1', changes: { issuingBody: null, title: undefined }, reason: null })
      // an amendment of a directive never issued matches no row
      .e(DirectiveAmended, 'directive-d9', { directiveId: 'd9', changes: { title: 'Không có' }, reason: null })
      // by type, from another stream
      .e(DirectiveAmended, 'admin-1', { directiveId: 'd1', changes: { summary: 'Tóm tắt' }, reason: null });
    const [d1] = await expectReplayedEqualsFolded(h.recorded());
    expect(d1).toMatchObject({
      title: '  Quyết định   ĐỔI tên ',
      search_code: 'qd-15/tu',
      search_text: 'qd-15/tu quyet dinh doi ten',
      signed_by: 'Chủ tịch',
      issuing_body: null,
      summary: 'Tóm tắt',
      issued_on: '2026-05-01',
      version: 1, // the stream position in admin-1
    });
  });

  it('given events of other types and streams, then the version moves to the stream position of the latest one naming the directive', async () => {
    class DirectivePinged extends DomainEvent<{ note: string }> {
      static override readonly type = 'DirectivePinged';
    }
    const h = new History()
      .e(DirectiveIssued, 'directive-d1', issue('d1', '15-CT/TU', 'Chỉ thị'))
      .e(DirectiveIssued, 'directive-d2', issue('d2', '16-CT/TU', 'Chỉ thị hai'))
      .e(DirectiveTaskAdded, 'directive-d1', { directiveId: 'd1', taskId: 't3' })
      .e(DirectiveTaskClosed, 'directive-d1', { directiveId: 'd1', taskId: 't3', outcome: 'completed' })
      // no directiveId: the stream's id is the directive's
      .e(DirectivePinged, 'directive-d2', { note: 'x' })
      .e(DirectivePinged, 'directive-d2', { note: 'y' })
      // DirectiveTaskAdded is received by type, from any stream
      .e(DirectiveTaskAdded, 'task-t5', { directiveId: 'd1', taskId: 't5' })
      // other types outside directive streams are not received
      .e(DirectiveTaskClosed, 'task-t5', { directiveId: 'd2', taskId: 't5', outcome: 'cancelled' });
    const rows = await expectReplayedEqualsFolded(h.recorded());
    expect(rows.map((d) => [d.id, d.version])).toEqual([
      ['d1', 1],
      ['d2', 3],
    ]);
  });

  it('given cancellations and completions, then status and times are set, an undefined reason leaves the column as it was', async () => {
    const h = new History()
      .e(DirectiveIssued, 'directive-d1', issue('d1', 'A', 'Một'))
      .e(DirectiveIssued, 'directive-d2', issue('d2', 'B', 'Hai'))
      .e(DirectiveIssued, 'directive-d3', issue('d3', 'C', 'Ba'))
      .e(DirectiveCancelled, 'directive-d1', { directiveId: 'd1', reason: 'Thay thế' })
      .e(DirectiveCancelled, 'directive-d2', { directiveId: 'd2' } as never)
      .e(DirectiveCompleted, 'directive-d3', { directiveId: 'd3' })
      .e(DirectiveCompleted, 'directive-d9', { directiveId: 'd9' });
    const rows = await expectReplayedEqualsFolded(h.recorded());
    expect(rows.map((d) => [d.id, d.status, d.cancel_reason, d.completed_at !== null, d.version])).toEqual([
      ['d1', 'cancelled', 'Thay thế', false, 2],
      ['d2', 'cancelled', null, false, 2],
      ['d3', 'completed', null, true, 2],
    ]);
  });

  it('given event times that are not canonical ISO text, then they are stored as the events give them', async () => {
    const events = new History()
      .e(DirectiveIssued, 'directive-d1', issue('d1', 'A', 'Một'))
      .e(DirectiveIssued, 'directive-d2', issue('d2', 'B', 'Hai'))
      .e(DirectiveAmended, 'directive-d1', { directiveId: 'd1', changes: { summary: 'x' }, reason: null })
      .e(DirectiveCancelled, 'directive-d2', { directiveId: 'd2', reason: 'y' })
      .recorded();
    const times = ['2026-04-28T09:00:00+07:00', 1_777_000_000_000, '2026-02-30T00:00:00.000Z', '2026-04-28'];
    events.forEach((event, i) => ((event.meta as { occurredAt: unknown }).occurredAt = times[i]));
    const rows = await expectReplayedEqualsFolded(events);
    expect(rows.map((d) => [d.issued_at, d.updated_at, d.cancelled_at])).toEqual([
      [times[0], times[2], null],
      ['1777000000000.0', times[3], times[3]],
    ]);
  });

  it('given many directives, when replayed page by page, then rm_directives equals the statement path’s', async () => {
    const h = new History();
    for (let i = 0; i < 80; i++) {
      const stream = `directive-d${i}`;
      h.e(DirectiveIssued, stream, issue(`d${i}`, `${i}-CT/TU`, `Chỉ thị số ${i}`, { summary: i % 2 ? `Tóm tắt ${i}` : null }));
      if (i % 3 === 0) h.e(DirectiveAmended, stream, { directiveId: `d${i}`, changes: { title: `Chỉ thị sửa ${i}` }, reason: null });
      if (i % 4 === 1) h.e(DirectiveCancelled, stream, { directiveId: `d${i}`, reason: `Lý do ${i}` });
      else if (i % 4 === 2) h.e(DirectiveCompleted, stream, { directiveId: `d${i}` });
      else if (i > 3) h.e(DirectiveTaskAdded, `directive-d${i - 4}`, { directiveId: `d${i - 4}`, taskId: `t${i}` });
    }
    expect(await expectReplayedEqualsFolded(h.recorded())).toHaveLength(80);
  });

  it('given a directive id issued twice, then both paths fail on the primary key', async () => {
    const events = new History()
      .e(DirectiveIssued, 'directive-d1', issue('d1', 'A', 'Một'))
      .e(DirectiveIssued, 'directive-d1', issue('d1', 'A', 'Một'))
      .recorded();
    expect(await failureOf(foldedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_directives\.id/);
    expect(await failureOf(replayedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_directives\.id/);
  });
});

import { DirectiveAmended, DirectiveIssued } from '@mandate/domain';
import { History } from '../test-support/history';
import { project06History } from '../test-support/project-06.history';
import { memoryReadModel } from '../test-support/read-model-harness';
import { DirectivesProjection } from './directives.projection';

type Row = Record<string, unknown>;

describe('DirectivesProjection', () => {
  let rm: Awaited<ReturnType<typeof memoryReadModel>>;
  const directive = (id: string): Row => rm.rows<Row>('select * from rm_directives where id = ?', id)[0];

  beforeEach(async () => {
    rm = await memoryReadModel([new DirectivesProjection()]);
  });
  afterEach(() => rm.close());

  it('an issued directive is active, with its details and a folded search text', async () => {
    const [issued] = project06History().recorded().filter((e) => e.type === DirectiveIssued.type);
    await rm.project([issued]);
    expect(directive('d1')).toEqual({
      id: 'd1',
      code: '15-CT/TU',
      title: 'Chỉ thị về triển khai Đề án 06',
      search_code: '15-ct/tu',
      search_text: '15-ct/tu chi thi ve trien khai de an 06',
      summary: null,
      issuing_body: 'Ban Thường vụ Tỉnh ủy',
      signed_by: 'Bí thư Tỉnh ủy',
      issued_on: '2026-04-27',
      status: 'active',
      issued_at: issued.meta.occurredAt,
      cancelled_at: null,
      cancel_reason: null,
      completed_at: null,
      version: 1,
      updated_at: issued.meta.occurredAt,
    });
  });

  it('an amendment changes only the fields it names, and refolds the search text', async () => {
    const events = project06History().recorded().filter((e) => e.recorded!.streamId === 'directive-d1');
    await rm.project(events);
    expect(directive('d1')).toMatchObject({
      title: 'Chỉ thị về đẩy mạnh Đề án 06',
      summary: 'Sửa tên',
      signed_by: 'Bí thư Tỉnh ủy',
      search_text: '15-ct/tu chi thi ve day manh de an 06',
      version: 3, // issued, amended, task added
      updated_at: events[2].meta.occurredAt,
    });
  });

  it('an amendment without a title keeps the search text', async () => {
    const h = new History()
      .e(DirectiveIssued, 'directive-d9', {
        directiveId: 'd9', code: 'QĐ-9', title: 'Quyết định', summary: null, issuingBody: null, signedBy: null, issuedOn: '2026-01-02', taskIds: [],
      })
      .e(DirectiveAmended, 'directive-d9', { directiveId: 'd9', changes: { signedBy: 'Chủ tịch' }, reason: null });
    await rm.project(h.recorded());
    expect(directive('d9')).toMatchObject({ signed_by: 'Chủ tịch', search_text: 'qd-9 quyet dinh', version: 2 });
  });

  it('cancelled and completed directives carry their status and time', async () => {
    const events = project06History().recorded();
    await rm.project(events);
    const cancel = events.find((e) => e.type === 'DirectiveCancelled')!;
    const complete = events.find((e) => e.type === 'DirectiveCompleted')!;
    expect(directive('d3')).toMatchObject({
      status: 'cancelled',
      cancelled_at: cancel.meta.occurredAt,
      cancel_reason: 'Thay thế bằng văn bản khác',
      version: 2,
    });
    expect(directive('d4')).toMatchObject({ status: 'completed', completed_at: complete.meta.occurredAt, version: 2 });
    expect(directive('d2')).toMatchObject({ status: 'active', version: 1 });
  });
});

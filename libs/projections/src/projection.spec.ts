import { TaskAcknowledged } from '@mandate/domain';
import { isStreamOf, streamCategory } from './projection';

describe('stream categories', () => {
  it('isStreamOf agrees with streamCategory on every shape of stream id', () => {
    const ids = ['task-1f2e', 'task', 'tasks-1', 'task_1', 'directive-9', 'taskx-1', 'ta-sk', '', '-task', 'task-', 'task-a-b'];
    for (const streamId of ids) {
      const event = new TaskAcknowledged({ taskId: 't', unitId: 'u' }, { occurredAt: '2026-05-01T00:00:00.000Z', actor: { userId: 'u', role: 'system', unitId: null } });
      event.recorded = { eventId: 'e', streamId, streamPosition: 1, globalPosition: 1, recordedAt: '2026-05-01T00:00:00.000Z', schemaVersion: 1 };
      for (const category of ['task', 'directive', 'ta']) {
        expect([streamId, category, isStreamOf(streamId, category)]).toEqual([streamId, category, streamCategory(event) === category]);
      }
    }
  });
});

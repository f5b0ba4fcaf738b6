import { withDeclaredDays, type BusinessCalendar } from '@mandate/calendar';
import { OrganisationCalendar, calendarStreamId } from '@mandate/domain';
import type { EventStore } from '@mandate/event-store';

/**
 * The business calendar in force: the calendar file, with the days an administrator
 * declared since (events of the calendar stream) applied over it.
 */
export class CalendarHolder {
  private calendar: BusinessCalendar;
  private seenVersion = 0;

  constructor(
    readonly base: BusinessCalendar,
    private readonly store: EventStore,
  ) {
    this.calendar = base;
  }

  get current(): BusinessCalendar {
    return this.calendar;
  }

  /** Re-reads the declared days when the calendar stream changed (also after another process changed it). */
  async refresh(): Promise<BusinessCalendar> {
    const version = await this.store.streamVersion(calendarStreamId());
    if (version !== this.seenVersion) {
      const aggregate = new OrganisationCalendar();
      aggregate.loadFromHistory(await this.store.readStream(calendarStreamId()));
      this.calendar = withDeclaredDays(this.base, aggregate.declared);
      this.seenVersion = version;
    }
    return this.calendar;
  }

  /** A BusinessCalendar that always answers with the calendar in force (for code holding one reference). */
  live(): BusinessCalendar {
    return new Proxy(this.base, {
      get: (_target, property) => {
        const calendar = this.calendar as unknown as Record<PropertyKey, unknown>;
        const value = calendar[property];
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(this.calendar) : value;
      },
    });
  }
}

export const CALENDAR_HOLDER = Symbol('CALENDAR_HOLDER');

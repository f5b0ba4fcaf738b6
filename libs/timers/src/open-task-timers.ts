import { TIMER_KINDS, type TimerKind } from './escalation-policy';
import { isoText } from '@mandate/projections';
import { DEADLINE_TIMERS } from './timer-schedule';

const KINDS = TIMER_KINDS.length;
const KIND_INDEX = Object.fromEntries(TIMER_KINDS.map((kind, i) => [kind, i])) as Record<TimerKind, number>;
const DEADLINE_BITS = DEADLINE_TIMERS.reduce((bits, kind) => bits | (1 << KIND_INDEX[kind]), 0);
if (KINDS > 16) throw new Error('OpenTaskTimers keeps a task\'s timer kinds in 16-bit masks');

/** A task as its rm_timer_tasks row, with its rm_timers rows' own values (the rest is computed from them). */
export interface HeldTask {
  taskId: string;
  directiveId: string;
  deadlineSuspended: number;
  timers: HeldTimer[];
}

export interface HeldTimer {
  kind: TimerKind;
  /** The instant it was armed from (what its due_at is scheduled from). */
  fromMs: number;
  basis: string;
  directiveId: string;
  suspended: number;
  updatedAt: string;
}

/**
 * rm_timer_tasks and rm_timers of the open tasks, held in memory as the statements would
 * leave them, for a replay: one slot per known task (reused once it closes), in columns.
 * Instants are numbers; text that is not canonical ISO, a basis that is not the `from`
 * instant's text and a timer's directive that is not its task's live in side maps.
 */
export class OpenTaskTimers {
  private readonly slots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private used = 0;
  private capacity = 0;
  /** Per slot: the task's directive (index into directiveIds), its deadline_suspended, and bit masks by kind. */
  private directive = new Int32Array(0);
  private deadlineSuspended = new Uint8Array(0);
  private present = new Uint16Array(0);
  private suspended = new Uint16Array(0);
  /** Kinds that may have an entry in the side maps. */
  private exotic = new Uint16Array(0);
  /** Per slot and kind (slot * KINDS + kind): the `from` instant and updated_at (NaN: see updatedText). */
  private from = new Float64Array(0);
  private updated = new Float64Array(0);
  private readonly basisText = new Map<number, string>();
  private readonly updatedText = new Map<number, string>();
  private readonly timerDirective = new Map<number, number>();
  private readonly directiveIds: string[] = [];
  private readonly directiveIndex = new Map<string, number>();

  /** Upserts the task (deadline clock running); its existing timers keep the directive they were armed with. */
  know(taskId: string, directiveId: string): void {
    const directive = this.intern(directiveId);
    let slot = this.slots.get(taskId);
    if (slot === undefined) {
      slot = this.allocate();
      this.slots.set(taskId, slot);
    } else if (this.directive[slot] !== directive) {
      for (let k = 0; k < KINDS; k++) {
        const key = slot * KINDS + k;
        if (!(this.present[slot] & (1 << k)) || this.timerDirective.has(key)) continue;
        this.timerDirective.set(key, this.directive[slot]);
        this.exotic[slot] |= 1 << k;
      }
    }
    this.directive[slot] = directive;
    this.deadlineSuspended[slot] = 0;
  }

  /**
   * Upserts a timer of a known task (an unknown one gets none). `basis` null: the text of
   * `fromMs`. `atMs` NaN: `at` is not canonical. A re-armed timer keeps its directive.
   */
  arm(taskId: string, kind: TimerKind, fromMs: number, basis: string | null, at: string, atMs: number): void {
    const slot = this.slots.get(taskId);
    if (slot === undefined) return;
    const k = KIND_INDEX[kind];
    const bit = 1 << k;
    const key = slot * KINDS + k;
    if (this.present[slot] & bit) {
      if (this.exotic[slot] & bit) this.basisText.delete(key);
    } else {
      this.present[slot] |= bit;
    }
    this.from[key] = fromMs;
    if (basis !== null) {
      this.basisText.set(key, basis);
      this.exotic[slot] |= bit;
    }
    if (bit & DEADLINE_BITS && this.deadlineSuspended[slot]) this.suspended[slot] |= bit;
    else this.suspended[slot] &= ~bit;
    this.touch(slot, k, at, atMs);
  }

  drop(taskId: string, kind: TimerKind): void {
    const slot = this.slots.get(taskId);
    if (slot === undefined) return;
    const bit = 1 << KIND_INDEX[kind];
    if (this.present[slot] & bit) this.clear(slot, KIND_INDEX[kind]);
  }

  /** The task closed: its row and its timers go, and its slot is left with no bit set, as a new one. */
  forget(taskId: string): void {
    const slot = this.slots.get(taskId);
    if (slot === undefined) return;
    for (let k = 0; k < KINDS; k++) if (this.present[slot] & (1 << k)) this.clear(slot, k);
    this.slots.delete(taskId);
    this.freeSlots.push(slot);
  }

  /** Sets the task's deadline_suspended, and suspended and updated_at of each deadline timer it has. */
  suspendDeadline(taskId: string, suspended: boolean, at: string, atMs: number): void {
    const slot = this.slots.get(taskId);
    if (slot === undefined) return;
    this.deadlineSuspended[slot] = suspended ? 1 : 0;
    const deadlineTimers = this.present[slot] & DEADLINE_BITS;
    this.suspended[slot] = suspended ? this.suspended[slot] | deadlineTimers : this.suspended[slot] & ~deadlineTimers;
    for (let k = 0; k < KINDS; k++) if (deadlineTimers & (1 << k)) this.touch(slot, k, at, atMs);
  }

  /** Every task held, with its timers. */
  forEach(visit: (task: HeldTask) => void): void {
    for (const [taskId, slot] of this.slots) {
      const timers: HeldTimer[] = [];
      for (let k = 0; k < KINDS; k++) {
        const bit = 1 << k;
        if (!(this.present[slot] & bit)) continue;
        const key = slot * KINDS + k;
        const exotic = (this.exotic[slot] & bit) !== 0;
        const fromMs = this.from[key];
        const updatedMs = this.updated[key];
        timers.push({
          kind: TIMER_KINDS[k],
          fromMs,
          basis: (exotic ? this.basisText.get(key) : undefined) ?? isoText(fromMs),
          directiveId: this.directiveIds[(exotic ? this.timerDirective.get(key) : undefined) ?? this.directive[slot]],
          suspended: this.suspended[slot] & bit ? 1 : 0,
          updatedAt: Number.isNaN(updatedMs) ? this.updatedText.get(key)! : isoText(updatedMs),
        });
      }
      visit({ taskId, directiveId: this.directiveIds[this.directive[slot]], deadlineSuspended: this.deadlineSuspended[slot], timers });
    }
  }

  private touch(slot: number, k: number, at: string, atMs: number): void {
    const key = slot * KINDS + k;
    this.updated[key] = atMs;
    if (Number.isNaN(atMs)) {
      this.updatedText.set(key, at);
      this.exotic[slot] |= 1 << k;
    } else if (this.exotic[slot] & (1 << k)) {
      this.updatedText.delete(key);
    }
  }

  private clear(slot: number, k: number): void {
    const bit = 1 << k;
    this.present[slot] &= ~bit;
    this.suspended[slot] &= ~bit;
    if (!(this.exotic[slot] & bit)) return;
    const key = slot * KINDS + k;
    this.basisText.delete(key);
    this.updatedText.delete(key);
    this.timerDirective.delete(key);
    this.exotic[slot] &= ~bit;
  }

  private intern(directiveId: string): number {
    let index = this.directiveIndex.get(directiveId);
    if (index === undefined) {
      index = this.directiveIds.push(directiveId) - 1;
      this.directiveIndex.set(directiveId, index);
    }
    return index;
  }

  private allocate(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    return this.used++;
  }

  private grow(capacity: number): void {
    const widen = <T extends Int32Array | Uint8Array | Uint16Array | Float64Array>(old: T, make: (n: number) => T, per = 1): T => {
      const wider = make(capacity * per);
      wider.set(old);
      return wider;
    };
    this.directive = widen(this.directive, (n) => new Int32Array(n));
    this.deadlineSuspended = widen(this.deadlineSuspended, (n) => new Uint8Array(n));
    this.present = widen(this.present, (n) => new Uint16Array(n));
    this.suspended = widen(this.suspended, (n) => new Uint16Array(n));
    this.exotic = widen(this.exotic, (n) => new Uint16Array(n));
    this.from = widen(this.from, (n) => new Float64Array(n), KINDS);
    this.updated = widen(this.updated, (n) => new Float64Array(n), KINDS);
    this.capacity = capacity;
  }
}

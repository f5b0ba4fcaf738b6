import { STAGES, type Stage } from '../report-types';
import type { Overrides } from './version-statements';

/** What follows the running spell: a spell of this stage, the running one's stage (null), the reassignment's rule, or none (the task closes). */
export type NextSpell = Stage | null | 'reassign' | 'none';

/**
 * The next version's spell columns (reports.schema.ts) when the running spell, if it is `from`
 * (any running spell when null), ends at the event (`ms`, `w`) and `to` follows: its time goes
 * to its stage's spent_*, and the next stage is entered (its spent_* no longer null). As the
 * stage statements move rp_task_stages (stage-statements.ts), over the current version's values.
 */
export function spellOverrides(p: { ms: number; w: number }, from: Stage | null, to: NextSpell): Overrides {
  const moves = `(spell_stage is not null${from ? ` and spell_stage = '${from}'` : ''})`;
  const next = to === 'none' ? 'null' : to === null ? 'spell_stage' : to === 'reassign' ? "(case when spell_stage = 'review' then 'unit' else spell_stage end)" : `'${to}'`;
  const overrides: Overrides = {
    spell_stage: [`case when ${moves} then ${next} else spell_stage end`],
    spell_started_ms: to === 'none' ? [`case when ${moves} then null else spell_started_ms end`] : [`case when ${moves} then ? else spell_started_ms end`, p.ms],
    spell_started_w: to === 'none' ? [`case when ${moves} then null else spell_started_w end`] : [`case when ${moves} then ? else spell_started_w end`, p.w],
  };
  for (const stage of STAGES) {
    for (const [unit, at] of [['ms', p.ms], ['w', p.w]] as const) {
      const spent = `spent_${stage}_${unit}` as const;
      overrides[spent] = [
        `case when ${moves} then (case when spell_stage = '${stage}' then coalesce(${spent}, 0) + (? - spell_started_${unit}) when ${next} = '${stage}' then coalesce(${spent}, 0) else ${spent} end) else ${spent} end`,
        at,
      ];
    }
  }
  return overrides;
}

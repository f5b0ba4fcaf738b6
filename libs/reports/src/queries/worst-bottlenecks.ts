import type { BottleneckReason, StageBottleneck, UnitBottleneck, WorstBottleneck } from '../report-types';

/** Thresholds of docs/reports.md; the working-day ones are the default policy's (SPEC §4). */
export const THRESHOLDS = {
  overdue: 1,
  slow_to_acknowledge: 2,
  slow_to_report: 0.5,
  many_returns: 0.3,
  many_returns_minimum: 2,
  obstacles: 1,
  slow_review: 3,
  slow_extension_decision: 2,
} as const;

type Candidate = Omit<WorstBottleneck, 'rank'>;

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** What a unit's figures say is stuck (docs/reports.md's table of reasons). */
function unitCandidates(u: UnitBottleneck & { staleOpenShare: number | null; unresolvedObstacles: number; submissions: number }): Candidate[] {
  const out: Candidate[] = [];
  const name = u.unitName ?? u.unitId;
  const unit = (reason: BottleneckReason, measure: number, threshold: number, detail: string): Candidate => ({
    kind: 'unit',
    stage: null,
    unitId: u.unitId,
    unitName: u.unitName,
    reason,
    measure,
    threshold,
    detail,
  });
  if (u.overdue >= THRESHOLDS.overdue) out.push(unit('overdue', u.overdue, THRESHOLDS.overdue, `${name} has ${u.overdue} overdue task(s).`));
  const ack = u.acknowledge.medianWorkingDays;
  if (ack !== null && ack > THRESHOLDS.slow_to_acknowledge) {
    out.push(unit('slow_to_acknowledge', ack, THRESHOLDS.slow_to_acknowledge, `${name} takes a median ${fmt(ack)} working days to acknowledge a task (policy: ${THRESHOLDS.slow_to_acknowledge}).`));
  }
  if (u.staleOpenShare !== null && u.staleOpenShare >= THRESHOLDS.slow_to_report) {
    out.push(unit('slow_to_report', u.staleOpenShare, THRESHOLDS.slow_to_report, `${fmt(u.staleOpenShare * 100)}% of ${name}'s open tasks have had no progress report in 10 working days.`));
  }
  if (u.submissions > 0 && u.returnedReports >= THRESHOLDS.many_returns_minimum) {
    const share = u.returnedReports / u.submissions;
    if (share >= THRESHOLDS.many_returns) {
      out.push(unit('many_returns', Math.round(share * 10_000) / 10_000, THRESHOLDS.many_returns, `${u.returnedReports} of ${name}'s ${u.submissions} completion reports were returned.`));
    }
  }
  if (u.unresolvedObstacles >= THRESHOLDS.obstacles) {
    const categories = Object.entries(u.obstaclesByCategory).map(([c, n]) => `${c} ${n}`).join(', ');
    out.push(unit('obstacles', u.unresolvedObstacles, THRESHOLDS.obstacles, `${name} reports ${u.unresolvedObstacles} unresolved obstacle(s) (reported: ${categories}).`));
  }
  return out;
}

function stageCandidates(stages: StageBottleneck[]): Candidate[] {
  const out: Candidate[] = [];
  for (const st of stages) {
    const median = st.medianWorkingDays;
    if (median === null) continue;
    const stage = (reason: BottleneckReason, threshold: number, detail: string): Candidate => ({
      kind: 'stage',
      stage: st.stage,
      unitId: null,
      unitName: null,
      reason,
      measure: median,
      threshold,
      detail,
    });
    if (st.stage === 'review' && median > THRESHOLDS.slow_review) {
      out.push(stage('slow_review', THRESHOLDS.slow_review, `The secretariat takes a median ${fmt(median)} working days to review a report (policy: ${THRESHOLDS.slow_review}).`));
    }
    if (st.stage === 'extension' && median > THRESHOLDS.slow_extension_decision) {
      out.push(
        stage('slow_extension_decision', THRESHOLDS.slow_extension_decision, `Extension requests wait a median ${fmt(median)} working days for a decision (policy: ${THRESHOLDS.slow_extension_decision}).`),
      );
    }
  }
  return out;
}

/** Every bottleneck found, worst first (measure ÷ threshold). */
export function worstBottlenecks(
  units: (UnitBottleneck & { staleOpenShare: number | null; unresolvedObstacles: number; submissions: number })[],
  stages: StageBottleneck[],
): WorstBottleneck[] {
  const order = ['overdue', 'slow_review', 'slow_extension_decision', 'slow_to_acknowledge', 'many_returns', 'slow_to_report', 'obstacles'];
  return [...units.flatMap(unitCandidates), ...stageCandidates(stages)]
    .sort(
      (a, b) =>
        b.measure / b.threshold - a.measure / a.threshold ||
        order.indexOf(a.reason) - order.indexOf(b.reason) ||
        (a.unitName ?? a.stage ?? '').localeCompare(b.unitName ?? b.stage ?? '', 'vi'),
    )
    .map((c, i) => ({ rank: i + 1, ...c }));
}

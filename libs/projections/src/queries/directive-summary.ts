import type { Actor } from '@mandate/domain';
import type { QueryBuilder } from '../sql/query-builder';
import type { DirectiveProgress } from './directive-progress';
import { directiveVisibleTo } from './visibility';

export type DirectiveStatus = 'active' | 'cancelled' | 'completed';

export interface DirectiveSummary {
  id: string;
  code: string;
  title: string;
  summary: string | null;
  issuingBody: string | null;
  signedBy: string | null;
  /** Date signed, YYYY-MM-DD. */
  issuedOn: string;
  status: DirectiveStatus;
  issuedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  completedAt: string | null;
  version: number;
  updatedAt: string;
  progress: DirectiveProgress;
}

export interface DirectiveRow {
  id: string;
  code: string;
  title: string;
  summary: string | null;
  issuing_body: string | null;
  signed_by: string | null;
  issued_on: string;
  status: string;
  issued_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  completed_at: string | null;
  version: number;
  updated_at: string;
}

/** Directives (`d`) the viewer may see. */
export function visibleDirectives(qb: QueryBuilder, viewer: Actor) {
  return qb.selectFrom('rm_directives as d').where(directiveVisibleTo(viewer));
}

export const DIRECTIVE_COLUMNS = [
  'd.id',
  'd.code',
  'd.title',
  'd.summary',
  'd.issuing_body',
  'd.signed_by',
  'd.issued_on',
  'd.status',
  'd.issued_at',
  'd.cancelled_at',
  'd.cancel_reason',
  'd.completed_at',
  'd.version',
  'd.updated_at',
] as const;

export function toDirectiveSummary(r: DirectiveRow, progress: DirectiveProgress): DirectiveSummary {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    summary: r.summary,
    issuingBody: r.issuing_body,
    signedBy: r.signed_by,
    issuedOn: r.issued_on,
    status: r.status as DirectiveStatus,
    issuedAt: r.issued_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    completedAt: r.completed_at,
    version: Number(r.version),
    updatedAt: r.updated_at,
    progress,
  };
}

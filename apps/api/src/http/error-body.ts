/** The one error body of every 4xx/5xx answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Machine-readable reason, e.g. progress_decreased, version_conflict. */
  code?: string;
  /** The failing fields, for 400. Paths like tasks[0].leadUnitId. */
  fields?: { field: string; messages: string[] }[];
}

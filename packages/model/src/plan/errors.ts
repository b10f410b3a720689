/** A configuration or option the planner cannot turn into commands; the message names the input. */
export class PlanError extends Error {
  override name = 'PlanError';
}

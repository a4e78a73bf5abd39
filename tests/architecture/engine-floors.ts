/**
 * The engine's floors, lowest first (ARCHITECTURE.md, "Boundaries"): a module in `src/engine/<floor>/`
 * may import its own floor and the floors below it, never one above. Every folder of src/engine is on
 * one floor; a new folder is added here, where its imports put it.
 */
export const ENGINE_FLOORS = [
  /** The target file, its credentials, and their redaction wherever a floor above writes or prints. */
  'target',
  /** Cases and their expectations; the spec operation a case is sent to. */
  'cases',
  /** The wire request, sending it within the limits, the exchange and its answer; the clients under test. */
  'transport',
  /** One rule's judgement of one exchange. */
  'checks',
  /** The judgements tallied per rule, and where each failing case came from. */
  'verdicts',
  /** A cloud's plan, sent and judged; the restore. */
  'run',
  /** A run's exchanges recorded, and a run judged again from them. */
  'cassettes',
  /** conformance.json, the pages, SARIF, JUnit, history, from the verdicts. */
  'report',
  /** A candidate scored against a reference: both sides run (and recorded), its page drawn with the report's pieces. */
  'fidelity',
  /** The Playwright side: the config, the rule tests, and the reporter that writes the reports. */
  'runner',
] as const;

export type EngineFloor = (typeof ENGINE_FLOORS)[number];

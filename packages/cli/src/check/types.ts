import type { Profile } from '@teleport-otel/catalog';
/** What is wrong (or worth noting) about one family. */
export type ProblemKind =
  | 'missing' // a required family of a selected component is absent
  | 'wrong_type' // TYPE differs from the catalog (and from Teleport's recorded variant)
  | 'wrong_labels' // a series' label names differ from labels + const labels
  | 'wrong_buckets' // histogram `le` bounds differ from the catalog's buckets + +Inf
  | 'wrong_quantiles' // summary quantiles differ from the catalog's
  | 'unknown' // a family the catalog does not know (the service's own metrics)
  | 'teleport_variant' // what a real Teleport exposes instead of the documented row: passes, with a note
  | 'optional_absent' // absent, and allowed to be (no Node.js analog, self-metrics)
  | 'no_series' // a labelled family without series yet: absent, as client_golang leaves it out
  | 'malformed'; // the text could not be parsed

/** `error` fails the check; `warning` (unknown families) fails it only with --strict; `info` never. */
export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  /** The family concerned; '' for a malformed exposition. */
  readonly family: string;
  readonly kind: ProblemKind;
  readonly severity: Severity;
  /** The catalog package the family belongs to; null for unknown families. */
  readonly component: string | null;
  /** The catalog group inside the package (dynamo, etcd...); null for unknown families. */
  readonly group: string | null;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** One line, naming the family. */
  readonly message: string;
}

export interface ComponentSummary {
  readonly component: string;
  /** Catalog families of the component that were checked. */
  readonly families: number;
  /** How many of them the endpoint exposes (under the documented name or Teleport's). */
  readonly present: number;
  readonly missing: number;
  readonly errors: number;
  readonly ok: boolean;
}

export interface CheckOptions {
  /** Catalog packages and/or groups to check; default: all of them. */
  readonly components?: readonly string[];
  /** Treat families the catalog does not know as errors. */
  readonly strict?: boolean;
  /** The catalog profile to judge against (`teleport-12` for a real Teleport 12). Default `doc`. */
  readonly profile?: Profile;
}

export interface CheckResult {
  /** True when no problem has severity `error`. */
  readonly ok: boolean;
  /** The catalog packages checked. */
  readonly components: readonly string[];
  /** Errors first, then warnings, then notes (optional absences last). */
  readonly problems: readonly Problem[];
  readonly summary: readonly ComponentSummary[];
}

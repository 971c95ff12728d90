package io.appianon.core;

/**
 * What a technique did to a column, as recorded in the {@link Lineage}. The APPI role rules (an
 * identifier reaches the output only generalized or pseudonymized, a linking code only
 * pseudonymized, free text only scrubbed) and the reports read these kinds, so what a technique's
 * {@code describe} writes and what the rules check is one typed vocabulary. {@link #key()} is the
 * name written to report.json (its {@code columns} lists by kind).
 */
public enum Processing {
  /**
   * Replaced by a coarser value: a hierarchy level, a band, a prefix, a prefecture, a truncated
   * date.
   */
  GENERALIZED("generalized"),
  /** Replaced by a keyed pseudonym. */
  PSEUDONYMIZED("pseudonymized"),
  /** Free text with identification codes and names replaced ({@code scrub}). */
  SCRUBBED("scrubbed"),
  /** Free text not scrubbed by the policy, checked by the pipeline's own detectors. */
  SENTINEL_SCRUBBED("sentinel_scrubbed"),
  /** A date of birth converted to an age. */
  AGE("age"),
  SWAPPED("swapped"),
  TOP_BOTTOM_CODED("top_bottom_coded"),
  RARE_VALUES_SUPPRESSED("rare_values_suppressed"),
  NOISE_ADDED("noise_added"),
  MICRO_AGGREGATED("micro_aggregated"),
  /** Cells replaced by a marker. */
  SUPPRESSED("suppressed");

  private final String key;

  Processing(String key) {
    this.key = key;
  }

  /** The name in report.json, e.g. {@code generalized}. */
  public String key() {
    return key;
  }
}

package io.appianon.technique.scrub;

/**
 * A detection in normalised-text coordinates before overlap resolution.
 *
 * @param kind what was found
 * @param start start (inclusive) in the normalised text
 * @param end end (exclusive) in the normalised text
 */
record Candidate(PiiKind kind, int start, int end) {

  int length() {
    return end - start;
  }

  boolean overlaps(Candidate other) {
    return start < other.end && other.start < end;
  }
}

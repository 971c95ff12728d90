package io.appianon.technique.scrub;

import java.io.Serializable;
import java.util.Objects;

/**
 * One detected piece of personal data.
 *
 * @param kind what was found
 * @param start start index (inclusive) in the ORIGINAL, un-normalised text
 * @param end end index (exclusive) in the original text
 * @param text {@code original.substring(start, end)}
 */
public record Match(PiiKind kind, int start, int end, String text) implements Serializable {

  /** Validates the span. */
  public Match {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
    if (text.length() != end - start) {
      throw new IllegalArgumentException("text length does not match span");
    }
  }

  /** Returns {@code true} when the two spans share at least one character. */
  public boolean overlaps(Match other) {
    return start < other.end && other.start < end;
  }
}

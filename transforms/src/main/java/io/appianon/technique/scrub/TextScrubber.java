package io.appianon.technique.scrub;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Removes or tags the configured kinds of personal data in a string. Immutable, thread-safe and
 * serializable, so one instance can be captured by a Spark UDF.
 */
public final class TextScrubber implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Outcome of scrubbing one value.
   *
   * @param text the scrubbed text ({@code null} for {@code null} input)
   * @param changed whether at least one span was removed or replaced
   */
  public record Result(String text, boolean changed) implements Serializable {}

  private final PiiDetector detector;
  private final Set<PiiKind> kinds;
  private final Action action;

  /** Creates a scrubber with a default {@link PiiDetector}. */
  public TextScrubber(Set<PiiKind> kinds, Action action) {
    this(new PiiDetector(), kinds, action);
  }

  /** Creates a scrubber for {@code kinds} applying {@code action} to each match. */
  public TextScrubber(PiiDetector detector, Set<PiiKind> kinds, Action action) {
    this.detector = Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(kinds, "kinds");
    this.kinds =
        Collections.unmodifiableSet(
            kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(kinds));
    this.action = Objects.requireNonNull(action, "action");
  }

  /** The kinds this scrubber removes. */
  public Set<PiiKind> kinds() {
    return kinds;
  }

  /** The action applied to each match. */
  public Action action() {
    return action;
  }

  /** Returns the matches this scrubber would act on. */
  public List<Match> matches(String text) {
    return detector.find(text, kinds);
  }

  /** Scrubs {@code text}; {@code null} in, {@code null} out. */
  public String scrub(String text) {
    return scrubWithFlag(text).text();
  }

  /** Scrubs {@code text} and reports whether anything was found. */
  public Result scrubWithFlag(String text) {
    if (text == null) {
      return new Result(null, false);
    }
    List<Match> matches = matches(text);
    if (matches.isEmpty()) {
      return new Result(text, false);
    }
    StringBuilder sb = new StringBuilder(text.length());
    int pos = 0;
    for (Match m : matches) {
      sb.append(text, pos, m.start());
      if (action == Action.REPLACE_WITH_TAG) {
        sb.append(m.kind().tag());
      }
      pos = m.end();
    }
    sb.append(text, pos, text.length());
    return new Result(sb.toString(), true);
  }

  /** The configured kinds present in {@code text} (empty for {@code null}). */
  public Set<PiiKind> kindsFound(String text) {
    Set<PiiKind> found = EnumSet.noneOf(PiiKind.class);
    for (Match m : matches(text)) {
      found.add(m.kind());
    }
    return found;
  }
}

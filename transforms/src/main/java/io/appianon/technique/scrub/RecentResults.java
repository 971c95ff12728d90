package io.appianon.technique.scrub;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TextScrubber} that remembers the results of the texts it saw most recently, so a
 * repeated answer ("特になし", "満足です。") goes through the detectors, Kuromoji's analysis above all, once
 * and not once per row. Scrubbing is deterministic (the same text gives the same result), so a
 * remembered result is exactly the one the scrubber would return.
 *
 * <p><b>Scope.</b> The memory is a transient field, created on first use. A Spark task deserializes
 * its own copy of the UDF and of this object, so each task remembers only its own texts, and they
 * go with the task. Calls are synchronized: within a task they come from one thread, and a copy
 * shared by threads outside Spark stays correct.
 *
 * <p><b>Bounds.</b> At most {@code capacity} texts, the least recently used leaving first, and none
 * longer than {@code maxLength} characters (long answers seldom repeat). With the defaults that is
 * at most about 8 MB of strings per task.
 */
final class RecentResults implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Texts remembered per task by default. */
  static final int CAPACITY = 10_000;

  /** Longest text remembered by default, in chars. */
  static final int MAX_LENGTH = 200;

  private final TextScrubber scrubber;
  private final int capacity;
  private final int maxLength;
  private transient Map<String, TextScrubber.Result> recent;

  RecentResults(TextScrubber scrubber) {
    this(scrubber, CAPACITY, MAX_LENGTH);
  }

  RecentResults(TextScrubber scrubber, int capacity, int maxLength) {
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    if (capacity < 1 || maxLength < 0) {
      throw new IllegalArgumentException("capacity must be positive and maxLength not negative");
    }
    this.capacity = capacity;
    this.maxLength = maxLength;
  }

  /** {@link TextScrubber#scrubWithFlag}, from memory when the text was seen recently. */
  synchronized TextScrubber.Result scrubWithFlag(String text) {
    if (text == null || text.length() > maxLength) {
      return scrubber.scrubWithFlag(text);
    }
    if (recent == null) {
      recent =
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TextScrubber.Result> eldest) {
              return size() > capacity;
            }
          };
    }
    TextScrubber.Result r = recent.get(text);
    if (r == null) {
      r = scrubber.scrubWithFlag(text);
      recent.put(text, r);
    }
    return r;
  }

  /** The number of texts remembered now. */
  synchronized int size() {
    return recent == null ? 0 : recent.size();
  }
}

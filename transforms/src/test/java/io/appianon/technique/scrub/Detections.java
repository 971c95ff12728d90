package io.appianon.technique.scrub;

import java.util.EnumSet;
import java.util.List;

/** Test helper: texts of the matches of one kind. */
final class Detections {

  static final PiiDetector DETECTOR = new PiiDetector();

  private Detections() {}

  /** Texts matched as {@code kind} when all kinds are requested. */
  static List<String> of(PiiKind kind, String text) {
    return DETECTOR.find(text).stream().filter(m -> m.kind() == kind).map(Match::text).toList();
  }

  /** Texts matched as {@code kind} when only that kind is requested. */
  static List<String> only(PiiKind kind, String text) {
    return DETECTOR.find(text, EnumSet.of(kind)).stream().map(Match::text).toList();
  }
}

package io.appianon.core;

import java.io.Serializable;
import java.util.Objects;

/**
 * A short public-facing text in Japanese and English (Japanese first, as the PPC guideline's
 * wording is).
 */
public record Text(String ja, String en) implements Serializable {
  public Text {
    Objects.requireNonNull(ja, "ja");
    Objects.requireNonNull(en, "en");
  }

  public static Text of(String ja, String en) {
    return new Text(ja, en);
  }

  public Text append(Text other, String sepJa, String sepEn) {
    return new Text(ja + sepJa + other.ja, en + sepEn + other.en);
  }
}

package io.appianon.technique.scrub;

import java.util.Locale;

/** What {@link TextScrubber} does with each detected span. */
public enum Action {
  /** Remove the span from the text. */
  DELETE_MATCH("delete"),
  /** Replace the span with its kind's tag, e.g. {@code [PHONE]}. */
  REPLACE_WITH_TAG("replace-with-tag");

  private final String configName;

  Action(String configName) {
    this.configName = configName;
  }

  /** Returns the configuration name ({@code delete} or {@code replace-with-tag}). */
  public String configName() {
    return configName;
  }

  /**
   * Parses {@code delete} / {@code replace-with-tag} (or the constant name), ignoring case.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Action fromConfigName(String name) {
    if (name != null) {
      String key = name.trim().toLowerCase(Locale.ROOT);
      for (Action action : values()) {
        if (action.configName.equals(key) || action.name().toLowerCase(Locale.ROOT).equals(key)) {
          return action;
        }
      }
    }
    throw new IllegalArgumentException(
        "Unknown scrub action '" + name + "'; expected delete or replace-with-tag");
  }
}

package io.appianon.privacy;

/** The privacy model cannot be met within the configured suppression limit; the release must not be published. */
public class PrivacyUnsatisfiableException extends RuntimeException {
  public PrivacyUnsatisfiableException(String message) {
    super(message);
  }
}

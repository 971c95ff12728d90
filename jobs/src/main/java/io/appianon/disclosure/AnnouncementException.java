package io.appianon.disclosure;

/**
 * A release or provision is not covered by a public announcement (APPI Art. 43(3), (4)): the
 * categories or the method changed since the announcement in effect, or the announcement has not
 * been public long enough. The message says what to publish. Exit code 6.
 */
public final class AnnouncementException extends RuntimeException {
  public AnnouncementException(String message) {
    super(message);
  }
}

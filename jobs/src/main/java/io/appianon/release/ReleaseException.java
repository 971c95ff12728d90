package io.appianon.release;

/**
 * The release cannot be published at the requested place (already exists, locked by another run).
 * Exit code 5.
 */
public final class ReleaseException extends RuntimeException {
  public ReleaseException(String message) {
    super(message);
  }

  public ReleaseException(String message, Throwable cause) {
    super(message, cause);
  }
}

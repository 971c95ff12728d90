package io.appianon.release;

/**
 * The processing-method information cannot be sealed or opened: the passphrase is missing, too
 * short or wrong, or a sealed file was altered. A configuration error (exit code 2); the message
 * never contains the passphrase.
 */
public final class MethodKeyException extends RuntimeException {
  public MethodKeyException(String message) {
    super(message);
  }
}

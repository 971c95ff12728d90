package io.appianon.io;

/**
 * The input cannot be read as declared (missing file or column, wrong delimiter, empty input). Exit
 * code 3.
 */
public final class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}

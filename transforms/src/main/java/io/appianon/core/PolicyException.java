package io.appianon.core;

/**
 * A configuration error: a policy or job config that cannot be run. The message always names the
 * file and the key, so a data engineer can fix it without reading code, and it is raised before
 * Spark reads any data.
 */
public final class PolicyException extends RuntimeException {
  private final String file;
  private final String key;

  public PolicyException(String file, String key, String message) {
    super(format(file, key, message));
    this.file = file;
    this.key = key;
  }

  public PolicyException(String file, String key, String message, Throwable cause) {
    super(format(file, key, message), cause);
    this.file = file;
    this.key = key;
  }

  private static String format(String file, String key, String message) {
    StringBuilder sb = new StringBuilder();
    if (file != null && !file.isEmpty()) {
      sb.append(file).append(": ");
    }
    if (key != null && !key.isEmpty()) {
      sb.append(key).append(": ");
    }
    return sb.append(message).toString();
  }

  /** The policy or config file at fault, as given by the user. */
  public String file() {
    return file;
  }

  /** The full HOCON path of the key at fault, e.g. {@code dataset.privacy.k}. */
  public String key() {
    return key;
  }
}

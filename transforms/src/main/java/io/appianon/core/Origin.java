package io.appianon.core;

import java.io.Serializable;

/** Where a piece of configuration came from: the file and the HOCON path, for error messages. */
public record Origin(String file, String path) implements Serializable {

  public Origin child(String key) {
    return new Origin(file, path == null || path.isEmpty() ? key : path + "." + key);
  }

  public Origin index(int i) {
    return new Origin(file, path + "[" + i + "]");
  }

  public PolicyException error(String message) {
    return new PolicyException(file, path, message);
  }

  public PolicyException error(String subKey, String message) {
    return child(subKey).error(message);
  }

  @Override
  public String toString() {
    return file + ": " + path;
  }
}

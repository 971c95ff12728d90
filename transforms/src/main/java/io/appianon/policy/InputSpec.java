package io.appianon.policy;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Set;

/** How to read a dataset: path, format and the options of the explicit-schema readers. */
public record InputSpec(String path, String format, boolean header, String delimiter, String encoding,
    String quote, String escape, boolean multiLine, String dateFormat, String timestampFormat,
    String undeclaredColumns) implements Serializable {

  public static final Set<String> FORMATS = Set.of("csv", "parquet", "json");

  static InputSpec parse(Conf c) {
    c.allowOnly(Set.of("path", "format", "header", "delimiter", "encoding", "quote", "escape", "multi-line",
        "date-format", "timestamp-format", "undeclared-columns"));
    String format = c.string("format", "csv").toLowerCase();
    if (!FORMATS.contains(format)) {
      throw c.error("format", "unsupported format '" + format + "' (expected csv, parquet or json)");
    }
    String encoding = c.string("encoding", "UTF-8");
    try {
      Charset.forName(encoding);
    } catch (RuntimeException e) {
      throw c.error("encoding", "unknown character set '" + encoding + "' (e.g. UTF-8, Shift_JIS, windows-31j)");
    }
    String delimiter = c.string("delimiter", ",");
    if (delimiter.isEmpty()) {
      throw c.error("delimiter", "must not be empty");
    }
    String undeclared = c.string("undeclared-columns", "fail");
    if (!Set.of("fail", "drop").contains(undeclared)) {
      throw c.error("undeclared-columns", "invalid value '" + undeclared + "' (expected fail or drop)");
    }
    return new InputSpec(c.string("path"), format, c.bool("header", true), delimiter, encoding,
        c.string("quote", "\""), c.string("escape", "\""), c.bool("multi-line", true),
        c.string("date-format", "yyyy-MM-dd"), c.string("timestamp-format", "yyyy-MM-dd HH:mm:ss"), undeclared);
  }

  public InputSpec withPath(String newPath) {
    return new InputSpec(newPath, format, header, delimiter, encoding, quote, escape, multiLine, dateFormat,
        timestampFormat, undeclaredColumns);
  }
}

package io.appianon.policy;

import io.appianon.core.Conf;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Set;

/**
 * How to read a dataset: path, format and the options of the explicit-schema readers. {@code
 * maxMalformedEncoding}: the share of rows (0..1) with bytes that are not valid in the declared
 * encoding above which the run fails (below it such rows are quarantined). {@code
 * maxLinesPerRecord}: a multi-line CSV record spanning more physical lines is taken for a broken
 * quote: its first line is quarantined and the lines after it are parsed again.
 */
public record InputSpec(
    String path,
    String format,
    boolean header,
    String delimiter,
    String encoding,
    String quote,
    String escape,
    boolean multiLine,
    String dateFormat,
    String timestampFormat,
    String undeclaredColumns,
    double maxMalformedEncoding,
    int maxLinesPerRecord)
    implements Serializable {

  public static final Set<String> FORMATS = Set.of("csv", "parquet", "json");
  public static final double DEFAULT_MAX_MALFORMED_ENCODING = 0.01;
  public static final int DEFAULT_MAX_LINES_PER_RECORD = 20;

  public InputSpec(
      String path,
      String format,
      boolean header,
      String delimiter,
      String encoding,
      String quote,
      String escape,
      boolean multiLine,
      String dateFormat,
      String timestampFormat,
      String undeclaredColumns) {
    this(
        path,
        format,
        header,
        delimiter,
        encoding,
        quote,
        escape,
        multiLine,
        dateFormat,
        timestampFormat,
        undeclaredColumns,
        DEFAULT_MAX_MALFORMED_ENCODING,
        DEFAULT_MAX_LINES_PER_RECORD);
  }

  static InputSpec parse(Conf c) {
    c.allowOnly(
        Set.of(
            "path",
            "format",
            "header",
            "delimiter",
            "encoding",
            "quote",
            "escape",
            "multi-line",
            "date-format",
            "timestamp-format",
            "undeclared-columns",
            "max-malformed-encoding",
            "max-lines-per-record"));
    String format = c.string("format", "csv").toLowerCase();
    if (!FORMATS.contains(format)) {
      throw c.error(
          "format", "unsupported format '" + format + "' (expected csv, parquet or json)");
    }
    String encoding = c.string("encoding", "UTF-8");
    try {
      Charset.forName(encoding);
    } catch (RuntimeException e) {
      throw c.error(
          "encoding",
          "unknown character set '" + encoding + "' (e.g. UTF-8, Shift_JIS, windows-31j)");
    }
    String delimiter = c.string("delimiter", ",");
    if (delimiter.isEmpty()) {
      throw c.error("delimiter", "must not be empty");
    }
    String undeclared = c.string("undeclared-columns", "fail");
    if (!Set.of("fail", "drop").contains(undeclared)) {
      throw c.error(
          "undeclared-columns", "invalid value '" + undeclared + "' (expected fail or drop)");
    }
    double maxMalformed = c.number("max-malformed-encoding", DEFAULT_MAX_MALFORMED_ENCODING);
    if (!(maxMalformed >= 0 && maxMalformed <= 1)) {
      throw c.error(
          "max-malformed-encoding", "invalid value " + maxMalformed + " (a share of rows, 0 to 1)");
    }
    int maxLines = c.integer("max-lines-per-record", DEFAULT_MAX_LINES_PER_RECORD);
    if (maxLines < 1) {
      throw c.error("max-lines-per-record", "invalid value " + maxLines + " (must be >= 1)");
    }
    return new InputSpec(
        c.string("path"),
        format,
        c.bool("header", true),
        delimiter,
        encoding,
        c.string("quote", "\""),
        c.string("escape", "\""),
        c.bool("multi-line", true),
        c.string("date-format", "yyyy-MM-dd"),
        c.string("timestamp-format", "yyyy-MM-dd HH:mm:ss"),
        undeclared,
        maxMalformed,
        maxLines);
  }

  public InputSpec withPath(String newPath) {
    return new InputSpec(
        newPath,
        format,
        header,
        delimiter,
        encoding,
        quote,
        escape,
        multiLine,
        dateFormat,
        timestampFormat,
        undeclaredColumns,
        maxMalformedEncoding,
        maxLinesPerRecord);
  }
}

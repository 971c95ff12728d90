package io.appianon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The multi-line parser's rules, one record at a time (Spark's CSV rules, univocity with {@code
 * unescapedQuoteHandling = STOP_AT_DELIMITER}); each expected record worked out from the rules in
 * {@link MultiLineCsv}'s comment.
 */
class MultiLineCsvTest {
  /** Quote and escape both {@code "} (the policies' default). */
  private final MultiLineCsv csv = new MultiLineCsv("UTF-8", ',', '"', '"', true, 3, 20);

  /** Escape {@code \}: {@code \"} is a quote inside a quoted field. */
  private final MultiLineCsv backslash = new MultiLineCsv("UTF-8", ',', '"', '\\', true, 3, 20);

  private static MultiLineCsv.Parsed record(int lines, String... fields) {
    return new MultiLineCsv.Parsed(Arrays.asList(fields), true, lines);
  }

  @Test
  void aDoubledQuoteInsideQuotesIsOneQuote() {
    assertEquals(record(1, "a", "x\"y", "c"), csv.parse(List.of("a,\"x\"\"y\",c"), false));
  }

  @Test
  void withABackslashEscapeBackslashQuoteIsAQuoteAndABackslashAloneIsKept() {
    assertEquals(
        record(1, "a", "say \"hi\"", "c"),
        backslash.parse(List.of("a,\"say \\\"hi\\\"\",c"), false));
    assertEquals(record(1, "a", "x\\y", "c"), backslash.parse(List.of("a,\"x\\y\",c"), false));
    // an escape as the line's last character is literal and the quoted field goes on
    assertEquals(
        record(2, "1", "ab\\\ncd", "z"), backslash.parse(List.of("1,\"ab\\", "cd\",z"), false));
    // with a backslash escape, "" is no escaped quote: the second quote, followed by a quote and
    // not by a delimiter, is literal and ends the quoting; the third is then literal too
    assertEquals(record(1, "a", "\"\"x", "c"), backslash.parse(List.of("a,\"\"\"x,c"), false));
  }

  @Test
  void aQuoteClosesAtTheLineEndOrBeforeADelimiter() {
    assertEquals(record(1, "a", "x"), csv.parse(List.of("a,\"x\""), false));
    // the \r of a \r\n ending is not part of the line's text
    assertEquals(record(1, "a", "x"), csv.parse(List.of("a,\"x\"\r"), false));
    assertEquals(record(1, "a", "x", "b"), csv.parse(List.of("a,\"x\",b"), false));
  }

  @Test
  void anUnescapedQuoteInsideQuotesIsLiteralAndTheRestOfTheFieldUnquoted() {
    assertEquals(record(1, "a", "x\"y", "z\"", "c"), csv.parse(List.of("a,\"x\"y,z\",c"), false));
  }

  @Test
  void aQuoteOpensOnlyAtTheStartOfAField() {
    assertEquals(record(1, "a", "b\"c", "d"), csv.parse(List.of("a,b\"c,d"), false));
  }

  @Test
  void anEmptyUnquotedFieldIsNullAnEmptyQuotedOneEmpty() {
    assertEquals(record(1, "a", null, ""), csv.parse(List.of("a,,\"\""), false));
    assertEquals(record(1, "", "x", null), csv.parse(List.of("\"\",x,"), false));
    assertEquals(record(1, null, null), csv.parse(List.of(","), false));
  }

  @Test
  void aQuotedFieldGoesOnOverLinesUntilItIsClosed() {
    assertEquals(record(2, "1", "x\ny", "z"), csv.parse(List.of("1,\"x", "y\",z", "2,a,b"), false));
    assertEquals(
        record(3, "1", "x\n\ny", "z"), csv.parse(List.of("1,\"x", "", "y\",z", "2,a,b"), false));
    assertEquals(
        new MultiLineCsv.Parsed(List.of("1"), false, 2), csv.parse(List.of("1,\"x", "y"), false));
  }

  /**
   * A line break inside a quoted field is \n where it is the file's own line end; a \r\n in a file
   * of \n lines is kept (Spark's reader keeps it: the bundled survey has such answers).
   */
  @Test
  void aQuotedLineBreakIsTheFilesLineEndAsNewlineAndAnyOtherKept() {
    List<String> lines = List.of("1,\"x\r", "y\",z\r");
    assertEquals(record(2, "1", "x\ny", "z"), csv.parse(lines, true));
    assertEquals(record(2, "1", "x\r\ny", "z"), csv.parse(lines, false));
    assertEquals(record(2, "1", "x\ny", "z"), csv.parse(List.of("1,\"x", "y\",z\r"), true));
  }
}

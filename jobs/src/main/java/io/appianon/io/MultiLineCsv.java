package io.appianon.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * A CSV parser for files whose quoted fields may hold line breaks (survey answers), that counts
 * physical lines and does not let one unbalanced quote swallow the records after it. Spark's
 * multi-line reader ends a quoted field only at the next quote character, wherever it is: one
 * missing quote turned the next 56 members into one malformed record, and the counts reconciled
 * because they counted records.
 *
 * <p>Here a record that is not closed within {@code maxLines} physical lines (or by the end of the
 * file), or that spans several lines and has the wrong number of fields, is taken for a broken
 * quote: its first line alone becomes a malformed record (quarantined, its line number in the
 * source text) and the lines after it are parsed again. So a broken quote costs the record it is in
 * (and continuation lines of it, which fail as records of their own), never the records after it,
 * and every physical line of the file is in exactly one record, the header, or a blank line: the
 * rows carry the number of lines they came from ({@link #LINES}).
 *
 * <p>The rules are Spark's CSV reader's (univocity, {@code unescapedQuoteHandling =
 * STOP_AT_DELIMITER}): a quote opens a quoted field only at the start of a field; inside it {@code
 * escape + quote} is a quote; a quote followed by anything but a delimiter or the line end is a
 * literal character and the rest of the field is read as unquoted; an empty unquoted field is null,
 * an empty quoted one the empty string; blank lines between records are skipped; a line break
 * inside a quoted field is read as {@code \n} where it is the file's line end (that of its first
 * line), a {@code \r\n} in a file of {@code \n} lines is kept. A row has the header's columns, then
 * the malformed record's text ({@code null} when well-formed), the file and the line count.
 */
final class MultiLineCsv implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String LINES = "_source_lines";

  /**
   * How the source text of a record taken for a broken quote begins (then the line number and the
   * line).
   */
  static final String BROKEN = "[broken quote";

  private final String charset;
  private final char delimiter;
  private final char quote;
  private final char escape;
  private final boolean header;
  private final int columns;
  private final int maxLines;

  MultiLineCsv(
      String charset,
      char delimiter,
      char quote,
      char escape,
      boolean header,
      int columns,
      int maxLines) {
    this.charset = charset;
    this.delimiter = delimiter;
    this.quote = quote;
    this.escape = escape;
    this.header = header;
    this.columns = columns;
    this.maxLines = maxLines;
  }

  /** The rows of one file (for {@code binaryFiles(...).flatMap}). */
  Iterator<Row> rows(Tuple2<String, PortableDataStream> file) {
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(file._2().open(), Charset.forName(charset)), 1 << 16);
    return new Rows(in, file._1());
  }

  /** One parsed record: fields, whether it is well-formed, its raw text and its physical lines. */
  record Parsed(List<String> fields, boolean closed, int lines) {}

  /**
   * Parses the record that starts at the first of {@code lines} (at most {@code maxLines} of them:
   * all the record may use). {@code closed} is false when it is not closed within them. {@code
   * crlf}: the file's lines end in \r\n (its first line does), which a quoted field then holds as
   * \n.
   */
  Parsed parse(List<String> lines, boolean crlf) {
    List<String> fields = new ArrayList<>();
    StringBuilder v = new StringBuilder();
    int li = 0;
    String line = lines.get(0);
    int end = end(line);
    int i = 0;
    boolean fieldStart = true;
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (i >= end) {
        if (quoted) {
          li++;
          if (li >= lines.size()) {
            return new Parsed(fields, false, li);
          }
          // as Spark's reader (univocity) reads it: the file's own line end (that of its first
          // line) as \n, any other kept
          v.append(crlf || end == line.length() ? "\n" : "\r\n");
          line = lines.get(li);
          end = end(line);
          i = 0;
          continue;
        }
        fields.add(value(v, wasQuoted));
        return new Parsed(fields, true, li + 1);
      }
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == escape && escape != quote && i + 1 < end && line.charAt(i + 1) == quote) {
          v.append(quote);
          i += 2;
        } else if (ch == quote) {
          if (escape == quote && i + 1 < end && line.charAt(i + 1) == quote) {
            v.append(quote);
            i += 2;
          } else if (i + 1 >= end || line.charAt(i + 1) == delimiter) {
            quoted = false;
            i++;
          } else {
            // an unescaped quote inside a quoted value: literal, and the rest of the field is
            // unquoted
            v.append(ch);
            quoted = false;
            i++;
          }
        } else {
          v.append(ch);
          i++;
        }
      } else if (ch == delimiter) {
        fields.add(value(v, wasQuoted));
        v.setLength(0);
        wasQuoted = false;
        fieldStart = true;
        i++;
        continue;
      } else if (fieldStart && ch == quote) {
        quoted = true;
        wasQuoted = true;
        i++;
      } else {
        v.append(ch);
        i++;
      }
      fieldStart = false;
    }
  }

  /** Where a line's text ends: a line is kept with the {@code \r} of a {@code \r\n} ending. */
  private static int end(String line) {
    return line.endsWith("\r") ? line.length() - 1 : line.length();
  }

  private static String value(StringBuilder v, boolean quoted) {
    return v.length() == 0 && !quoted ? null : v.toString();
  }

  /** The rows of one file, read lazily line by line with at most {@code maxLines} lines held. */
  private final class Rows implements Iterator<Row> {
    private final BufferedReader in;
    private final String file;
    private final ArrayList<String> pending = new ArrayList<>();
    private int consumed; // physical lines consumed by records, the header and blank lines
    private boolean eof;
    private boolean headerDone;
    private boolean crlf;
    private Row next;

    Rows(BufferedReader in, String file) {
      this.in = in;
      this.file = file;
      this.headerDone = !header;
    }

    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private final StringBuilder lineBuf = new StringBuilder();

    /**
     * The next line without its {@code \n} (a {@code \r} before it is kept), or null at the end.
     */
    private String readLine() throws IOException {
      lineBuf.setLength(0);
      while (true) {
        if (pos >= len) {
          len = in.read(buf, 0, buf.length);
          pos = 0;
          if (len <= 0) {
            len = 0;
            return lineBuf.length() == 0 ? null : lineBuf.toString();
          }
        }
        int start = pos;
        while (pos < len && buf[pos] != '\n') {
          pos++;
        }
        lineBuf.append(buf, start, pos - start);
        if (pos < len) {
          pos++;
          return lineBuf.toString();
        }
      }
    }

    private void fill() {
      try {
        while (pending.size() < maxLines && !eof) {
          String l = readLine();
          if (l == null) {
            eof = true;
            in.close();
          } else if (consumed == 0 && pending.isEmpty()) {
            // the file's first line: its line end is the file's, and a byte order mark is no text
            crlf = l.endsWith("\r");
            pending.add(l.startsWith("\uFEFF") ? l.substring(1) : l);
          } else {
            pending.add(l);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        fill();
        if (pending.isEmpty()) {
          return false;
        }
        if (pending.get(0).isEmpty() || pending.get(0).equals("\r")) {
          pending.remove(0); // a blank line between records
          consumed++;
          continue;
        }
        int first = consumed + 1;
        Parsed p = parse(pending, crlf);
        boolean broken = !p.closed() || (p.lines() > 1 && p.fields().size() != columns);
        int take = broken ? 1 : p.lines();
        StringBuilder raw = new StringBuilder();
        for (int k = 0; k < take; k++) {
          raw.append(k > 0 ? "\n" : "").append(pending.get(k), 0, end(pending.get(k)));
        }
        pending.subList(0, take).clear();
        consumed += take;
        if (!headerDone) {
          headerDone = true;
          continue;
        }
        Object[] values = new Object[columns + 3];
        List<String> f = p.fields();
        if (!broken) {
          for (int k = 0; k < Math.min(columns, f.size()); k++) {
            values[k] = f.get(k);
          }
        }
        values[columns] =
            broken
                ? BROKEN + " at line " + first + "] " + raw
                : f.size() != columns ? raw.toString() : null;
        values[columns + 1] = file;
        values[columns + 2] = take;
        next = RowFactory.create(values);
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }
  }
}

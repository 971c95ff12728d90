package io.appianon.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams CSV records (RFC 4180 quoting, LF record separator) into a file as bytes. Values written
 * many times (store names, products, dates) can be encoded once with {@link #encode(String)};
 * digits are written directly. Characters the charset cannot represent (and lone surrogates) fail
 * the write instead of silently becoming '?'. The charset must be ASCII-compatible (UTF-8,
 * Shift_JIS, EUC-JP ...).
 */
final class CsvSink implements Closeable {
  private static final int FLUSH_AT = 1 << 16;

  private final OutputStream out;
  private final boolean utf8;
  private final CharsetEncoder encoder;
  private byte[] buf = new byte[FLUSH_AT + 8192];
  private int pos;
  private boolean firstField = true;

  CsvSink(Path file, Charset charset) throws IOException {
    if (!Arrays.equals(
        "0a,\"\r\n".getBytes(charset), "0a,\"\r\n".getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("charset is not ASCII-compatible: " + charset);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.utf8 = charset.equals(StandardCharsets.UTF_8);
    this.encoder =
        charset
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.out = Files.newOutputStream(file);
  }

  /** Encodes a field value once (quoted when needed) for repeated {@link #field(byte[])} calls. */
  byte[] encode(String value) {
    int start = pos;
    boolean first = firstField;
    firstField = true; // no separator
    field(value);
    byte[] b = Arrays.copyOfRange(buf, start, pos);
    pos = start;
    firstField = first;
    return b;
  }

  /** One field, quoted when it contains a comma, double quote, CR or LF. */
  CsvSink field(String value) {
    separate();
    if (needsQuotes(value)) {
      put((byte) '"');
      int from = 0;
      for (int q = value.indexOf('"'); q >= 0; q = value.indexOf('"', from)) {
        text(value, from, q + 1);
        put((byte) '"');
        from = q + 1;
      }
      text(value, from, value.length());
      put((byte) '"');
    } else {
      text(value, 0, value.length());
    }
    return this;
  }

  /** A field encoded by {@link #encode(String)}. */
  CsvSink field(byte[] encoded) {
    separate();
    return bytes(encoded);
  }

  CsvSink field(long value) {
    separate();
    return digits(value, 1);
  }

  /**
   * Text written unquoted even if it contains a comma (used to produce a deliberately broken row).
   */
  CsvSink unquoted(String value) {
    separate();
    text(value, 0, value.length());
    return this;
  }

  /**
   * Starts a field that the caller assembles with {@link #ascii}, {@link #digits} and {@link
   * #bytes}.
   */
  CsvSink startField() {
    separate();
    return this;
  }

  CsvSink ascii(char c) {
    put((byte) c);
    return this;
  }

  CsvSink bytes(byte[] encoded) {
    ensure(encoded.length);
    System.arraycopy(encoded, 0, buf, pos, encoded.length);
    pos += encoded.length;
    return this;
  }

  /** A non-negative number, zero-padded to at least {@code width} digits (negative: plain). */
  CsvSink digits(long value, int width) {
    if (value < 0) {
      String s = Long.toString(value);
      return text(s, 0, s.length());
    }
    ensure(20 + width);
    if (value <= Integer.MAX_VALUE) { // int division is much cheaper than long division
      int v = (int) value;
      int n =
          v < 10
              ? 1
              : v < 100
                  ? 2
                  : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : Integer.toString(v).length();
      for (int i = n; i < width; i++) {
        buf[pos++] = '0';
      }
      int end = pos + n;
      for (int i = end - 1; i >= pos; i--) {
        buf[i] = (byte) ('0' + v % 10);
        v /= 10;
      }
      pos = end;
      return this;
    }
    String s = Long.toString(value);
    for (int i = s.length(); i < width; i++) {
      buf[pos++] = '0';
    }
    return text(s, 0, s.length());
  }

  /**
   * ASCII digits of {@code digits} in groups of four separated by {@code sep} (0 = no separator).
   */
  CsvSink grouped(String digits, char sep) {
    ensure(2 * digits.length());
    for (int i = 0; i < digits.length(); i++) {
      if (sep != 0 && i > 0 && i % 4 == 0) {
        buf[pos++] = (byte) sep;
      }
      buf[pos++] = (byte) digits.charAt(i);
    }
    return this;
  }

  CsvSink record(String... fields) {
    for (String f : fields) {
      field(f);
    }
    return end();
  }

  CsvSink end() {
    put((byte) '\n');
    firstField = true;
    if (pos >= FLUSH_AT) {
      drain();
    }
    return this;
  }

  private void separate() {
    if (firstField) {
      firstField = false;
    } else {
      put((byte) ',');
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  private CsvSink text(String s, int from, int to) {
    if (utf8) {
      utf8(s, from, to);
    } else {
      ByteBuffer bb;
      try {
        bb = encoder.encode(CharBuffer.wrap(s, from, to));
      } catch (CharacterCodingException e) {
        throw new UncheckedIOException(
            "cannot encode \"" + s.substring(from, to) + "\" as " + encoder.charset(), e);
      }
      int n = bb.remaining();
      ensure(n);
      bb.get(buf, pos, n);
      pos += n;
    }
    return this;
  }

  private void utf8(String s, int from, int to) {
    ensure(3 * (to - from));
    byte[] b = buf;
    int j = pos;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[j++] = (byte) c;
      } else if (c < 0x800) {
        b[j++] = (byte) (0xC0 | c >> 6);
        b[j++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 >= to
            || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new UncheckedIOException(new MalformedInputException(1));
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[j++] = (byte) (0xF0 | cp >> 18);
        b[j++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[j++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[j++] = (byte) (0x80 | cp & 0x3F);
      } else {
        b[j++] = (byte) (0xE0 | c >> 12);
        b[j++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[j++] = (byte) (0x80 | c & 0x3F);
      }
    }
    pos = j;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  private void drain() {
    try {
      out.write(buf, 0, pos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pos = 0;
  }

  static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      drain();
    } catch (UncheckedIOException e) {
      out.close();
      throw new IOException(e.getMessage(), e.getCause());
    }
    out.close();
  }
}

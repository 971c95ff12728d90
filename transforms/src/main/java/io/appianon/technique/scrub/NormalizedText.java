package io.appianon.technique.scrub;

import java.text.Normalizer;

/**
 * An NFKC-normalised copy of a text together with an index map back to the original.
 *
 * <p>The original is split into segments (a base code point plus any combining marks that follow
 * it, including the half-width voiced sound marks ﾞ/ﾟ), and each segment is normalised on its own,
 * so every normalised character can be traced to exactly one original segment. After NFKC,
 * dash-like characters (‐ ‑ ‒ – — ― − ﹣) become {@code '-'} and the prolonged sound mark ー becomes
 * {@code '-'} only when it sits between two digits (０９０ー１２３４), so katakana words are untouched.
 */
final class NormalizedText {

  private final String original;
  private final String text;
  private final int[] origStart;
  private final int[] origEnd;

  private NormalizedText(String original, String text, int[] origStart, int[] origEnd) {
    this.original = original;
    this.text = text;
    this.origStart = origStart;
    this.origEnd = origEnd;
  }

  /** Normalises {@code original}. */
  static NormalizedText of(String original) {
    int n = original.length();
    StringBuilder out = new StringBuilder(n + 8);
    int[] starts = new int[n + 8];
    int[] ends = new int[n + 8];
    int i = 0;
    while (i < n) {
      int segStart = i;
      int cp = original.codePointAt(i);
      i += Character.charCount(cp);
      while (i < n) {
        int next = original.codePointAt(i);
        if (!isCombining(next)) {
          break;
        }
        i += Character.charCount(next);
      }
      String segment = original.substring(segStart, i);
      String norm =
          isPlainAscii(segment) ? segment : Normalizer.normalize(segment, Normalizer.Form.NFKC);
      for (int k = 0; k < norm.length(); k++) {
        int pos = out.length();
        if (pos >= starts.length) {
          starts = grow(starts);
          ends = grow(ends);
        }
        out.append(norm.charAt(k));
        starts[pos] = segStart;
        ends[pos] = i;
      }
    }
    for (int k = 0; k < out.length(); k++) {
      char c = out.charAt(k);
      if (isDash(c)) {
        out.setCharAt(k, '-');
      } else if (c == 'ー'
          && k > 0
          && k + 1 < out.length()
          && isAsciiDigit(out.charAt(k - 1))
          && isAsciiDigit(out.charAt(k + 1))) {
        out.setCharAt(k, '-');
      }
    }
    return new NormalizedText(original, out.toString(), starts, ends);
  }

  /**
   * A further view for the code detectors: kanji numerals become ASCII digits (〇九〇 -> 090, 一二三四 ->
   * 1234, positional 千二百三十四 -> 1234 when the form is unambiguous), and ー, ・ and の between two
   * digits become {@code '-'}. A lone kanji numeral is converted only when it continues a number (a
   * last group 〇 after a blank); 一人, 十 and the like stay. Names and addresses are detected on
   * {@link #text()}, not on this view. Returns {@code this} when nothing changes.
   */
  NormalizedText codeView() {
    String t = text;
    if (!needsCodeView(t)) {
      return this;
    }
    int n = t.length();
    StringBuilder out = new StringBuilder(n + 8);
    int[] starts = new int[4 * n + 8]; // 千 becomes 1000
    int[] ends = new int[4 * n + 8];
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (isKanjiNumeral(c)) {
        int j = i;
        while (j < n && isKanjiNumeral(t.charAt(j))) {
          j++;
        }
        String digits = kanjiNumber(t, i, j);
        boolean convert = digits != null && (j - i >= 2 || continuesNumber(out));
        if (convert) {
          int s = origStart[i];
          int e = origEnd[j - 1];
          for (int k = 0; k < digits.length(); k++) {
            out.append(digits.charAt(k));
            starts[out.length() - 1] = s;
            ends[out.length() - 1] = e;
          }
          i = j;
          continue;
        }
        for (int k = i; k < j; k++) {
          out.append(t.charAt(k));
          starts[out.length() - 1] = origStart[k];
          ends[out.length() - 1] = origEnd[k];
        }
        i = j;
        continue;
      }
      out.append(c);
      starts[out.length() - 1] = origStart[i];
      ends[out.length() - 1] = origEnd[i];
      i++;
    }
    for (int k = 1; k + 1 < out.length(); k++) {
      char c = out.charAt(k);
      if ((c == 'ー' || c == '・' || c == 'の')
          && isAsciiDigit(out.charAt(k - 1))
          && isAsciiDigit(out.charAt(k + 1))) {
        out.setCharAt(k, '-');
      }
    }
    return new NormalizedText(original, out.toString(), starts, ends);
  }

  private static boolean isKanjiNumeral(char c) {
    return c == '〇' || c == '零' || c == '一' || c == '二' || c == '三' || c == '四' || c == '五'
        || c == '六' || c == '七' || c == '八' || c == '九' || c == '十' || c == '百' || c == '千';
  }

  /**
   * Two kanji numerals in a row, a kanji numeral after a blank or hyphen, or ー/・/の between two
   * digits.
   */
  private static boolean needsCodeView(String t) {
    int n = t.length();
    for (int k = 0; k < n; k++) {
      char c = t.charAt(k);
      if (isKanjiNumeral(c)) {
        if ((k + 1 < n && isKanjiNumeral(t.charAt(k + 1)))
            || (k > 0 && (t.charAt(k - 1) == ' ' || t.charAt(k - 1) == '-'))) {
          return true;
        }
      } else if ((c == '・' || c == 'の' || c == 'ー')
          && k > 0
          && k + 1 < n
          && isAsciiDigit(t.charAt(k - 1))
          && isAsciiDigit(t.charAt(k + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text built so far ends with a digit, maybe followed by one or two blanks or
   * hyphens.
   */
  private static boolean continuesNumber(StringBuilder out) {
    int k = out.length() - 1;
    int seps = 0;
    while (k >= 0
        && seps < 2
        && (out.charAt(k) == ' ' || out.charAt(k) == '-' || out.charAt(k) == 'ー')) {
      k--;
      seps++;
    }
    return seps > 0 && k >= 0 && isAsciiDigit(out.charAt(k));
  }

  /**
   * The digits of the kanji numeral t[from, to): digit by digit when it has no 十/百/千, else its
   * positional value (below 10,000, units strictly decreasing, e.g. 三千五 = 3005); {@code null} when
   * not well formed.
   */
  static String kanjiNumber(String t, int from, int to) {
    boolean positional = false;
    for (int k = from; k < to; k++) {
      char c = t.charAt(k);
      if (c == '十' || c == '百' || c == '千') {
        positional = true;
      }
    }
    if (!positional) {
      StringBuilder sb = new StringBuilder(to - from);
      for (int k = from; k < to; k++) {
        sb.append((char) ('0' + kanjiDigit(t.charAt(k))));
      }
      return sb.toString();
    }
    int value = 0;
    int lastUnit = 10_000;
    int pending = -1;
    for (int k = from; k < to; k++) {
      char c = t.charAt(k);
      int unit = c == '千' ? 1000 : c == '百' ? 100 : c == '十' ? 10 : 0;
      if (unit == 0) {
        if (pending >= 0) {
          return null;
        }
        pending = kanjiDigit(c);
        if (pending == 0) {
          return null;
        }
      } else {
        if (unit >= lastUnit) {
          return null;
        }
        value += (pending < 0 ? 1 : pending) * unit;
        lastUnit = unit;
        pending = -1;
      }
    }
    if (pending >= 0) {
      value += pending;
    }
    return Integer.toString(value);
  }

  private static int kanjiDigit(char c) {
    return c == '〇' || c == '零' ? 0 : "一二三四五六七八九".indexOf(c) + 1;
  }

  /** The original text. */
  String original() {
    return original;
  }

  /** The normalised text. */
  String text() {
    return text;
  }

  /** Maps the normalised span [start, end) to the smallest original span covering it. */
  int originalStart(int normStart) {
    return origStart[normStart];
  }

  /** Maps the exclusive normalised end to the exclusive original end. */
  int originalEnd(int normEnd) {
    return origEnd[normEnd - 1];
  }

  /** Builds a {@link Match} whose span refers to the original text. */
  Match toMatch(PiiKind kind, int normStart, int normEnd) {
    int s = originalStart(normStart);
    int e = originalEnd(normEnd);
    return new Match(kind, s, e, original.substring(s, e));
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDash(char c) {
    return c == '\u2010'
        || c == '\u2011'
        || c == '\u2012'
        || c == '\u2013'
        || c == '\u2014'
        || c == '\u2015'
        || c == '\u2212'
        || c == '\uFE63'
        || c == '\uFF0D';
  }

  private static boolean isCombining(int cp) {
    if (cp == 0xFF9E || cp == 0xFF9F || cp == 0x3099 || cp == 0x309A) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static boolean isPlainAscii(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static int[] grow(int[] a) {
    int[] b = new int[a.length * 2 + 8];
    System.arraycopy(a, 0, b, 0, a.length);
    return b;
  }
}

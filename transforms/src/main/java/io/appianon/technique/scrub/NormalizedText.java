package io.appianon.technique.scrub;

import java.text.Normalizer;

/**
 * An NFKC-normalised copy of a text together with an index map back to the original.
 *
 * <p>The original is split into segments (a base code point plus any combining marks that follow
 * it, including the half-width voiced sound marks ﾞ/ﾟ), and each segment is normalised on its own,
 * so every normalised character can be traced to exactly one original segment. After NFKC, dash-like
 * characters (‐ ‑ ‒ – — ― − ﹣) become {@code '-'} and the prolonged sound mark ー becomes {@code '-'}
 * only when it sits between two digits (０９０ー１２３４), so katakana words are untouched.
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
            String norm = isPlainAscii(segment) ? segment : Normalizer.normalize(segment, Normalizer.Form.NFKC);
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
            } else if (c == 'ー' && k > 0 && k + 1 < out.length()
                    && isAsciiDigit(out.charAt(k - 1)) && isAsciiDigit(out.charAt(k + 1))) {
                out.setCharAt(k, '-');
            }
        }
        return new NormalizedText(original, out.toString(), starts, ends);
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
        return c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014'
                || c == '\u2015' || c == '\u2212' || c == '\uFE63' || c == '\uFF0D';
    }

    private static boolean isCombining(int cp) {
        if (cp == 0xFF9E || cp == 0xFF9F || cp == 0x3099 || cp == 0x309A) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
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

package io.appianon.generate;

import io.appianon.technique.scrub.CheckDigits;

/**
 * Check digits used by the generator: the Individual Number (My Number) and Luhn (payment cards).
 * The algorithms are the scrubber's ({@link CheckDigits}), so generated codes are exactly what the
 * detectors recognise; this class adds the argument checks and the separator-tolerant card check
 * the generator's tests use.
 */
public final class Checksums {
  private Checksums() {}

  /** Check digit of a 12-digit Individual Number, from its first 11 digits. */
  public static int myNumberCheckDigit(CharSequence first11) {
    if (first11.length() != 11) {
      throw new IllegalArgumentException("need 11 digits, got " + first11.length());
    }
    return CheckDigits.myNumberCheckDigit(digits(first11));
  }

  /** True when {@code s} is exactly 12 ASCII digits with a correct My Number check digit. */
  public static boolean isValidMyNumber(CharSequence s) {
    return s != null && CheckDigits.isValidMyNumber(s.toString());
  }

  /** Luhn check digit to append to {@code payload} (all digits). */
  public static int luhnCheckDigit(CharSequence payload) {
    return CheckDigits.luhnCheckDigit(digits(payload));
  }

  /** True when {@code s}, ignoring spaces and hyphens, is 12..19 digits passing the Luhn check. */
  public static boolean isValidLuhn(CharSequence s) {
    if (s == null) {
      return false;
    }
    StringBuilder digits = new StringBuilder(19);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '-') {
        continue;
      }
      if (c < '0' || c > '9') {
        return false;
      }
      digits.append(c);
    }
    int n = digits.length();
    return n >= 12 && n <= 19 && CheckDigits.isLuhnValid(digits.toString());
  }

  /** {@code s} as a string, failing on anything but ASCII digits. */
  private static String digits(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a digit: '" + c + "' in " + s);
      }
    }
    return s.toString();
  }
}

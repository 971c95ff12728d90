package io.appianon.technique.scrub;

/**
 * Check-digit and range validation for the numeric identification codes. All methods take a string
 * of ASCII digits only (separators already removed). Public so that the sample-data generator makes
 * its codes with the same algorithms the detectors check.
 */
public final class CheckDigits {

  private CheckDigits() {}

  /**
   * Individual Number (マイナンバー) check digit, as defined by the Ordinance for Enforcement of the My
   * Number Act, Art. 5: with P<sub>n</sub> the n-th of the first 11 digits counted from the right
   * and Q<sub>n</sub> = n+1 (n &le; 6) or n-5 (7 &le; n &le; 11), r =
   * &Sigma;P<sub>n</sub>Q<sub>n</sub> mod 11 and the check digit is 0 when r &le; 1, otherwise
   * 11-r.
   */
  public static boolean isValidMyNumber(String digits) {
    if (digits.length() != 12 || !allDigits(digits)) {
      return false;
    }
    return myNumberCheckDigit(digits.substring(0, 11)) == digits.charAt(11) - '0';
  }

  /** Computes the My Number check digit for 11 leading digits. */
  public static int myNumberCheckDigit(String first11) {
    int sum = 0;
    for (int n = 1; n <= 11; n++) {
      int p = first11.charAt(11 - n) - '0';
      int q = n <= 6 ? n + 1 : n - 5;
      sum += p * q;
    }
    int r = sum % 11;
    return r <= 1 ? 0 : 11 - r;
  }

  /** Luhn (mod 10) check over all digits, the last one being the check digit. */
  public static boolean isLuhnValid(String digits) {
    if (digits.isEmpty() || !allDigits(digits)) {
      return false;
    }
    int last = digits.length() - 1;
    return luhnCheckDigit(digits.substring(0, last)) == digits.charAt(last) - '0';
  }

  /** The Luhn check digit to append to {@code payload} (ASCII digits). */
  public static int luhnCheckDigit(String payload) {
    int sum = 0;
    boolean dbl = true; // the rightmost payload digit is doubled once the check digit is appended
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  /**
   * Whether the digits start with a known issuer prefix and have a length that issuer uses. Visa
   * 16/19 (the legacy 13-digit Visa length is not accepted because 13-digit JAN/EAN product codes
   * starting with 45/49 are common in retail text), Mastercard 51-55 and 2221-2720 (16), Amex 34/37
   * (15), JCB 3528-3589 (16-19), Diners 300-305/36/38 (14-19), Discover 6011/65 (16-19).
   */
  static boolean hasKnownIin(String digits) {
    int len = digits.length();
    if (len < 13 || len > 19) {
      return false;
    }
    int p1 = prefix(digits, 1);
    int p2 = prefix(digits, 2);
    int p3 = prefix(digits, 3);
    int p4 = prefix(digits, 4);
    if (p1 == 4) {
      return len == 16 || len == 19;
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return len == 16;
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15;
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return len >= 16;
    }
    if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38) {
      return len >= 14;
    }
    if (p4 == 6011 || p2 == 65) {
      return len >= 16;
    }
    return false;
  }

  /**
   * A payment card number: 13-19 digits passing Luhn, whatever the issuer prefix (issuer ranges
   * change and regional schemes such as UnionPay 62 or new 2-series Mastercard were missed by a
   * prefix list), and not a run of one repeated digit. {@link #hasKnownIin} is kept for callers
   * that want the stricter test.
   */
  static boolean isValidCard(String digits) {
    int len = digits.length();
    if (len < 13 || len > 19 || !allDigits(digits) || !isLuhnValid(digits)) {
      return false;
    }
    for (int i = 1; i < len; i++) {
      if (digits.charAt(i) != digits.charAt(0)) {
        return true;
      }
    }
    return false;
  }

  /** A valid EAN-13 (JAN) product code with a Japanese prefix 45 or 49. */
  static boolean isValidEan13(String digits) {
    if (digits.length() != 13
        || !allDigits(digits)
        || !(digits.startsWith("45") || digits.startsWith("49"))) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return (10 - sum % 10) % 10 == digits.charAt(12) - '0';
  }

  /**
   * Japanese driver's licence number: 12 digits, the first two a prefectural public safety
   * commission code, the 11th digit the check digit over the first ten with weights
   * 5,4,3,2,7,6,5,4,3,2: check = (11 - sum mod 11) mod 10. The 12th digit is the reissue count.
   *
   * <p>The National Police Agency does not publish this algorithm; it is the widely reported
   * community reconstruction, so callers additionally require a 免許 keyword nearby.
   */
  static boolean isValidDriversLicense(String digits) {
    if (digits.length() != 12 || !allDigits(digits)) {
      return false;
    }
    if (!isCommissionCode(prefix(digits, 2))) {
      return false;
    }
    int[] weights = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    int check = (11 - sum % 11) % 10;
    return check == digits.charAt(10) - '0';
  }

  private static boolean isCommissionCode(int c) {
    return (c >= 10 && c <= 14)
        || (c >= 20 && c <= 25)
        || c == 30
        || (c >= 40 && c <= 49)
        || (c >= 50 && c <= 55)
        || (c >= 60 && c <= 65)
        || (c >= 70 && c <= 74)
        || (c >= 80 && c <= 83)
        || (c >= 90 && c <= 97);
  }

  private static int prefix(String digits, int n) {
    return Integer.parseInt(digits.substring(0, n));
  }

  static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!NormalizedText.isAsciiDigit(s.charAt(i))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** Keeps only the ASCII digits of {@code s}. */
  static String digitsOf(CharSequence s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (NormalizedText.isAsciiDigit(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

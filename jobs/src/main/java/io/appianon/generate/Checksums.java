package io.appianon.generate;

/** Check digits used by the generator: the Individual Number (My Number) and Luhn (payment cards). */
public final class Checksums {
    private Checksums() {
    }

    /**
     * Check digit of a 12-digit Individual Number, from its first 11 digits (official algorithm:
     * P_n is the n-th digit counted from the right of the 11, Q_n = n + 1 for n <= 6 and n - 5 for
     * n >= 7; r = sum(P_n * Q_n) mod 11; check = 0 if r <= 1, else 11 - r).
     */
    public static int myNumberCheckDigit(CharSequence first11) {
        if (first11.length() != 11) {
            throw new IllegalArgumentException("need 11 digits, got " + first11.length());
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = digitAt(first11, 11 - n);
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /** True when {@code s} is exactly 12 ASCII digits with a correct My Number check digit. */
    public static boolean isValidMyNumber(CharSequence s) {
        if (s == null || s.length() != 12 || !allDigits(s)) {
            return false;
        }
        return myNumberCheckDigit(s.subSequence(0, 11)) == s.charAt(11) - '0';
    }

    /** Luhn check digit to append to {@code payload} (all digits). */
    public static int luhnCheckDigit(CharSequence payload) {
        int sum = 0;
        boolean dbl = true; // the rightmost payload digit is doubled once the check digit is appended
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = digitAt(payload, i);
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
        if (n < 12 || n > 19) {
            return false;
        }
        return luhnCheckDigit(digits.subSequence(0, n - 1)) == digits.charAt(n - 1) - '0';
    }

    private static boolean allDigits(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digitAt(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a digit: '" + c + "' in " + s);
        }
        return c - '0';
    }
}

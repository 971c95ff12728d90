package io.appianon.technique;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The per-release secret for keyed pseudonyms (GL 3-2-2-1: a hashed replacement must add a random
 * value). 256 random bits from {@link SecureRandom}, generated fresh for every release so that the
 * same member gets a different pseudonym in the next release. {@link #toString()} never shows the
 * bytes; {@link #destroy()} zeroes them, which the job does once the release is written (GL
 * 3-2-3-1: destroy the random values used).
 */
public final class PseudonymKey implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  public static final int LENGTH = 32;
  private final byte[] bytes;
  private volatile boolean destroyed;

  private PseudonymKey(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "Invalid key length: " + bytes.length + " (must be " + LENGTH + " bytes)");
    }
    this.bytes = bytes.clone();
  }

  /** A fresh random key. */
  public static PseudonymKey generate() {
    byte[] b = new byte[LENGTH];
    new SecureRandom().nextBytes(b);
    PseudonymKey k = new PseudonymKey(b);
    Arrays.fill(b, (byte) 0);
    return k;
  }

  /** A key restored from the processing-method store (explicit opt-in only). */
  public static PseudonymKey fromBytes(byte[] b) {
    return new PseudonymKey(b);
  }

  /**
   * A copy of the key bytes, for HMAC construction and the opt-in store; callers should zero it
   * after use.
   */
  public byte[] bytes() {
    if (destroyed) {
      throw new IllegalStateException("The pseudonym key was destroyed");
    }
    return bytes.clone();
  }

  /** Hex of the key, for tests that scan output for the secret. */
  public String toHexForScanning() {
    return HexFormat.of().formatHex(bytes());
  }

  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "PseudonymKey[redacted]";
  }
}

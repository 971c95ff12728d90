package io.appianon.release;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passphrase-based sealing of processing-method information (APPI Art. 43(2), PPC Rule 35), with
 * the JDK's crypto only: AES-256-GCM under a key derived by PBKDF2WithHmacSHA256 from the
 * passphrase in {@value #ENV}. A sealed file is a small JSON envelope holding the KDF parameters,
 * the salt, the IV, a context string (bound as GCM additional data, so a file moved to another
 * release or name does not open) and the ciphertext with its tag.
 *
 * <p>The passphrase is read from the environment only: it never appears in the configuration, on
 * the command line, in a log or in the audit trail.
 */
public final class SecretBox {
  /** The environment variable holding the passphrase. */
  public static final String ENV = "APPIANON_METHOD_KEY";

  /** Envelope format tag. */
  public static final String FORMAT = "appianon-sealed/1";

  static final int ITERATIONS = 600_000;
  static final int MIN_PASSPHRASE = 12;
  private static final int SALT_BYTES = 16;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String KDF = "PBKDF2WithHmacSHA256";
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final char[] passphrase;
  private final Map<String, SecretKey> derived = new HashMap<>();
  private byte[] sealSalt;

  private SecretBox(char[] passphrase) {
    this.passphrase = passphrase.clone();
  }

  /** The box for the passphrase in {@value #ENV}, or empty when the variable is unset or blank. */
  public static Optional<SecretBox> fromEnvironment(Map<String, String> env) {
    String p = env.get(ENV);
    if (p == null || p.isBlank()) {
      return Optional.empty();
    }
    if (p.length() < MIN_PASSPHRASE) {
      throw new MethodKeyException(
          ENV
              + " is too short ("
              + p.length()
              + " characters; at least "
              + MIN_PASSPHRASE
              + " required)");
    }
    return Optional.of(new SecretBox(p.toCharArray()));
  }

  /**
   * The box for the passphrase in {@value #ENV}; fails naming the variable and {@code why} when it
   * is unset.
   */
  public static SecretBox require(Map<String, String> env, String why) {
    return fromEnvironment(env)
        .orElseThrow(
            () ->
                new MethodKeyException(
                    why
                        + " needs a passphrase in the environment"
                        + " variable "
                        + ENV
                        + " (it is not set)"));
  }

  /**
   * Encrypts {@code plaintext}; {@code context} (e.g. the file's role and release id) must match
   * when opening.
   */
  public synchronized byte[] seal(byte[] plaintext, String context) {
    try {
      if (sealSalt == null) {
        sealSalt = random(SALT_BYTES);
      }
      byte[] iv = random(IV_BYTES);
      Cipher c = Cipher.getInstance(CIPHER);
      c.init(Cipher.ENCRYPT_MODE, key(sealSalt, ITERATIONS), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext);
      Map<String, Object> env = new LinkedHashMap<>();
      env.put("format", FORMAT);
      env.put("cipher", "AES-256-GCM");
      env.put("kdf", KDF);
      env.put("iterations", ITERATIONS);
      env.put("salt", b64(sealSalt));
      env.put("iv", b64(iv));
      env.put("context", context);
      env.put("ciphertext", b64(ct));
      return (Json.write(env) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JDK", e);
    }
  }

  /**
   * Decrypts an envelope written by {@link #seal}; fails when the passphrase, the context or the
   * bytes differ.
   */
  public synchronized byte[] open(byte[] envelope, String context) {
    Map<String, Object> env;
    try {
      env = Json.mapper().readValue(envelope, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new MethodKeyException("not a sealed file (" + FORMAT + "): " + e.getMessage());
    }
    if (!FORMAT.equals(env.get("format"))) {
      throw new MethodKeyException(
          "not a sealed file (format " + env.get("format") + ", expected " + FORMAT + ")");
    }
    if (!context.equals(env.get("context"))) {
      throw new MethodKeyException(
          "sealed file belongs to '" + env.get("context") + "', not '" + context + "'");
    }
    try {
      byte[] salt = Base64.getDecoder().decode((String) env.get("salt"));
      byte[] iv = Base64.getDecoder().decode((String) env.get("iv"));
      int iterations = ((Number) env.get("iterations")).intValue();
      Cipher c = Cipher.getInstance(CIPHER);
      c.init(Cipher.DECRYPT_MODE, key(salt, iterations), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(Base64.getDecoder().decode((String) env.get("ciphertext")));
    } catch (AEADBadTagException e) {
      throw new MethodKeyException(
          "cannot open sealed '" + context + "': wrong " + ENV + " or the file was altered");
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | ClassCastException
        | NullPointerException e) {
      throw new MethodKeyException(
          "cannot open sealed '" + context + "': malformed envelope (" + e + ")");
    }
  }

  private SecretKey key(byte[] salt, int iterations) throws GeneralSecurityException {
    String id = b64(salt) + "/" + iterations;
    SecretKey k = derived.get(id);
    if (k == null) {
      KeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
      byte[] raw = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
      k = new SecretKeySpec(raw, "AES");
      Arrays.fill(raw, (byte) 0);
      derived.put(id, k);
    }
    return k;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Override
  public String toString() {
    return "SecretBox[redacted]";
  }
}

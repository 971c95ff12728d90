package io.appianon.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.technique.PseudonymKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  private static final Map<String, String> ENV =
      Map.of(SecretBox.ENV, "a passphrase long enough for the test");

  @Test
  void sealedSecretRoundTripsAndCarriesSaltAndIvButNoPlaintext() {
    SecretBox box = SecretBox.fromEnvironment(ENV).orElseThrow();
    byte[] secret = "the quick brown fox jumps over it".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = box.seal(secret, "ctx:1");
    String envelope = new String(sealed, StandardCharsets.UTF_8);
    assertTrue(
        envelope.contains("\"salt\"")
            && envelope.contains("\"iv\"")
            && envelope.contains("AES-256-GCM")
            && envelope.contains("PBKDF2WithHmacSHA256"),
        envelope);
    assertFalse(envelope.contains("quick brown fox"));
    // a fresh box (fresh key derivation from the stored salt) opens it
    assertArrayEquals(secret, SecretBox.fromEnvironment(ENV).orElseThrow().open(sealed, "ctx:1"));
  }

  @Test
  void refusesWrongPassphraseOtherContextAndAlteredBytes() {
    SecretBox box = SecretBox.fromEnvironment(ENV).orElseThrow();
    byte[] sealed = box.seal(new byte[] {1, 2, 3}, "ctx:1");
    SecretBox other =
        SecretBox.fromEnvironment(Map.of(SecretBox.ENV, "another passphrase, long")).orElseThrow();
    MethodKeyException wrong =
        assertThrows(MethodKeyException.class, () -> other.open(sealed, "ctx:1"));
    assertTrue(wrong.getMessage().contains("wrong " + SecretBox.ENV), wrong.getMessage());
    assertThrows(MethodKeyException.class, () -> box.open(sealed, "ctx:2"));
    String text = new String(sealed, StandardCharsets.UTF_8);
    String ct = text.replaceAll("(?s).*\"ciphertext\" : \"([^\"]+)\".*", "$1");
    String flipped = (ct.charAt(0) == 'A' ? "B" : "A") + ct.substring(1);
    byte[] altered = text.replace(ct, flipped).getBytes(StandardCharsets.UTF_8);
    assertThrows(MethodKeyException.class, () -> box.open(altered, "ctx:1"));
  }

  @Test
  void noPassphraseMeansNoBoxAndShortOnesAreRefused() {
    assertTrue(SecretBox.fromEnvironment(Map.of()).isEmpty());
    assertThrows(
        MethodKeyException.class, () -> SecretBox.fromEnvironment(Map.of(SecretBox.ENV, "short")));
    MethodKeyException e =
        assertThrows(MethodKeyException.class, () -> SecretBox.require(Map.of(), "keep-secret"));
    assertTrue(e.getMessage().contains(SecretBox.ENV), e.getMessage());
  }

  @Test
  void methodStoreSealsEveryFileAndTheSecret(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("p.conf"), "dataset { name = x }\n");
    SecretBox box = SecretBox.fromEnvironment(ENV).orElseThrow();
    MethodStore store = new MethodStore(dir.resolve("ms"), Optional.of(box));
    store.write("r1", Map.of("survey", policy), Map.of(), Map.of("k", 5));
    PseudonymKey key = PseudonymKey.generate();
    store.writeSecret("r1", key, box);
    List<String> files = store.list("r1");
    assertEquals(
        List.of("parameters.json.enc", "policies/survey.conf.enc", MethodStore.SECRET_FILE), files);
    assertEquals(
        "dataset { name = x }\n",
        new String(
            store.read("r1", "policies/survey.conf", Optional.of(box)), StandardCharsets.UTF_8));
    assertThrows(
        MethodKeyException.class, () -> store.read("r1", "parameters.json", Optional.empty()));
    assertThrows(
        MethodKeyException.class,
        () -> store.read("r1", MethodStore.SECRET_FILE, Optional.of(box)));
    PseudonymKey back = store.readSecret("r1", SecretBox.fromEnvironment(ENV).orElseThrow());
    assertEquals(key.toHexForScanning(), back.toHexForScanning());
    String hex = key.toHexForScanning();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(content.toLowerCase().contains(hex), p.toString());
        assertFalse(
            content.contains(new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1)),
            p.toString());
      }
    }
  }
}

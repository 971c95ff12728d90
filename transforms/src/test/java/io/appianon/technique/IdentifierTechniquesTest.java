package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.PolicyException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The techniques that remove identifiers (scrub, delete, pseudonymize) parsed from a policy snippet
 * and applied the way the pipeline applies them, each output written out by hand.
 */
class IdentifierTechniquesTest {

  private static Dataset<Row> notes() {
    StructType schema =
        new StructType()
            .add("note", DataTypes.StringType)
            .add("memo", DataTypes.StringType)
            .add("other", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("電話090-1234-5678か", "taro@example.com宛", "090-1234-5678"));
    rows.add(RowFactory.create("良い店", null, "x"));
    rows.add(RowFactory.create(null, "03-1234-5678まで", null));
    return TechniqueRun.spark().createDataFrame(rows, schema);
  }

  @Test
  void scrubReplacesTheMatchesOfTheNamedColumnsByTagsAndCountsTheChangedCells() {
    TechniqueRun.Result r =
        TechniqueRun.run("type = scrub, columns = [note, memo], kinds = [phone, email]", notes());
    assertEquals(Arrays.asList("電話[PHONE]か", "良い店", null), r.column("note"));
    assertEquals(Arrays.asList("[EMAIL]宛", null, "[PHONE]まで"), r.column("memo"));
    assertEquals(
        Arrays.asList("090-1234-5678", "x", null),
        r.column("other"),
        "a column not named is left alone");
    assertEquals(1, r.metric("note", "cells_changed"));
    assertEquals(2, r.metric("memo", "cells_changed"));
  }

  @Test
  void scrubDeletesTheMatchesAndOnlyTheConfiguredKinds() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = scrub, columns = [note, memo], kinds = [phone], action = delete", notes());
    assertEquals(Arrays.asList("電話か", "良い店", null), r.column("note"));
    assertEquals(
        Arrays.asList("taro@example.com宛", null, "まで"), r.column("memo"), "e-mail not asked for");
    assertEquals(1, r.metric("note", "cells_changed"));
    assertEquals(1, r.metric("memo", "cells_changed"));
  }

  @Test
  void scrubLooksForEveryKindUnlessTold() {
    Dataset<Row> in =
        TechniqueRun.spark()
            .createDataFrame(
                List.of(RowFactory.create("担当の山田太郎さん")),
                new StructType().add("note", DataTypes.StringType));
    assertEquals(
        List.of("担当の[NAME]さん"),
        TechniqueRun.run("type = scrub, columns = [note]", in).column("note"));
    assertEquals(
        List.of("担当のさん"),
        TechniqueRun.run(
                "type = scrub, columns = [note], kinds = [phone, all], action" + " = delete", in)
            .column("note"));
    PolicyException e =
        assertThrows(PolicyException.class, () -> TechniqueRun.parse("type = scrub, columns = []"));
    assertTrue(e.getMessage().contains("columns"), e.getMessage());
  }

  @Test
  void deleteRemovesExactlyTheNamedColumns() {
    TechniqueRun.Result r = TechniqueRun.run("type = delete, columns = [note, other]", notes());
    assertEquals(List.of("memo"), List.of(r.schema().fieldNames()));
    assertEquals(Arrays.asList("taro@example.com宛", null, "03-1234-5678まで"), r.column("memo"));
  }

  @Test
  void deleteNeedsAColumn() {
    PolicyException e =
        assertThrows(
            PolicyException.class, () -> TechniqueRun.parse("type = delete, columns = []"));
    assertTrue(e.getMessage().contains("columns"), e.getMessage());
  }

  private static String hmac(byte[] key, String domain, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((domain + "\u0000").getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void pseudonymizeReplacesEachNamedColumnByTheKeyedHashInItsDomain() throws Exception {
    PseudonymKey key = PseudonymKey.generate();
    byte[] k = key.bytes();
    StructType schema =
        new StructType()
            .add("member", DataTypes.StringType)
            .add("buyer", DataTypes.StringType)
            .add("shop", DataTypes.StringType);
    Dataset<Row> in =
        TechniqueRun.spark()
            .createDataFrame(
                List.of(RowFactory.create("M1", "M1", "S1"), RowFactory.create(null, "M2", "S2")),
                schema);

    // one column: its name is the domain, 32 hex digits by default
    Technique one = TechniqueRun.parse("type = pseudonymize, columns = [member]");
    StructType numeric =
        new StructType().add("member", DataTypes.LongType).add("shop", DataTypes.LongType);
    assertEquals(
        new StructType().add("member", DataTypes.StringType).add("shop", DataTypes.LongType),
        one.transformSchema(numeric),
        "a numeric id becomes its hex pseudonym");
    List<Row> a = one.apply(in, new TechniqueContext(Optional.of(key), 1)).collectAsList();
    assertEquals(hmac(k, "member", "M1").substring(0, 32), a.get(0).getString(0));
    assertEquals(null, a.get(1).get(0), "null stays null");
    assertEquals("M1", a.get(0).getString(1), "a column not named is left alone");

    // two columns in one domain: the same member gets the same pseudonym in both; 16 digits asked
    // for
    Technique two =
        TechniqueRun.parse(
            "type = pseudonymize, columns = [member, buyer], domain = person, length = 16");
    List<Row> b = two.apply(in, new TechniqueContext(Optional.of(key), 1)).collectAsList();
    assertEquals(hmac(k, "person", "M1").substring(0, 16), b.get(0).getString(0));
    assertEquals(hmac(k, "person", "M1").substring(0, 16), b.get(0).getString(1));
    assertEquals(hmac(k, "person", "M2").substring(0, 16), b.get(1).getString(1));
    assertEquals("S2", b.get(1).getString(2));
    assertTrue(!key.isDestroyed(), "applying uses a copy of the key");
  }

  @Test
  void aMisspelledKeyIsRefusedNotIgnored() {
    for (String t :
        List.of(
            "type = pseudonymize, columns = [m], lenght = 16",
            "type = scrub, columns = [m], acton = delete",
            "type = delete, columns = [m], colums = [n]")) {
      PolicyException e = assertThrows(PolicyException.class, () -> TechniqueRun.parse(t), t);
      String key = t.substring(t.lastIndexOf(", ") + 2, t.lastIndexOf(" ="));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
  }

  @Test
  void aDestroyedKeyIsZeroedAndARestoredKeyIsTheSame() throws Exception {
    PseudonymKey key = PseudonymKey.generate();
    byte[] secret = key.bytes();
    assertEquals(HexFormat.of().formatHex(secret), key.toHexForScanning());
    assertEquals(
        HexFormat.of().formatHex(secret), PseudonymKey.fromBytes(secret).toHexForScanning());
    assertThrows(IllegalArgumentException.class, () -> PseudonymKey.fromBytes(new byte[31]));
    key.destroy();
    assertTrue(key.isDestroyed());
    // what is left of the key object: its serialized form holds 32 zero bytes where the secret was
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(key);
    }
    String stream = HexFormat.of().formatHex(bytes.toByteArray());
    assertTrue(
        !stream.contains(HexFormat.of().formatHex(secret)), "the secret is still in the object");
    assertTrue(stream.contains("00".repeat(32)), "the bytes are zeroed");
  }

  @Test
  void pseudonymLengthIsSixteenToSixtyFourDigitsAndSeveralColumnsNeedADomain() {
    assertEquals(
        16,
        ((Pseudonymize) TechniqueRun.parse("type = pseudonymize, columns = [m], length = 16"))
            .length());
    assertEquals(
        64,
        ((Pseudonymize) TechniqueRun.parse("type = pseudonymize, columns = [m], length = 64"))
            .length());
    for (int bad : new int[] {15, 65}) {
      PolicyException e =
          assertThrows(
              PolicyException.class,
              () -> TechniqueRun.parse("type = pseudonymize, columns = [m], length = " + bad));
      assertTrue(
          e.getMessage().contains("length") && e.getMessage().contains(String.valueOf(bad)),
          e.getMessage());
    }
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> TechniqueRun.parse("type = pseudonymize, columns = [a, b]"));
    assertTrue(e.getMessage().contains("domain"), e.getMessage());
    assertEquals(
        "a", ((Pseudonymize) TechniqueRun.parse("type = pseudonymize, columns = [a]")).domain());
  }
}

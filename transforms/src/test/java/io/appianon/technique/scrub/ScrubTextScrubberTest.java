package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScrubTextScrubberTest {

  private static final String TEXT = "担当の山田さん、電話090-1234-5678かtaro@example.comまで。〒160-0023";

  @Test
  void replaceWithTag() {
    TextScrubber s = new TextScrubber(EnumSet.allOf(PiiKind.class), Action.REPLACE_WITH_TAG);
    assertEquals("担当の[NAME]さん、電話[PHONE]か[EMAIL]まで。[POSTAL]", s.scrub(TEXT));
  }

  @Test
  void deleteMatch() {
    TextScrubber s =
        new TextScrubber(EnumSet.of(PiiKind.PHONE, PiiKind.EMAIL), Action.DELETE_MATCH);
    assertEquals("担当の山田さん、電話かまで。〒160-0023", s.scrub(TEXT));
  }

  @Test
  void nullAndUnchanged() {
    TextScrubber s = new TextScrubber(EnumSet.allOf(PiiKind.class), Action.DELETE_MATCH);
    assertNull(s.scrub(null));
    assertFalse(s.scrubWithFlag(null).changed());
    TextScrubber.Result r = s.scrubWithFlag("レジが混んでいた。1,280円。");
    assertEquals("レジが混んでいた。1,280円。", r.text());
    assertFalse(r.changed());
    assertTrue(s.scrubWithFlag(TEXT).changed());
  }

  @Test
  void kindsFound() {
    TextScrubber s = new TextScrubber(EnumSet.allOf(PiiKind.class), Action.DELETE_MATCH);
    assertEquals(
        EnumSet.of(PiiKind.PERSON_NAME, PiiKind.PHONE, PiiKind.EMAIL, PiiKind.POSTAL_CODE),
        s.kindsFound(TEXT));
    assertEquals(Set.of(), s.kindsFound(null));
    TextScrubber phonesOnly = new TextScrubber(EnumSet.of(PiiKind.PHONE), Action.DELETE_MATCH);
    assertEquals(EnumSet.of(PiiKind.PHONE), phonesOnly.kindsFound(TEXT));
  }

  @Test
  void isSerializableAndWorksAfterRoundTrip() throws IOException, ClassNotFoundException {
    TextScrubber s = new TextScrubber(EnumSet.allOf(PiiKind.class), Action.REPLACE_WITH_TAG);
    TextScrubber copy = JavaSerialization.read(JavaSerialization.bytes(s));
    assertEquals(s.scrub(TEXT), copy.scrub(TEXT));
  }

  @Test
  void worksFromManyThreads() throws InterruptedException {
    TextScrubber s = new TextScrubber(EnumSet.allOf(PiiKind.class), Action.REPLACE_WITH_TAG);
    String expected = s.scrub(TEXT);
    List<Thread> threads = new ArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) {
                  if (!expected.equals(s.scrub(TEXT))) {
                    failures.incrementAndGet();
                  }
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(0, failures.get());
  }

  @Test
  void configNames() {
    assertEquals(PiiKind.MY_NUMBER, PiiKind.fromConfigName("my-number"));
    assertEquals(PiiKind.DRIVERS_LICENSE, PiiKind.fromConfigName(" Drivers-License "));
    assertEquals(PiiKind.POSTAL_CODE, PiiKind.fromConfigName("POSTAL_CODE"));
    assertEquals(
        EnumSet.of(PiiKind.PHONE, PiiKind.EMAIL),
        PiiKind.fromConfigNames(List.of("phone", "email")));
    assertEquals("[MYNUMBER]", PiiKind.MY_NUMBER.tag());
    assertEquals("[LICENSE]", PiiKind.DRIVERS_LICENSE.tag());
    assertThrows(IllegalArgumentException.class, () -> PiiKind.fromConfigName("ssn"));
    assertEquals(Action.DELETE_MATCH, Action.fromConfigName("delete"));
    assertEquals(Action.REPLACE_WITH_TAG, Action.fromConfigName("replace-with-tag"));
    assertThrows(IllegalArgumentException.class, () -> Action.fromConfigName("mask"));
  }
}

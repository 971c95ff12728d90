package io.appianon.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ToolsTest {
  @Test
  void aMissingToolFailsUnderCi() {
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class, () -> Tools.require(false, "bc", Map.of("CI", "true")));
    assertTrue(e.getMessage().startsWith("bc is missing and CI=true"), e.getMessage());
  }

  @Test
  void aMissingToolSkipsOutsideCi() {
    assertThrows(TestAbortedException.class, () -> Tools.require(false, "bc", Map.of()));
    assertThrows(
        TestAbortedException.class, () -> Tools.require(false, "bc", Map.of("CI", "false")));
  }

  @Test
  void aPresentToolNeitherFailsNorSkips() {
    assertDoesNotThrow(() -> Tools.require(true, "bc", Map.of("CI", "true")));
    assertTrue(Tools.onPath("sh"), "sh is on the PATH of every machine that runs these tests");
    assertTrue(!Tools.onPath("no-such-program-appianon"));
  }
}

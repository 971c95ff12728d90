package io.appianon.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesLogTest {
  @Test
  void appendsChainedOwnerOnlyLinesAndDetectsAnEditedLine(@TempDir Path dir) throws Exception {
    JsonLinesLog log = new JsonLinesLog(dir.resolve("sub").resolve("audit.jsonl"));
    log.append(Map.of("n", 1));
    log.append(Map.of("n", 2));
    log.append(Map.of("n", 3));
    List<Map<String, Object>> records = log.read();
    assertEquals(3, records.size());
    assertEquals("", records.get(0).get(JsonLinesLog.PREV));
    assertEquals(Optional.empty(), log.firstBreak());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file())));

    List<String> lines = Files.readAllLines(log.file(), StandardCharsets.UTF_8);
    Files.write(
        log.file(),
        List.of(lines.get(0), lines.get(1).replace("\"n\":2", "\"n\":20"), lines.get(2)),
        StandardCharsets.UTF_8);
    assertEquals(
        Optional.of(3), log.firstBreak(), "the line after the edited one no longer chains");
    assertTrue(Files.readString(log.file()).contains("\"n\":20"));
  }
}

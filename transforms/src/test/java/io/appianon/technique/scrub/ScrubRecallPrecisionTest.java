package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Span-level precision and recall of {@link PiiDetector} on the hand-labelled sample {@code
 * scrub/labelled-opinions.tsv}. A predicted span is correct if it overlaps a labelled span of the
 * same kind; a labelled span is found if some predicted span of the same kind overlaps it. Writes
 * {@code target/scrub-metrics.json}.
 */
class ScrubRecallPrecisionTest {

  private static final Set<PiiKind> CODE_KINDS =
      EnumSet.of(PiiKind.MY_NUMBER, PiiKind.CREDIT_CARD, PiiKind.PHONE, PiiKind.EMAIL);

  /** One labelled opinion. */
  private record Sample(String id, String text, List<Match> gold) {}

  /** Counts for one kind or group. */
  private static final class Counts {
    int gold;
    int goldFound;
    int predicted;
    int predictedCorrect;

    void add(Counts o) {
      gold += o.gold;
      goldFound += o.goldFound;
      predicted += o.predicted;
      predictedCorrect += o.predictedCorrect;
    }

    double precision() {
      return predicted == 0 ? Double.NaN : (double) predictedCorrect / predicted;
    }

    double recall() {
      return gold == 0 ? Double.NaN : (double) goldFound / gold;
    }
  }

  @Test
  void precisionAndRecallOnLabelledSample() throws IOException {
    List<Sample> samples = load();
    PiiDetector detector = new PiiDetector();
    Map<PiiKind, Counts> perKind = new EnumMap<>(PiiKind.class);
    for (PiiKind k : PiiKind.values()) {
      perKind.put(k, new Counts());
    }
    List<String> errors = new ArrayList<>();
    for (Sample s : samples) {
      List<Match> predicted = detector.find(s.text());
      for (Match g : s.gold()) {
        Counts c = perKind.get(g.kind());
        c.gold++;
        if (predicted.stream().anyMatch(p -> p.kind() == g.kind() && p.overlaps(g))) {
          c.goldFound++;
        } else {
          errors.add("MISS  #" + s.id() + " " + g.kind() + " '" + g.text() + "'");
        }
      }
      for (Match p : predicted) {
        Counts c = perKind.get(p.kind());
        c.predicted++;
        if (s.gold().stream().anyMatch(g -> g.kind() == p.kind() && g.overlaps(p))) {
          c.predictedCorrect++;
        } else {
          errors.add("FALSE #" + s.id() + " " + p.kind() + " '" + p.text() + "'");
        }
      }
    }
    Counts codes = new Counts();
    Counts overall = new Counts();
    for (PiiKind k : PiiKind.values()) {
      overall.add(perKind.get(k));
      if (CODE_KINDS.contains(k)) {
        codes.add(perKind.get(k));
      }
    }
    Counts names = perKind.get(PiiKind.PERSON_NAME);

    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-16s %5s %5s %5s %5s %9s %7s%n",
            "kind",
            "gold",
            "found",
            "pred",
            "corr",
            "precision",
            "recall"));
    for (PiiKind k : PiiKind.values()) {
      row(table, k.name(), perKind.get(k));
    }
    row(table, "CODES(4)", codes);
    row(table, "OVERALL", overall);
    System.out.println("Scrub precision/recall on " + samples.size() + " labelled opinions");
    System.out.print(table);
    errors.forEach(System.out::println);
    writeJson(samples.size(), perKind, codes, overall, errors);

    assertTrue(codes.recall() >= 0.95, "code recall " + codes.recall());
    assertTrue(names.recall() >= 0.8, "name recall " + names.recall());
    assertTrue(overall.precision() >= 0.9, "overall precision " + overall.precision());
  }

  private static void row(StringBuilder sb, String name, Counts c) {
    sb.append(
        String.format(
            Locale.ROOT,
            "%-16s %5d %5d %5d %5d %9s %7s%n",
            name,
            c.gold,
            c.goldFound,
            c.predicted,
            c.predictedCorrect,
            fmt(c.precision()),
            fmt(c.recall())));
  }

  private static String fmt(double d) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.3f", d);
  }

  private static String json(double d) {
    return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.4f", d);
  }

  private static void writeJson(
      int n, Map<PiiKind, Counts> perKind, Counts codes, Counts overall, List<String> errors)
      throws IOException {
    StringBuilder sb =
        new StringBuilder("{\n  \"samples\": ").append(n).append(",\n  \"kinds\": {\n");
    int i = 0;
    for (Map.Entry<PiiKind, Counts> e : perKind.entrySet()) {
      sb.append("    \"").append(e.getKey().configName()).append("\": ").append(obj(e.getValue()));
      sb.append(++i < perKind.size() ? ",\n" : "\n");
    }
    sb.append("  },\n  \"codes\": ")
        .append(obj(codes))
        .append(",\n  \"overall\": ")
        .append(obj(overall));
    sb.append(",\n  \"errors\": [");
    for (int k = 0; k < errors.size(); k++) {
      sb.append(k == 0 ? "\n    " : ",\n    ")
          .append('"')
          .append(escape(errors.get(k)))
          .append('"');
    }
    sb.append(errors.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    Path out = Path.of("target", "scrub-metrics.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
  }

  private static String obj(Counts c) {
    return String.format(
        Locale.ROOT,
        "{\"gold\": %d, \"found\": %d, \"predicted\": %d, \"correct\": %d, \"precision\": %s, \"recall\": %s}",
        c.gold,
        c.goldFound,
        c.predicted,
        c.predictedCorrect,
        json(c.precision()),
        json(c.recall()));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static List<Sample> load() throws IOException {
    List<Sample> samples = new ArrayList<>();
    try (InputStream in =
        ScrubRecallPrecisionTest.class.getResourceAsStream("/scrub/labelled-opinions.tsv")) {
      assertNotNull(in, "labelled sample on the test classpath");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line = reader.readLine(); // header
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        samples.add(new Sample(cols[0], cols[1], gold(cols[1], cols.length > 2 ? cols[2] : "")));
      }
    }
    return samples;
  }

  /** Each label value is located (every occurrence) in the text. */
  private static List<Match> gold(String text, String labels) {
    List<Match> gold = new ArrayList<>();
    if (labels.isBlank()) {
      return gold;
    }
    for (String label : labels.split("\\|")) {
      int eq = label.indexOf('=');
      PiiKind kind = kindOfLabel(label.substring(0, eq));
      String value = label.substring(eq + 1);
      int from = 0;
      int idx;
      boolean any = false;
      while ((idx = text.indexOf(value, from)) >= 0) {
        Match m = new Match(kind, idx, idx + value.length(), value);
        if (!gold.contains(m)) {
          gold.add(m);
        }
        any = true;
        from = idx + value.length();
      }
      assertTrue(any, "label value '" + value + "' not in text: " + text);
    }
    return gold;
  }

  /** Label keys are the tags without brackets: PHONE, NAME, MYNUMBER, CARD, ... */
  private static PiiKind kindOfLabel(String key) {
    for (PiiKind k : PiiKind.values()) {
      if (k.tag().equals("[" + key.trim() + "]")) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown label kind " + key);
  }
}

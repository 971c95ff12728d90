package io.appianon.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.release.Json;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import io.appianon.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribute weights in a dataset policy (issue 22 item 4), through the real command line with the
 * shipped application.conf: {@code plan} prints them next to the max-levels, bad ones are refused
 * before any data is read (exit 2, naming file and key), and a weight decides which
 * quasi-identifier the search generalizes, read back from the published Parquet and report.json.
 *
 * <p>The data: 8 panel members, each (area, band) unique as collected. Generalizing either one
 * level gives k=2: area to N/S (2 of its 4 values per group, loss 1/3 per record) or band to
 * decades (2 of its 6 values, loss 1/5). Unweighted the search groups band; band weighted 2 makes
 * that cost 2 x 0.2 / 3 against 1/3 / 3 for area.
 */
class AttributeWeightsTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.get();
  private final CliContext ctx = new CliContext(Clock.systemUTC(), Map.of(), Optional.of(spark));

  /**
   * Writes the data, the two hierarchies and a policy whose band quasi-identifier has {@code
   * bandKeys} added.
   */
  private Path policy(String bandKeys, String objective) throws IOException {
    Path h = Files.createDirectories(tmp.resolve("hierarchies"));
    Files.writeString(
        h.resolve("area.csv"), "a1;N;*\na2;N;*\na3;S;*\na4;S;*\n", StandardCharsets.UTF_8);
    StringBuilder bands = new StringBuilder();
    for (int v = 20; v <= 45; v += 5) {
      bands
          .append("b")
          .append(v)
          .append(';')
          .append(v / 10 * 10)
          .append('-')
          .append(v / 10 * 10 + 9)
          .append(";*\n");
    }
    Files.writeString(h.resolve("band.csv"), bands.toString(), StandardCharsets.UTF_8);
    Path csv = tmp.resolve("panel.csv");
    Files.writeString(
        csv,
        "area,band\na1,b20\na2,b20\na1,b25\na2,b25\na3,b30\na4,b30\na3,b35\na4,b35\n",
        StandardCharsets.UTF_8);
    Path p = tmp.resolve("panel.conf");
    Files.writeString(
        p,
        """
        dataset {
          name = panel
          title { ja = "パネル調査", en = "Panel survey" }
          input { path = %s, format = csv, header = true }
          columns = [
            { name = area, role = quasi-identifier, category { ja = "地域", en = "Area" } }
            { name = band, role = quasi-identifier, category { ja = "年齢区分", en = "Age band" } }
          ]
          privacy {
            k = 2
            max-suppression = 0
            objective = %s
            quasi-identifiers = [
              { column = area, hierarchy = area }
              { column = band, hierarchy = band, max-level = 1 %s }
            ]
          }
        }
        """
            .formatted(Fixture.quote(csv), objective, bandKeys),
        StandardCharsets.UTF_8);
    return p;
  }

  private List<String> args(String command, Path policy) {
    List<String> a =
        new ArrayList<>(
            List.of(
                command,
                "--config",
                TestProject.root().resolve("conf/application.conf").toString()));
    for (Map.Entry<String, Object> e : TestProject.overrides(tmp).entrySet()) {
      if (!e.getKey().equals("appianon.datasets")
          && !e.getKey().equals("appianon.hierarchies.dir")
          && !e.getKey().startsWith("appianon.inputs.")) {
        a.add("--set");
        a.add(e.getKey() + "=" + e.getValue());
      }
    }
    a.addAll(
        List.of(
            "--set",
            "appianon.hierarchies.dir=" + tmp.resolve("hierarchies"),
            "--set",
            "appianon.datasets=[\"" + policy + "\"]"));
    return a;
  }

  private Cli.Result run(String command, Path policy, String... more) {
    List<String> a = args(command, policy);
    a.addAll(List.of(more));
    return Cli.run(ctx, a.toArray(new String[0]));
  }

  private Set<String> published(String release, String column) {
    Set<String> values = new TreeSet<>();
    for (Row r :
        spark
            .read()
            .parquet(tmp.resolve("releases").resolve(release).resolve("panel").toString())
            .select(column)
            .collectAsList()) {
      values.add(r.getString(0));
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> search(String release) throws IOException {
    Map<String, Object> report =
        Json.read(tmp.resolve("releases").resolve(release).resolve("report.json"));
    return (Map<String, Object>)
        ((Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) report.get("datasets")).get("panel"))
                    .get("privacy"))
            .get("search");
  }

  @Test
  void aWeightKeepsItsAttributeAndTheOtherIsGeneralizedInThePublishedFiles() throws IOException {
    Cli.Result plain = run("anonymize", policy("", "loss"), "--release-id", "plain");
    assertEquals(ExitCode.OK.code(), plain.code(), plain.err());
    assertEquals(
        Set.of("a1", "a2", "a3", "a4"),
        published("plain", "area"),
        "unweighted: area as collected");
    assertEquals(Set.of("20-29", "30-39"), published("plain", "band"), "and band in decades");
    assertEquals(Map.of("area", 0, "band", 1), search("plain").get("levels"));
    assertEquals(Map.of("area", 1.0, "band", 1.0), search("plain").get("weights"));

    Cli.Result weighted =
        run("anonymize", policy(", weight = 2", "loss"), "--release-id", "weighted");
    assertEquals(ExitCode.OK.code(), weighted.code(), weighted.err());
    assertEquals(
        Set.of("N", "S"), published("weighted", "area"), "band weighted 2: area is grouped");
    assertEquals(
        Set.of("b20", "b25", "b30", "b35"),
        published("weighted", "band"),
        "and band kept as collected");
    Map<String, Object> s = search("weighted");
    assertEquals(Map.of("area", 1, "band", 0), s.get("levels"));
    assertEquals(
        Map.of("area", 1.0, "band", 2.0), s.get("weights"), "report.json records the weights used");
    assertEquals((1.0 / 3) / 3, ((Number) s.get("objective_value")).doubleValue(), 1e-9);
  }

  @Test
  void planPrintsTheWeightNextToTheMaxLevel() throws IOException {
    Cli.Result r = run("plan", policy(", weight = 2.5", "loss"));
    assertEquals(ExitCode.OK.code(), r.code(), r.err());
    assertTrue(r.out().contains("privacy: k=2, max suppression 0.0, objective loss"), r.out());
    assertTrue(
        r.out()
            .contains(
                "quasi-identifier band: hierarchy band, level searched, at most level 1, weight 2.5"),
        r.out());
    assertTrue(
        r.out().contains("quasi-identifier area: hierarchy area, level searched\n"),
        "no weight, no mention");
  }

  @Test
  void badWeightsAreRefusedBeforeAnyDataIsReadNamingFileAndKey() throws IOException {
    String key = "dataset.privacy.quasi-identifiers[1].weight";
    for (String[] c :
        new String[][] {
          {", weight = 0", "loss", "invalid value 0.0 (must be a number > 0 and at most 1000"},
          {", weight = -1", "loss", "invalid value -1.0"},
          {", weight = 5000", "loss", "invalid value 5000.0"},
          {", weight = high", "loss", "must be a number"},
          {
            ", weight = 2",
            "discernibility",
            "objective discernibility measures equivalence classes, not attributes"
          },
          {
            ", weight = 2",
            "average-class-size-arx",
            "remove the weight or choose one of those objectives"
          }
        }) {
      Path p = policy(c[0], c[1]);
      for (String command : List.of("plan", "anonymize")) {
        Cli.Result r =
            command.equals("plan") ? run(command, p) : run(command, p, "--release-id", "bad");
        String what = command + " with" + c[0] + ", objective " + c[1] + ": " + r.err();
        assertEquals(ExitCode.CONFIG.code(), r.code(), what);
        assertTrue(
            r.err().contains(p.toString()) && r.err().contains(key) && r.err().contains(c[2]),
            what);
      }
    }
    assertTrue(!Files.exists(tmp.resolve("releases/bad")), "nothing written");
    // weight 1 is the default, so it is allowed with any objective
    assertEquals(ExitCode.OK.code(), run("plan", policy(", weight = 1", "discernibility")).code());
  }
}

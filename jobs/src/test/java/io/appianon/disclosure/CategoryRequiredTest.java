package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every published column must have a category for the public manifest (APPI Art. 43(3)); see Plan.
 */
class CategoryRequiredTest {
  @Test
  void publishedColumnWithoutCategoryFailsPlanAnnounceAndReleaseBeforeAnythingIsWritten(
      @TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    Path policy = fx.policies.resolve("survey-A.conf");
    String text = Files.readString(policy);
    String withCategory =
        "{ name = sex, role = quasi-identifier, category { ja = \"性別\", en = \"Sex\" } }";
    assertTrue(text.contains(withCategory));
    Files.writeString(
        policy, text.replace(withCategory, "{ name = sex, role = quasi-identifier }"));
    Path conf = fx.config("app", "A");
    CliContext ctx = new CliContext(Clock.systemUTC(), Map.of(), Optional.empty());

    for (String command : new String[] {"plan", "announce", "anonymize"}) {
      Cli.Result r = Cli.run(ctx, command, "--config", conf.toString());
      assertEquals(ExitCode.CONFIG.code(), r.code(), command + ": " + r.err());
      assertTrue(r.err().contains("published column 'sex' has no category"), r.err());
      assertTrue(r.err().contains(policy.toString()), "names the policy file: " + r.err());
    }
    assertFalse(Files.exists(fx.output.resolve(DisclosureHistory.DIR)), "nothing announced");
    assertFalse(Files.exists(fx.quarantine));
  }
}

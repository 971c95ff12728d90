package io.appianon.cli;

import io.appianon.generate.SampleDataGenerator;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appi-anon generate}: synthetic survey and purchase CSVs of any size (no Spark, no configuration). */
@Command(name = "generate", separator = " ",
    description = {"Writes synthetic survey and purchase CSVs of any size.",
        "Writes DIR/survey.csv and DIR/purchases.csv, with a few deliberately bad rows unless --no-bad-rows. The same"
            + " seed gives the same bytes. Needs no configuration and no Spark."})
final class GenerateCommand implements Callable<Integer> {
  private final Main.Env env;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
  Path out;

  @Option(names = "--members", paramLabel = "N", description = "survey rows = members (default ${DEFAULT-VALUE})")
  int members = SampleDataGenerator.BUNDLED_MEMBERS;

  @Option(names = "--purchases", paramLabel = "N", description = "purchase rows (default ${DEFAULT-VALUE})")
  long purchases = SampleDataGenerator.BUNDLED_PURCHASES;

  @Option(names = "--seed", paramLabel = "S", description = "random seed (default ${DEFAULT-VALUE})")
  long seed = SampleDataGenerator.BUNDLED_SEED;

  @Option(names = "--no-bad-rows", description = "omit the deliberately bad rows")
  boolean noBadRows;

  @Option(names = "--encoding", paramLabel = "NAME", description = "CSV encoding, e.g. Shift_JIS (default UTF-8)")
  Charset encoding = java.nio.charset.StandardCharsets.UTF_8;

  @Option(names = "--labelled-opinions", paramLabel = "N",
      description = "also write DIR/labelled-opinions.tsv with N opinions")
  int labelled;

  @Option(names = "--hierarchies", description = "also write DIR/hierarchies/*.csv")
  boolean hierarchies;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  GenerateCommand(Main.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    SampleDataGenerator.write(new SampleDataGenerator.Options(members, purchases, seed, !noBadRows, encoding), out,
        labelled, hierarchies, env.out());
    return ExitCode.OK.code();
  }
}

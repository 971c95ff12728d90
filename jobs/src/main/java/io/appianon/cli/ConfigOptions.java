package io.appianon.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.appianon.core.PolicyException;
import io.appianon.job.JobConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of every command that reads the job configuration: --config, --output and --set. */
final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "job configuration (default conf/application.conf)")
  Path config = Path.of("conf/application.conf");

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "release output root (appianon.release.output)")
  String output;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "override a key of the job configuration,"
              + " appianon.* (repeatable; an unknown key fails), e.g. --set appianon.inputs.survey=/data/survey.csv."
              + " Policy keys (dataset.*) are set in the policy files")
  List<String> sets = new ArrayList<>();

  /**
   * The job configuration with the command line's overrides ({@code extra}: options of the command
   * itself).
   */
  JobConfig load(Map<String, Object> extra) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (String kv : sets) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new Main.UsageException("--set needs KEY=VALUE, got '" + kv + "'");
      }
      String key = kv.substring(0, eq);
      String val = kv.substring(eq + 1);
      if (!key.startsWith("appianon.")) {
        throw new PolicyException(
            "--set",
            key,
            "unknown key: --set overrides keys of the job configuration"
                + " (appianon.*). Policy settings (dataset.*) are not overridable on the command line: edit a copy"
                + " of the policy file and point the job at it, e.g. --set appianon.datasets=[\"my-survey.conf\","
                + "\"conf/policies/purchases.conf\"]");
      }
      // Lists and objects in HOCON syntax (e.g. --set appianon.datasets=["a.conf","b.conf"]); else
      // a string.
      overrides.put(
          key,
          val.startsWith("[") || val.startsWith("{")
              ? ConfigFactory.parseString("v = " + val).getValue("v").unwrapped()
              : val);
    }
    if (output != null) {
      overrides.put("appianon.release.output", output);
    }
    overrides.putAll(extra);
    Config over = ConfigFactory.parseMap(overrides, "command line");
    return JobConfig.load(config, over);
  }
}

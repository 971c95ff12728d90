package io.appianon;

import com.typesafe.config.ConfigFactory;
import io.appianon.job.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's real files (conf/, sample-data/) and a job configuration pointed at temporary
 * output folders.
 */
public final class TestProject {
  private TestProject() {}

  public static Path root() {
    String p = System.getProperty("test.project.dir");
    Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("conf"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("project root (with conf/) not found");
    }
    return dir.toAbsolutePath().normalize();
  }

  public static Path sampleData() {
    return root().resolve("sample-data");
  }

  /** The real conf/application.conf with every path made absolute and outputs under {@code tmp}. */
  public static Map<String, Object> overrides(Path tmp) {
    Path root = root();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("appianon.release.output", tmp.resolve("releases").toString());
    o.put("appianon.release.compression", "none");
    o.put("appianon.quarantine.dir", tmp.resolve("quarantine").toString());
    o.put("appianon.method-store.dir", tmp.resolve("method-store").toString());
    o.put("appianon.hierarchies.dir", root.resolve("sample-data/hierarchies").toString());
    o.put(
        "appianon.datasets",
        List.of(
            root.resolve("conf/policies/survey.conf").toString(),
            root.resolve("conf/policies/purchases.conf").toString()));
    o.put("appianon.inputs.survey", root.resolve("sample-data/survey.csv").toString());
    o.put("appianon.inputs.purchases", root.resolve("sample-data/purchases.csv").toString());
    return o;
  }

  public static JobConfig config(Path tmp, Map<String, Object> extra) {
    Map<String, Object> o = overrides(tmp);
    o.putAll(extra);
    return JobConfig.load(root().resolve("conf/application.conf"), ConfigFactory.parseMap(o));
  }
}

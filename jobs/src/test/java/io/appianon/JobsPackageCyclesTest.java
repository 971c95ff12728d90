package io.appianon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.job.AnonymizeJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No package of jobs depends on one that depends back on it (transforms' PackageCyclesTest checks
 * its own).
 */
class JobsPackageCyclesTest {

  @Test
  void noPackageOfJobsDependsOnOneThatDependsOnIt() {
    Path classes = PackageGraph.classesOf(AnonymizeJob.class);
    PackageGraph graph = PackageGraph.read(classes, "io.appianon");
    Map<String, Set<String>> deps = graph.dependencies();
    assertTrue(
        deps.keySet()
            .containsAll(
                List.of(
                    "io.appianon.cli",
                    "io.appianon.disclosure",
                    "io.appianon.job",
                    "io.appianon.release",
                    "io.appianon.report")),
        "read the packages of " + classes + ": " + deps.keySet());
    assertTrue(deps.get("io.appianon.job").contains("io.appianon.disclosure"), deps.toString());
    assertEquals(List.of(), graph.cycles(), "package cycles in " + classes);
  }
}

package io.appianon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.pipeline.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No package of transforms depends on one that depends back on it (the jobs module has the same
 * test).
 */
class PackageCyclesTest {

  @Test
  void noPackageOfTransformsDependsOnOneThatDependsOnIt() {
    Path classes = PackageGraph.classesOf(Plan.class);
    PackageGraph graph = PackageGraph.read(classes, "io.appianon");
    Map<String, Set<String>> deps = graph.dependencies();
    assertTrue(
        deps.keySet()
            .containsAll(
                List.of(
                    "io.appianon.core",
                    "io.appianon.policy",
                    "io.appianon.pipeline",
                    "io.appianon.privacy",
                    "io.appianon.technique")),
        "read the packages of " + classes + ": " + deps.keySet());
    assertTrue(deps.get("io.appianon.pipeline").contains("io.appianon.policy"), deps.toString());
    assertEquals(List.of(), graph.cycles(), "package cycles in " + classes);
    assertEquals(Set.of(), deps.get("io.appianon.core"), "core is the leaf every package may use");
  }

  @Test
  void aCycleIsFoundAndNamedWithTheClassesThatMakeIt(@TempDir Path dir) throws IOException {
    // x.a -> x.b -> x.a through a field and a method signature; x.c -> x.a is no cycle
    write(dir, "x/a/A.java", "package x.a; public class A { x.b.B b; }");
    write(
        dir,
        "x/b/B.java",
        "package x.b; public class B { public java.util.List<x.a.A> all() { return null; } }");
    write(dir, "x/c/C.java", "package x.c; public class C { Object o = new x.a.A(); }");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(
        0,
        javac.run(
            null,
            null,
            null,
            "-d",
            dir.resolve("out").toString(),
            dir.resolve("x/a/A.java").toString(),
            dir.resolve("x/b/B.java").toString(),
            dir.resolve("x/c/C.java").toString()));
    PackageGraph graph = PackageGraph.read(dir.resolve("out"), "x");
    assertEquals(
        List.of("x.a -> x.b -> x.a [x.a -> x.b: A uses B; x.b -> x.a: B uses A]"), graph.cycles());
    assertEquals(Set.of("x.a"), graph.dependencies().get("x.c"));
  }

  private static void write(Path dir, String file, String source) throws IOException {
    Path f = dir.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, source);
  }
}

package io.appianon.release;

import io.appianon.hierarchy.Hierarchy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The processing-method information of a release (加工方法等情報, APPI Art. 43(2), PPC Rule 35): policies, hierarchies
 * and chosen parameters, kept apart from the release in an owner-only folder. It never holds the pseudonym secret or
 * any ID mapping unless the policy opts in to keeping the secret (GL 3-2-3-1: destroy them after creation).
 */
public final class MethodStore {
  private final Path root;

  public MethodStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Writes the method information of one release; replaces an earlier store for the same id. */
  public Path write(String releaseId, Map<String, Path> policies, Map<Path, Hierarchy> hierarchies,
      Map<String, Object> parameters) throws IOException {
    OwnerOnly.createDirectories(root);
    Path dir = root.resolve(releaseId);
    ReleaseStore.deleteTree(dir);
    OwnerOnly.createDirectories(dir);
    Path pol = OwnerOnly.createDirectories(dir.resolve("policies"));
    for (Map.Entry<String, Path> e : policies.entrySet()) {
      Path target = pol.resolve(e.getKey() + ".conf");
      Files.copy(e.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
      OwnerOnly.restrict(target);
    }
    Path hier = OwnerOnly.createDirectories(dir.resolve("hierarchies"));
    for (Path h : hierarchies.keySet()) {
      Path target = hier.resolve(h.getFileName().toString());
      Files.copy(h, target, StandardCopyOption.REPLACE_EXISTING);
      OwnerOnly.restrict(target);
    }
    Path params = dir.resolve("parameters.json");
    Files.writeString(params, Json.write(parameters) + "\n", StandardCharsets.UTF_8);
    OwnerOnly.restrict(params);
    return dir;
  }
}

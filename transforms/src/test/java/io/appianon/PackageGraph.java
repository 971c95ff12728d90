package io.appianon;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependencies between the packages of compiled classes, read from the class files' constant
 * pools (every class a class refers to: in code, field and method types, generic signatures,
 * annotations; constants the compiler inlines leave no trace, imports that are never used neither).
 * Used by the tests that keep the packages free of cycles.
 */
public final class PackageGraph {
  private static final Pattern DESCRIPTOR = Pattern.compile("L([A-Za-z0-9_/$]+)[;<]");

  /** package -> package it depends on -> "Class uses Class" examples. */
  private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

  private PackageGraph() {}

  /**
   * The folder of compiled classes (or jar) the class was loaded from: {@code target/classes} in a
   * build.
   */
  public static Path classesOf(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The graph of the packages under {@code prefix} (e.g. {@code io.appianon}) of the classes in
   * {@code dir}.
   */
  public static PackageGraph read(Path dir, String prefix) {
    PackageGraph g = new PackageGraph();
    String internalPrefix = prefix.replace('.', '/') + "/";
    Map<String, Set<String>> refsByClass = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          ClassRefs refs = ClassRefs.read(in);
          if (refs.name.startsWith(internalPrefix)) {
            refsByClass.computeIfAbsent(refs.name, x -> new TreeSet<>()).addAll(refs.referenced);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> known = new TreeSet<>();
    refsByClass.keySet().forEach(c -> known.add(packageOf(c)));
    known.forEach(p -> g.edges.put(p, new TreeMap<>()));
    refsByClass.forEach(
        (cls, refs) -> {
          String from = packageOf(cls);
          for (String r : refs) {
            String to = packageOf(r);
            if (!to.equals(from) && known.contains(to)) {
              g.edges
                  .get(from)
                  .computeIfAbsent(to, x -> new TreeSet<>())
                  .add(simpleName(cls) + " uses " + simpleName(r));
            }
          }
        });
    return g;
  }

  /** The packages each package depends on. */
  public Map<String, Set<String>> dependencies() {
    Map<String, Set<String>> out = new TreeMap<>();
    edges.forEach((p, to) -> out.put(p, new TreeSet<>(to.keySet())));
    return out;
  }

  /**
   * Every package cycle, one per group of packages that reach each other, written as a shortest
   * round trip through the group with the classes that make each step: {@code a -> b -> a (a -> b:
   * A uses B; b -> a: B uses A)}.
   */
  public List<String> cycles() {
    List<String> out = new ArrayList<>();
    for (List<String> group : stronglyConnected()) {
      List<String> path = shortestRoundTrip(group.get(0), Set.copyOf(group));
      StringBuilder sb = new StringBuilder(String.join(" -> ", path));
      if (group.size() > path.size() - 1) {
        sb.append(" (and ")
            .append(group.size() - path.size() + 1)
            .append(" more packages in the tangle: ")
            .append(String.join(", ", group))
            .append(")");
      }
      List<String> steps = new ArrayList<>();
      for (int i = 0; i + 1 < path.size(); i++) {
        List<String> why = List.copyOf(edges.get(path.get(i)).get(path.get(i + 1)));
        steps.add(
            path.get(i)
                + " -> "
                + path.get(i + 1)
                + ": "
                + String.join(", ", why.subList(0, Math.min(3, why.size())))
                + (why.size() > 3 ? ", ..." : ""));
      }
      out.add(sb.append(" [").append(String.join("; ", steps)).append("]").toString());
    }
    return out;
  }

  private List<List<String>> stronglyConnected() {
    // Tarjan's algorithm; groups of more than one package are the cycles
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> groups = new ArrayList<>();
    for (String p : edges.keySet()) {
      if (!index.containsKey(p)) {
        connect(p, index, low, stack, onStack, groups);
      }
    }
    return groups;
  }

  private void connect(
      String v,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> groups) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : edges.get(v).keySet()) {
      if (!index.containsKey(w)) {
        connect(w, index, low, stack, onStack, groups);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> group = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        group.add(w);
      } while (!w.equals(v));
      if (group.size() > 1) {
        group.sort(null);
        groups.add(group);
      }
    }
  }

  private List<String> shortestRoundTrip(String start, Set<String> group) {
    Map<String, String> previous = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : edges.get(v).keySet()) {
        if (w.equals(start)) {
          List<String> path = new ArrayList<>(List.of(start));
          for (String x = v; !x.equals(start); x = previous.get(x)) {
            path.add(1, x);
          }
          path.add(start);
          return path;
        }
        if (group.contains(w) && !previous.containsKey(w) && !w.equals(start)) {
          previous.put(w, v);
          queue.add(w);
        }
      }
    }
    throw new IllegalStateException("no round trip from " + start);
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
  }

  private static String simpleName(String internalName) {
    return internalName.substring(internalName.lastIndexOf('/') + 1);
  }

  /** The class a class file defines and the classes its constant pool names. */
  private record ClassRefs(String name, Set<String> referenced) {

    static ClassRefs read(InputStream raw) throws IOException {
      DataInputStream in = new DataInputStream(raw);
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort(); // minor
      in.readUnsignedShort(); // major
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNameIndex = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classNameIndex[i] = in.readUnsignedShort();
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 15 -> in.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
          case 5, 6 -> {
            in.skipBytes(8);
            i++; // a long or double takes two entries
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      in.readUnsignedShort(); // access flags
      String self = utf8[classNameIndex[in.readUnsignedShort()]];
      Set<String> refs = new TreeSet<>();
      for (int i = 1; i < count; i++) {
        if (classNameIndex[i] != 0) {
          String n = utf8[classNameIndex[i]];
          Matcher array = DESCRIPTOR.matcher(n);
          refs.add(n.startsWith("[") ? (array.find() ? array.group(1) : n) : n);
        } else if (utf8[i] != null) {
          Matcher m = DESCRIPTOR.matcher(utf8[i]);
          while (m.find()) {
            refs.add(m.group(1));
          }
        }
      }
      refs.remove(self);
      Set<String> outer = new TreeSet<>();
      for (String r : refs) {
        outer.add(r.contains("$") ? r.substring(0, r.indexOf('$')) : r);
      }
      return new ClassRefs(self.contains("$") ? self.substring(0, self.indexOf('$')) : self, outer);
    }
  }
}

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.deidentifier.arx.ARXAnonymizer;
import org.deidentifier.arx.ARXConfiguration;
import org.deidentifier.arx.ARXResult;
import org.deidentifier.arx.AttributeType;
import org.deidentifier.arx.AttributeType.Hierarchy;
import org.deidentifier.arx.Data;
import org.deidentifier.arx.criteria.KAnonymity;
import org.deidentifier.arx.metric.Metric;

/**
 * ARX's side of scripts/bench-adult.sh --scale N: the same eight optimal searches as
 * io.appianon.privacy.AdultScaleBenchmark (ARX's loss and discernibility x k = 5N, 100N x 0 %, 5 %
 * suppression) on the same file and hierarchies, through ARX's public API, in one JVM. Compiled by
 * the script against ARX built from its public source (scripts/build-arx.sh); not part of the
 * project's build. Prints the same "phase" and "search" lines.
 */
public final class ArxAdultBench {
  private static final List<String> QIS =
      List.of("sex", "age", "race", "marital-status", "education", "native-country", "workclass",
          "occupation");

  public static void main(String[] args) throws Exception {
    File csv = new File(args[0]);
    File dir = new File(args[1]);
    int scale = Integer.parseInt(args[2]);
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    phase("jvm", System.currentTimeMillis() - jvmStart);
    long t = System.nanoTime();
    Data data = Data.create(csv, StandardCharsets.UTF_8, ';');
    for (String qi : QIS) {
      data.getDefinition().setAttributeType(qi,
          Hierarchy.create(new File(dir, "adult_hierarchy_" + qi + ".csv"), StandardCharsets.UTF_8, ';'));
    }
    data.getDefinition().setAttributeType("salary-class", AttributeType.INSENSITIVE_ATTRIBUTE);
    t = lap("read", t);
    ARXAnonymizer anonymizer = new ARXAnonymizer();
    long searches = t;
    for (String metric : List.of("LOSS", "DISCERNIBILITY")) {
      for (int k : new int[] {5 * scale, 100 * scale}) {
        for (double limit : new double[] {0.0, 0.05}) {
          long s = System.nanoTime();
          ARXConfiguration config = ARXConfiguration.create();
          config.addPrivacyModel(new KAnonymity(k));
          config.setSuppressionLimit(limit);
          config.setQualityModel(metric.equals("LOSS")
              ? Metric.createLossMetric()
              : Metric.createDiscernabilityMetric(false)); // DM, suppressed records cost |D| each, as the project's
          ARXResult result = anonymizer.anonymize(data, config);
          int[] levels = result.getGlobalOptimum().getTransformation();
          // the levels are in ARX's attribute order (sorted by name); put them in the QI order
          String[] names = result.getGlobalOptimum().getQuasiIdentifyingAttributes();
          int[] ordered = new int[QIS.size()];
          for (int i = 0; i < names.length; i++) {
            ordered[QIS.indexOf(names[i])] = levels[i];
          }
          System.out.printf(Locale.ROOT, "search %s k=%d suppression=%.0f%% levels=%s ms=%d%n",
              metric, k, 100 * limit, java.util.Arrays.toString(ordered),
              (System.nanoTime() - s) / 1_000_000);
          data.getHandle().release();
        }
      }
    }
    lap("searches", searches);
  }

  private static long lap(String name, long startNanos) {
    long now = System.nanoTime();
    phase(name, (now - startNanos) / 1_000_000);
    return now;
  }

  private static void phase(String name, long ms) {
    System.out.printf(Locale.ROOT, "phase %s %d%n", name, ms);
  }
}

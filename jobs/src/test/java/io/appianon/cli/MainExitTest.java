package io.appianon.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * main() exits the JVM with the exit code, except on success as the driver of a YARN cluster-mode
 * application.
 */
class MainExitTest {
  private static Properties props(String master, String deployMode) {
    Properties p = new Properties();
    if (master != null) {
      p.setProperty("spark.master", master);
    }
    if (deployMode != null) {
      p.setProperty("spark.submit.deployMode", deployMode);
    }
    return p;
  }

  @Test
  void exitsWithItsCodeWhenLaunchedByJavaOrSparkSubmitClientMode() {
    assertTrue(Main.exitsJvm(0, props(null, null)));
    assertTrue(Main.exitsJvm(0, props("spark://127.0.0.1:7077", "client")));
    assertTrue(Main.exitsJvm(0, props("yarn", "client")));
    assertTrue(
        Main.exitsJvm(
            0, props("k8s://https://api:443", "client"))); // the driver pod runs client mode
    assertTrue(Main.exitsJvm(4, props(null, null)));
  }

  @Test
  void returnsOnSuccessInYarnClusterModeButExitsOnFailure() {
    assertFalse(Main.exitsJvm(0, props("yarn", "cluster")));
    assertTrue(Main.exitsJvm(4, props("yarn", "cluster")));
  }
}

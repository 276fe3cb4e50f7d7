package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 (one master, one worker, each its own JVM, Spark from the build's
 * classpath laid out as a Spark home), the shaded application jar submitted with spark-submit, and the output
 * checked row by row. Runs after {@code package} (failsafe), since it needs the shaded jar.
 */
class StandaloneClusterIT {

    /** Process logs stay in target/ for a look after a failure. */
    private static final Path LOGS = Path.of("target", "cluster-it");

    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void stopCluster() {
        processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void sparkSubmitToAStandaloneClusterLabelsEveryRowOnce() throws Exception {
        Files.createDirectories(LOGS);
        List<String> sparkJars = Arrays.asList(Files.readString(Path.of(System.getProperty("autolabel.spark.classpath")))
                .strip().split(":"));
        Path sparkHome = sparkHome(sparkJars);
        String cp = String.join(":", sparkJars);
        int masterPort = freePort();
        String masterUrl = "spark://127.0.0.1:" + masterPort;
        start("master", sparkHome, cp, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
        awaitPort(masterPort);
        start("worker", sparkHome, cp, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--webui-port", String.valueOf(freePort()), "--cores", "2", "--memory", "2g",
                "--work-dir", tmp.resolve("work").toString(), masterUrl);

        LabelingScenario scenario = new LabelingScenario(8);
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (LabelingScenario.Image image : scenario.images()) {
            Files.createDirectories(data.resolve(image.key()).getParent());
            Files.write(data.resolve(image.key()), image.bytes());
        }
        for (Map.Entry<String, byte[]> extra : scenario.extraObjects().entrySet()) {
            Files.write(data.resolve(extra.getKey()), extra.getValue());
        }
        Path manifest = Files.writeString(tmp.resolve("manifest.jsonl"),
                scenario.manifestJsonl(key -> data.resolve(key).toString()));
        Path output = tmp.resolve("out");
        Path config = Files.writeString(tmp.resolve("run.conf"),
                LabelingScenario.localConfig(manifest.toString(), output.toString(), 3));

        Process submit = start("submit", sparkHome, cp, "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
                "--deploy-mode", "client", "--class", "dev.autolabel.spark.cli.AutolabelCli",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.extraJavaOptions=" + System.getProperty("autolabel.spark.opens"),
                System.getProperty("autolabel.app.jar"), "run", "--config", config.toString(), "--run-id", "cluster");
        assertTrue(submit.waitFor(6, TimeUnit.MINUTES), "spark-submit finished in time");
        assertEquals(0, submit.exitValue(), "spark-submit exit code; log: " + tail(LOGS.resolve("submit.log")));

        Path runDir = output.resolve("cluster");
        JsonNode runJson = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        System.out.println("cluster run: " + runJson.get("images") + " images in " + runJson.get("wall_seconds")
                + " s = " + runJson.get("images_per_second") + " images/s on " + runJson.path("spark"));
        assertEquals(masterUrl, runJson.path("spark").path("master").asText());
        assertTrue(runJson.path("spark").path("executors").asInt() >= 1, "ran on the cluster's executor");
        try (SparkSession reader = SparkSession.builder().master("local[1]").appName("read-back")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            List<Row> rows = reader.read().parquet(runDir + "/part-*.parquet").collectAsList();
            scenario.verify(rows, "cluster");
        }
    }

    private Process start(String name, Path sparkHome, String cp, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", cp));
        command.addAll(Arrays.asList(System.getProperty("autolabel.spark.opens").split(" ")));
        command.add("-Dspark.master.rest.enabled=false");
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** A Spark home whose jars/ folder holds the build's Spark classpath: what the worker gives its executors. */
    private Path sparkHome(List<String> jars) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("spark-home/jars"));
        for (String jar : jars) {
            Path source = Path.of(jar);
            Files.createSymbolicLink(dir.resolve(source.getFileName()), source);
        }
        return dir.getParent();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("Spark master did not open port " + port);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "(no log)";
        return text.substring(Math.max(0, text.length() - 4000));
    }
}

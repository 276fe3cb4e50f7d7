package dev.autolabel.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1 for integration tests: one master and N workers, each its own
 * JVM, Spark from the build's classpath laid out as a Spark home, and spark-submit of the shaded application
 * jar. Needs the system properties failsafe sets ({@code autolabel.spark.classpath}, {@code autolabel.app.jar},
 * {@code autolabel.spark.opens}). Process logs go to {@code target/cluster-it/<name>-*.log} for a look after a
 * failure. {@link #close()} kills every process it started and their children (the executors).
 */
final class LocalSparkCluster implements AutoCloseable {

    static final Path LOGS = Path.of("target", "cluster-it");

    private final String name;
    private final Path sparkHome;
    private final String classpath;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workerDirs = new ArrayList<>();
    private String masterUrl;

    private LocalSparkCluster(String name, Path workDir) throws IOException {
        this.name = name;
        Files.createDirectories(LOGS);
        List<String> jars = Arrays.asList(Files.readString(Path.of(System.getProperty("autolabel.spark.classpath")))
                .strip().split(":"));
        this.sparkHome = sparkHome(workDir, jars);
        this.classpath = String.join(":", jars);
    }

    /** Starts a master and {@code workers} workers of {@code cores} cores and {@code memory} each; returns once all registered. */
    static LocalSparkCluster start(String name, Path workDir, int workers, int cores, String memory) throws Exception {
        LocalSparkCluster cluster = new LocalSparkCluster(name, workDir);
        try {
            cluster.startAll(workDir, workers, cores, memory);
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(Path workDir, int workerCount, int cores, String memory) throws Exception {
        int masterPort = freePort();
        masterUrl = "spark://127.0.0.1:" + masterPort;
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
        awaitPort(masterPort);
        for (int i = 0; i < workerCount; i++) {
            workerDirs.add(Files.createDirectories(workDir.resolve("work-" + i)));
            workers.add(start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--webui-port", String.valueOf(freePort()), "--cores", String.valueOf(cores), "--memory", memory,
                    "--work-dir", workerDirs.get(i).toString(), masterUrl));
        }
        for (int i = 0; i < workerCount; i++) {
            awaitLog(log("worker-" + i), "Successfully registered with master", workers.get(i));
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /**
     * spark-submit (client mode) of the application jar to this cluster, with {@code args} for the CLI
     * (e.g. {@code run --config ...}); the driver log is {@code <name>-submit.log}.
     */
    Process submit(String executorMemory, String... args) throws IOException {
        List<String> submit = new ArrayList<>(List.of("--master", masterUrl, "--deploy-mode", "client",
                "--class", "dev.autolabel.spark.cli.AutolabelCli",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=" + executorMemory, "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.extraJavaOptions=" + System.getProperty("autolabel.spark.opens"),
                System.getProperty("autolabel.app.jar")));
        submit.addAll(Arrays.asList(args));
        return start("submit", "org.apache.spark.deploy.SparkSubmit", submit.toArray(String[]::new));
    }

    /** The executor JVMs ({@code CoarseGrainedExecutorBackend}) that worker {@code i} runs now. */
    List<ProcessHandle> executorsOf(int worker) {
        return workers.get(worker).descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    /** The stderr logs (Spark's INFO log) of every executor worker {@code i} has run, oldest first. */
    List<Path> executorLogs(int worker) throws IOException {
        try (Stream<Path> files = Files.walk(workerDirs.get(worker))) {
            return files.filter(f -> f.getFileName().toString().equals("stderr")).sorted().toList();
        }
    }

    Path log(String process) {
        return LOGS.resolve(name + "-" + process + ".log");
    }

    /** The last 4000 characters of a process log. */
    String tail(String process) throws IOException {
        Path log = log(process);
        String text = Files.exists(log) ? Files.readString(log) : "(no log)";
        return text.substring(Math.max(0, text.length() - 4000));
    }

    private Process start(String process, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classpath));
        command.addAll(Arrays.asList(System.getProperty("autolabel.spark.opens").split(" ")));
        command.add("-Dspark.master.rest.enabled=false");
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(process).toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process started = builder.start();
        processes.add(started);
        return started;
    }

    /** A Spark home whose jars/ folder holds the build's Spark classpath: what the workers give their executors. */
    private static Path sparkHome(Path workDir, List<String> jars) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("spark-home/jars"));
        for (String jar : jars) {
            Path source = Path.of(jar);
            Files.createSymbolicLink(dir.resolve(source.getFileName()), source);
        }
        return dir.getParent();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("Spark master did not open port " + port);
    }

    private static void awaitLog(Path log, String line, Process process) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(log + " never said '" + line + "'");
    }

    @Override
    public void close() {
        processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        processes.forEach(Process::destroyForcibly);
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

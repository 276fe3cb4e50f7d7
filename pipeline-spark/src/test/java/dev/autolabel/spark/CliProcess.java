package dev.autolabel.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code autolabel} in a JVM of its own, as a user's console shows it: the launcher's log configuration
 * (conf/log4j2-local.properties: Spark at WARN) and a 1 GiB heap; stdout and stderr together in a log file.
 */
public final class CliProcess {

    /** Exit code and everything the console showed. */
    public record Result(int exitCode, String console) {

        /** Console lines that are part of a stack trace. */
        public List<String> traceLines() {
            return console.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")
                    || l.contains("Exception in thread")).toList();
        }

        /** Console lines starting with "error:". */
        public List<String> errorLines() {
            return console.lines().filter(l -> l.startsWith("error:")).toList();
        }
    }

    private CliProcess() {
    }

    /** Runs {@code autolabel ARGS} with a time limit; the console goes to {@code target/cluster-it/cli-NAME.log}. */
    public static Result run(String name, String... args) throws IOException, InterruptedException {
        Files.createDirectories(LocalSparkCluster.LOGS);
        Path log = LocalSparkCluster.LOGS.resolve("cli-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dlog4j2.configurationFile=" + Path.of("..", "conf", "log4j2-local.properties").toAbsolutePath()));
        command.addAll(sparkOpens());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.autolabel.spark.cli.AutolabelCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("autolabel " + String.join(" ", args) + " did not end within 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    /** The JVM flags Spark needs: as failsafe passes them, else the list in this module's pom. */
    static List<String> sparkOpens() throws IOException {
        String opens = System.getProperty("autolabel.spark.opens");
        if (opens == null || opens.isBlank()) {
            Matcher m = Pattern.compile("<spark.java.opens>(.*?)</spark.java.opens>", Pattern.DOTALL)
                    .matcher(Files.readString(Path.of("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException("no spark.java.opens in pom.xml");
            }
            opens = m.group(1);
        }
        return Arrays.asList(opens.trim().split("\\s+"));
    }
}

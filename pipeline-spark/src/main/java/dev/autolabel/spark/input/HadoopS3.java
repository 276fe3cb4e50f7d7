package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;

import dev.autolabel.storage.S3Settings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Lets Spark's own readers (manifests, parent runs) reach the same S3 store as the rest of the run: the project's
 * storage settings (endpoint, path-style, region, static credentials or the default provider chain, attempts and
 * timeouts) as Hadoop s3a settings, with {@code s3://} URIs served by s3a. Spark redacts the secret in its UI.
 */
public final class HadoopS3 {

    private static final String S3A = "org.apache.hadoop.fs.s3a.S3AFileSystem";
    private static final String SIMPLE_CREDENTIALS = "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider";
    private static final Object LOCK = new Object();
    private static Map<String, String> lastApplied;

    private HadoopS3() {
    }

    /** The s3a settings for {@code s3}: what {@link #apply} sets. */
    static Map<String, String> settings(S3Settings s3) {
        requireNonNull(s3, "s3");
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("fs.s3.impl", S3A);
        keys.put("fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
        keys.put("fs.s3a.endpoint.region", s3.region());
        keys.put("fs.s3a.path.style.access", Boolean.toString(s3.pathStyle()));
        s3.endpoint().ifPresent(endpoint -> {
            keys.put("fs.s3a.endpoint", endpoint.toString());
            keys.put("fs.s3a.connection.ssl.enabled", Boolean.toString("https".equalsIgnoreCase(endpoint.getScheme())));
        });
        if (s3.accessKeyId().isPresent() && s3.secretAccessKey().isPresent()) {
            keys.put("fs.s3a.aws.credentials.provider", SIMPLE_CREDENTIALS);
            keys.put("fs.s3a.access.key", s3.accessKeyId().get());
            keys.put("fs.s3a.secret.key", s3.secretAccessKey().get());
        }
        keys.put("fs.s3a.attempts.maximum", Integer.toString(s3.maxAttempts()));
        keys.put("fs.s3a.retry.limit", Integer.toString(s3.maxAttempts()));
        keys.put("fs.s3a.connection.request.timeout", s3.attemptTimeout().toMillis() + "ms");
        return keys;
    }

    /**
     * Sets the s3a settings on {@code conf}. Hadoop caches one file system per scheme and bucket for the JVM,
     * whatever its settings; when they differ from those applied last in this JVM (another endpoint or secret, as in
     * tests and long-lived drivers), the cached ones are closed so that the next access builds them anew.
     */
    public static void apply(Configuration conf, S3Settings s3) throws IOException {
        Map<String, String> keys = settings(s3);
        synchronized (LOCK) {
            keys.forEach(conf::set);
            if (s3.accessKeyId().isEmpty()) {
                for (String key : new String[] {"fs.s3a.aws.credentials.provider", "fs.s3a.access.key", "fs.s3a.secret.key"}) {
                    conf.unset(key);
                }
            }
            if (lastApplied != null && !lastApplied.equals(keys)) {
                FileSystem.closeAll();
            }
            lastApplied = keys;
        }
    }
}

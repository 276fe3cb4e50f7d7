package dev.autolabel.spark.export;

/** Image ids as file names: letters, digits, '.', '_' and '-' only, never hidden, never empty, at most 150 chars. */
final class SafeNames {

    private static final int MAX = 150;

    private SafeNames() {
    }

    static String of(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (safe.length() > MAX) {
            safe = safe.substring(0, MAX);
        }
        return safe.isEmpty() ? "_" : safe;
    }
}

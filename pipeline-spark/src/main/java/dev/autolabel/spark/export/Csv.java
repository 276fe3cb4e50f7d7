package dev.autolabel.spark.export;

/** RFC 4180 fields: quoted when they hold a comma, quote or line break. */
final class Csv {

    private Csv() {
    }

    static String field(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}

package dev.autolabel.spark.report;

import dev.autolabel.label.Source;
import java.util.Locale;

/** Escaping and number formatting for the report; every piece of run data goes through {@link #esc}. */
final class Html {

    /** Colour of each label source, the same in charts, legends and boxes drawn on thumbnails. */
    static final String PRECISE_COLOUR = "#1f6fd1";
    static final String OPEN_VOCAB_COLOUR = "#f08c00";
    static final String PREVIOUS_COLOUR = "#9aa5b1";
    static final String NEUTRAL_COLOUR = "#2e9e6e";
    static final String STAGE_COLOUR = "#7b4fd6";
    static final String FAILURE_COLOUR = "#d64545";

    private Html() {
    }

    static String colour(Source source) {
        return source == Source.PRECISE ? PRECISE_COLOUR : OPEN_VOCAB_COLOUR;
    }

    /** Text safe for element content and quoted attribute values. */
    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** At most {@code max} characters, with an ellipsis when cut (before escaping). */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String fixed(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    static String percent(double share) {
        return fixed(100 * share, 1) + "%";
    }

    static String seconds(double s) {
        return s >= 100 ? fixed(s, 0) + " s" : s >= 1 ? fixed(s, 1) + " s" : fixed(s * 1000, 1) + " ms";
    }
}

package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.Source;
import java.util.Comparator;

/** One class of one pass: what calibration gives its own threshold (pass 1 by class name, pass 2 by label). */
public record ClassKey(Source source, String label) implements Comparable<ClassKey> {

    private static final Comparator<ClassKey> ORDER = Comparator.comparing(ClassKey::source).thenComparing(ClassKey::label);

    public ClassKey {
        requireNonNull(source, "source");
        requireNonNull(label, "label");
    }

    /** "precise/circle", "open_vocab/star". */
    @Override
    public String toString() {
        return source.wireName() + "/" + label;
    }

    public static ClassKey parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a pass/class key: '" + text + "'");
        }
        return new ClassKey(Source.fromWireName(text.substring(0, slash)), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ClassKey other) {
        return ORDER.compare(this, other);
    }
}

package dev.autolabel.spark.export;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Per label, how many images carry it: the first pass of an export (memory bounded by the vocabulary). */
final class ClassCounts {

    private final Map<String, Long> imagesPerClass = new TreeMap<>();

    void add(LabeledImage image) {
        classesOf(image).forEach(c -> imagesPerClass.merge(c, 1L, Long::sum));
    }

    /** Adds the counts of another part of the run. */
    void addAll(ClassCounts other) {
        other.imagesPerClass.forEach((c, n) -> imagesPerClass.merge(c, n, Long::sum));
    }

    /** Labels sorted by name: the stable class order of COCO category ids and YOLO class ids. */
    List<String> sortedNames() {
        return List.copyOf(imagesPerClass.keySet());
    }

    Map<String, Long> imagesPerClass() {
        return Collections.unmodifiableMap(imagesPerClass);
    }

    static Set<String> classesOf(LabeledImage image) {
        Set<String> classes = new TreeSet<>();
        for (LabeledDetection d : image.detections()) {
            classes.add(d.label());
        }
        return classes;
    }
}

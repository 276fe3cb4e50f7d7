package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One listing request's worth of objects, in the store's key order (UTF-8 byte order on S3), from a given key on;
 * {@code truncated}: more objects follow the last one.
 */
public record ObjectPage(List<ListedObject> objects, boolean truncated) {

    public ObjectPage {
        objects = List.copyOf(requireNonNull(objects, "objects"));
    }
}

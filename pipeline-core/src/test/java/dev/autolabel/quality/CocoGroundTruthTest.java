package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading COCO ground truth and matching labels and output rows to it. */
class CocoGroundTruthTest {

    static final String COCO = """
            {"images": [{"id": 7, "file_name": "images/a.jpg", "width": 100, "height": 80},
                        {"id": 9, "file_name": "images/b.png", "width": 50, "height": 50}],
             "categories": [{"id": 1, "name": "circle"}, {"id": 3, "name": "Traffic Light"}],
             "annotations": [
               {"id": 1, "image_id": 7, "category_id": 1, "bbox": [10, 20, 30, 40], "area": 900.5, "iscrowd": 0},
               {"id": 2, "image_id": 9, "category_id": 3, "bbox": [0, 0, 5, 4], "iscrowd": 1}]}
            """;

    static CocoGroundTruth read(String json) throws IOException {
        return CocoGroundTruth.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void readsImagesCategoriesAndBoxesInCocoConventions() throws IOException {
        CocoGroundTruth truth = read(COCO);
        assertEquals(List.of(new CocoImage(7, "images/a.jpg", 100, 80), new CocoImage(9, "images/b.png", 50, 50)), truth.images());
        assertEquals(Map.of(1, "circle", 3, "Traffic Light"), truth.categories());
        assertEquals(Set.of(7L, 9L), truth.imageIds());
        assertEquals(new GroundTruthBox(7, 1, new CocoBox(10, 20, 30, 40), false, 900.5), truth.annotations().get(0),
                "bbox [x, y, w, h] is kept as given; so is the area (COCO's segmentation area)");
        assertEquals(new GroundTruthBox(9, 3, new CocoBox(0, 0, 5, 4), true, 20), truth.annotations().get(1),
                "area defaults to the box area; iscrowd 1 marks a crowd region");
    }

    @Test
    void labelsCountForTheCategoryOfTheSameNameExactlyElseIgnoringCase() throws IOException {
        CocoGroundTruth truth = read(COCO);
        assertEquals(Optional.of(1), truth.categoryOf("circle"));
        assertEquals(Optional.of(3), truth.categoryOf("traffic light"));
        assertEquals(Optional.empty(), truth.categoryOf("star"));
    }

    @Test
    void outputRowsMatchImagesByUriSuffixFileNameOrId() throws IOException {
        CocoGroundTruth truth = read(COCO);
        assertEquals(Optional.of(7L), truth.imageFor("x", "s3://bucket/set/images/a.jpg"), "URI ends with the file name");
        assertEquals(Optional.of(7L), truth.imageFor("x", "/elsewhere/a.jpg"), "same last segment");
        assertEquals(Optional.of(9L), truth.imageFor("b", "/nowhere/other.jpg"), "row id = file name without extension");
        assertEquals(Optional.of(9L), truth.imageFor("9", "/nowhere/other.jpg"), "row id = numeric image id");
        assertEquals(Optional.empty(), truth.imageFor("c", "/images/c.jpg"));
    }

    @Test
    void inconsistentFilesAreRefusedNamingTheProblem() {
        IOException dangling = assertThrows(IOException.class, () -> read(COCO.replace("\"image_id\": 9", "\"image_id\": 8")));
        assertTrue(dangling.getMessage().contains("test.json") && dangling.getMessage().contains("image 8"), dangling.getMessage());
        IOException noBox = assertThrows(IOException.class, () -> read(COCO.replace("\"bbox\": [0, 0, 5, 4], ", "")));
        assertTrue(noBox.getMessage().contains("bbox"), noBox.getMessage());
        IOException notCoco = assertThrows(IOException.class, () -> read("{\"images\": []}"));
        assertTrue(notCoco.getMessage().contains("annotations"), notCoco.getMessage());
        IOException twice = assertThrows(IOException.class, () -> read(COCO.replace("\"id\": 9,", "\"id\": 7,")));
        assertTrue(twice.getMessage().contains("image id 7"), twice.getMessage());
    }
}

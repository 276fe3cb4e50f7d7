package dev.autolabel.spark.report;

import static dev.autolabel.spark.report.Html.esc;
import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.LabelingException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gallery: thumbnails with their labels drawn, grouped by why they were picked. An image that cannot be
 * read any more (moved, deleted, unreadable) gets a placeholder with the reason; it never fails the report.
 */
final class GallerySection {

    private static final Logger LOG = LoggerFactory.getLogger(GallerySection.class);
    private static final int MAX_LISTED_LABELS = 8;

    private final Thumbnails thumbnails;

    GallerySection(Thumbnails thumbnails) {
        this.thumbnails = requireNonNull(thumbnails, "thumbnails");
    }

    void append(StringBuilder b, ReportData run) {
        b.append("<section id=\"gallery\"><h2>Gallery: what to review</h2><p class=\"legend muted\">Boxes are coloured")
                .append(" by source:").append(ReportRenderer.legend()).append("</p>");
        for (GalleryItem.Kind kind : GalleryItem.Kind.values()) {
            List<GalleryItem> items = run.gallery(kind);
            b.append("<h3>").append(esc(kind.title())).append(" <span class=\"muted\">(").append(items.size())
                    .append(")</span></h3>");
            if (items.isEmpty()) {
                b.append("<p class=\"muted\">None.</p>");
                continue;
            }
            b.append("<div class=\"gallery\">");
            items.forEach(item -> figure(b, item));
            b.append("</div>");
        }
        b.append("</section>");
    }

    private void figure(StringBuilder b, GalleryItem item) {
        LabeledImage image = item.image();
        b.append("<figure class=\"thumb\">").append(picture(image)).append("<figcaption><b>").append(esc(image.imageId()))
                .append("</b> &middot; ").append(esc(item.reason())).append("<div class=\"uri\">")
                .append(esc(Html.cut(image.uri(), 160))).append("</div><ul>");
        image.detections().stream().limit(MAX_LISTED_LABELS).forEach(d -> label(b, d));
        if (image.detections().size() > MAX_LISTED_LABELS) {
            b.append("<li>and ").append(image.detections().size() - MAX_LISTED_LABELS).append(" more</li>");
        }
        b.append("</ul></figcaption></figure>");
    }

    private String picture(LabeledImage image) {
        try {
            return "<img alt=\"" + esc(image.imageId()) + "\" src=\"" + thumbnails.dataUri(image) + "\">";
        } catch (LabelingException e) {
            return placeholder(e.code().name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Cannot draw the thumbnail of {}: {}", image.uri(), e.toString());
            return placeholder(e.toString());
        }
    }

    private static String placeholder(String why) {
        return "<div class=\"missing\">image unavailable<br>" + esc(Html.cut(why, 200)) + "</div>";
    }

    private static void label(StringBuilder b, LabeledDetection d) {
        b.append("<li><span class=\"dot\" style=\"background:").append(Html.colour(d.source())).append("\"></span>")
                .append(esc(d.label())).append(String.format(Locale.ROOT, " %.2f ", d.score()))
                .append("<span class=\"muted\">").append(d.source().wireName());
        d.prompt().ifPresent(p -> b.append(", prompt \u201c").append(esc(p)).append("\u201d"));
        d.fineLabel().ifPresent(f -> b.append(", fine label ").append(esc(f)));
        b.append("</span></li>");
    }
}

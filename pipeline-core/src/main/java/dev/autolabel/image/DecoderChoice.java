package dev.autolabel.image;

/** Which JPEG decoder a run asks for ({@code image.decoder}). Formats other than JPEG always go through ImageIO. */
public enum DecoderChoice {
    /** The fast path when its native library loads, else ImageIO with one log line. */
    AUTO,
    /** The fast path; a native library that does not load stops the run. */
    FAST,
    /** The JDK's ImageIO readers only. */
    IMAGEIO;

    public static DecoderChoice fromConfigName(String name) {
        return switch (name) {
            case "auto" -> AUTO;
            case "fast" -> FAST;
            case "imageio" -> IMAGEIO;
            default -> throw new IllegalArgumentException("unknown decoder '" + name + "' (expected auto, fast or imageio)");
        };
    }
}

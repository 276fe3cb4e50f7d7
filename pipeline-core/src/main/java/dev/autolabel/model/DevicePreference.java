package dev.autolabel.model;

/** Which execution provider a run asks for. AUTO uses CUDA when present and falls back to CPU. */
public enum DevicePreference {
    AUTO,
    CPU,
    CUDA;

    public static DevicePreference fromConfigName(String name) {
        return switch (name) {
            case "auto" -> AUTO;
            case "cpu" -> CPU;
            case "cuda" -> CUDA;
            default -> throw new IllegalArgumentException("unknown device '" + name + "' (expected auto, cpu or cuda)");
        };
    }
}

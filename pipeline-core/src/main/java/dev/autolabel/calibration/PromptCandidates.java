package dev.autolabel.calibration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.autolabel.model.Prompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidate prompts per class for {@code autolabel tune-prompts}, from a HOCON/JSON file of class name to a list whose
 * entries are one prompt text or a list of texts (an ensemble: one query, the texts' embeddings averaged):
 * <pre>
 * star = ["star", "yellow star", ["red star", "green star", "blue star", "yellow star"]]
 * "traffic light" = ["traffic light", ["traffic light", "traffic signal"]]
 * </pre>
 */
public final class PromptCandidates {

    private PromptCandidates() {
    }

    /** The candidates by class, as prompts labeled with the class, in file order. */
    public static Map<String, List<Prompt>> parse(String text, String source) {
        Config root;
        try {
            root = ConfigFactory.parseString(text);
        } catch (com.typesafe.config.ConfigException e) {
            throw new IllegalArgumentException("cannot parse candidates " + source + ": " + e.getMessage(), e);
        }
        Map<String, List<Prompt>> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : root.root().entrySet()) {
            String label = e.getKey();
            if (e.getValue().valueType() != ConfigValueType.LIST) {
                throw new IllegalArgumentException(source + ": candidates of '" + label + "' must be a list");
            }
            List<Prompt> prompts = new ArrayList<>();
            for (Object entry : (List<?>) e.getValue().unwrapped()) {
                if (entry instanceof String s && !s.isBlank()) {
                    prompts.add(new Prompt(label, s.strip()));
                } else if (entry instanceof List<?> texts && !texts.isEmpty()
                        && texts.stream().allMatch(t -> t instanceof String s && !s.isBlank())) {
                    prompts.add(new Prompt(label, texts.stream().map(t -> ((String) t).strip()).toList()));
                } else {
                    throw new IllegalArgumentException(source + ": a candidate of '" + label + "' must be a prompt text or a"
                            + " list of texts (an ensemble), got " + entry);
                }
            }
            if (prompts.isEmpty()) {
                throw new IllegalArgumentException(source + ": '" + label + "' has no candidates");
            }
            out.put(label, prompts);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + " lists no candidates");
        }
        return out;
    }
}

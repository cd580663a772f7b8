package dev.litestreamagent.config;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The Litestream config tree as SnakeYAML writes it, for the trees {@link BlockYaml} leaves to it. A class
 * of its own so that SnakeYAML is loaded only when one is dumped, not when {@link LitestreamYaml} is.
 */
final class SnakeYamlDump {
    private SnakeYamlDump() {
    }

    static String dump(Map<String, Object> root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        Representer representer = new Representer(options) {
            {
                this.representers.put(EnvEncoding.Quoted.class, data -> representScalar(Tag.STR,
                        ((EnvEncoding.Quoted) data).text, DumperOptions.ScalarStyle.DOUBLE_QUOTED));
            }
        };
        return new Yaml(representer, options).dump(root);
    }
}

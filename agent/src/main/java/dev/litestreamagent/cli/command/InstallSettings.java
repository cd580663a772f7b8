package dev.litestreamagent.cli.command;

import dev.litestreamagent.binary.BinarySettings;

/** For {@code install}: the binary settings of the configuration (version, mirror, sha256, cache directory). */
public interface InstallSettings {
    /** @throws IllegalArgumentException listing every configuration problem */
    BinarySettings.Builder binarySettings();
}

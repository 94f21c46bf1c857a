package io.github.allocbench.bench;

import io.github.allocbench.allocator.AllocatorName;
import io.github.allocbench.units.ConfigurationException;

import java.nio.file.Path;

/**
 * Every file a bench writes, resolved under its output directory and checked to stay there. Names that reach a path
 * come from the configuration (allocator names); a name that slipped past its own check must still not write
 * elsewhere, so the check is made on the resolved path itself.
 */
final class OutputPaths {

    private final Path root;

    OutputPaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * {@code relative} under the output directory.
     *
     * @throws ConfigurationException when the resolved path leaves the output directory
     */
    Path resolve(String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new ConfigurationException("The file name '" + relative + "' would be written to " + resolved
                    + ", outside the output directory " + root + ". Allocator names may only use "
                    + AllocatorName.ALLOWED + ".");
        }
        return resolved;
    }
}

package dev.fiveohtwo.cli;

import dev.fiveohtwo.inventory.InventoryException;
import dev.fiveohtwo.inventory.InventoryLoader;
import dev.fiveohtwo.inventory.InventorySource;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fiveohtwo inventory}: look at the inventory without checking anything. */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = "Validate the inventory.",
        subcommands = {InventoryCommand.Validate.class})
final class InventoryCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out, picocli.CommandLine.Help.Ansi.OFF);
    }

    /**
     * {@code inventory validate [--inventory F]}: every problem at once, those that stop every check (syntax, keys,
     * values, jumps) and the servers that alone cannot be checked (a key or known-hosts file that cannot be used).
     */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "List every problem of the inventory: structural ones, which stop every check, and servers whose "
                            + "key or known-hosts file cannot be used, which are reported unreachable while the others are checked.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:no problem", "1:at least one problem"})
    static final class Validate implements Callable<Integer> {
        @Option(
                names = "--inventory",
                paramLabel = "FILE",
                description = "inventory file (default: $FIVEOHTWO_INVENTORY, ./inventory.yml)")
        Path inventory;

        @Inject
        InventorySource inventories;

        @Override
        public Integer call() {
            InventoryLoader loader = new InventoryLoader();
            Optional<Path> file;
            try {
                file = inventories.file(Optional.ofNullable(inventory));
            } catch (InventoryException e) {
                System.out.println("✗ " + e.getMessage());
                return 1;
            }
            if (file.isEmpty()) {
                System.out.println(
                        "no inventory file (--inventory, FIVEOHTWO_INVENTORY, ./inventory.yml): the built-in localhost entry is used");
                return ExitCodes.OK;
            }
            List<String> problems = loader.validate(file.get());
            problems.forEach(p -> System.out.println("✗ " + p));
            if (problems.isEmpty()) {
                System.out.println(file.get() + " is valid ("
                        + loader.load(file.get()).servers().size() + " servers)");
                return ExitCodes.OK;
            }
            System.out.println(problems.size() + " problem(s)");
            return 1;
        }
    }
}

package dev.litestreamagent.examples.flywaytenants;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * A multi-tenant service that knows nothing of Litestream: at start it migrates one SQLite
 * database per tenant with plain Flyway (default settings), one after another, then takes orders.
 *
 * <pre>
 * java -jar flyway-tenants.jar [--tenants=3] [--dir=data] [--rows=5] [--seconds=N | --keep-running] [--interval-ms=100]
 * </pre>
 *
 * Prints, per tenant, {@code FRESH <tenant> <objects in sqlite_master>} before migrating (0 on a
 * new database), {@code MIGRATED <tenant> applied=<n> version=<v>} or {@code FAILED <tenant> <why>},
 * and {@code ACK <tenant> <id>} after each committed order. Exit 1 when a tenant failed to
 * migrate (after trying every tenant), 2 on a bad argument.
 */
public final class TenantsApp {
    private TenantsApp() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("flyway-tenants: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Files.createDirectories(options.dir());
        List<Tenant> tenants = new ArrayList<>();
        for (int i = 1; i <= options.tenants(); i++) {
            String name = String.format("tenant-%02d", i);
            tenants.add(new Tenant(name, options.dir().resolve(name + ".db")));
        }

        int failed = 0;
        for (Tenant tenant : tenants) {
            if (!migrate(tenant)) {
                failed++;
            }
        }
        if (failed > 0) {
            System.err.println("flyway-tenants: " + failed + " of " + tenants.size() + " tenants failed to migrate; no orders taken");
            System.exit(1);
        }
        long written = new OrderWriter(tenants, options).run();
        System.out.println("flyway-tenants: " + tenants.size() + " tenants migrated, " + written + " orders written");
    }

    /** A tenant that cannot be migrated is reported and the next one is tried, as a multi-tenant service would. */
    private static boolean migrate(Tenant tenant) throws Exception {
        System.out.println("FRESH " + tenant.name() + " " + tenant.schemaObjects());
        try {
            MigrateResult result = tenant.migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            System.out.println("MIGRATED " + tenant.name() + " applied=" + result.migrationsExecuted + " version=" + version);
            return true;
        } catch (FlywayException e) {
            System.out.println("FAILED " + tenant.name() + " " + firstLine(e) + rootCause(e));
            return false;
        }
    }

    private static String firstLine(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
    }

    /** Flyway's message names the failed script; the SQLite error that made it fail is at the end of the chain. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? "" : " (" + firstLine(root) + ")";
    }
}

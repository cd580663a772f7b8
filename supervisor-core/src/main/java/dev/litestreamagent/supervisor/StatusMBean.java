package dev.litestreamagent.supervisor;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a supervisor's {@link SupervisorStatus} as a {@link SupervisorMBean} in the platform MBean server. */
final class StatusMBean implements SupervisorMBean {
    private static final Logger LOG = LoggerFactory.getLogger(StatusMBean.class);

    private final Supplier<SupervisorStatus> status;
    private final String[] databases;
    private ObjectName registeredAs;

    StatusMBean(Supplier<SupervisorStatus> status, java.util.List<Path> databases) {
        this.status = status;
        this.databases = databases.stream().map(Path::toString).toArray(String[]::new);
    }

    static ObjectName objectName(String name) throws JMException {
        return new ObjectName("dev.litestreamagent:type=Supervisor,name=" + ObjectName.quote(name));
    }

    /** Registers; a name already taken is logged and skipped (status stays available through the API). */
    void register(String name) {
        try {
            ObjectName objectName = objectName(name);
            ManagementFactory.getPlatformMBeanServer()
                    .registerMBean(new StandardMBean(this, SupervisorMBean.class), objectName);
            registeredAs = objectName;
        } catch (JMException e) {
            LOG.warn("Cannot register the supervisor MBean for '{}': {}", name, e.toString());
        }
    }

    void unregister() {
        if (registeredAs == null) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(registeredAs);
        } catch (JMException e) {
            LOG.debug("MBean {} was already gone: {}", registeredAs, e.toString());
        }
        registeredAs = null;
    }

    @Override
    public String getName() {
        return status.get().name();
    }

    @Override
    public String getState() {
        return status.get().state().name();
    }

    @Override
    public long getPid() {
        return status.get().pid().orElse(-1);
    }

    @Override
    public int getRestartCount() {
        return status.get().restartCount();
    }

    @Override
    public int getResyncCount() {
        return status.get().resyncCount();
    }

    @Override
    public Integer getLastExitCode() {
        SupervisorStatus s = status.get();
        return s.lastExitCode().isPresent() ? s.lastExitCode().getAsInt() : null;
    }

    @Override
    public String getLastError() {
        return status.get().lastError().orElse(null);
    }

    @Override
    public String[] getLastOutputLines() {
        return status.get().lastOutputLines().toArray(new String[0]);
    }

    @Override
    public String[] getDatabases() {
        return databases.clone();
    }
}

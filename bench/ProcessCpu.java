import java.lang.management.ManagementFactory;

/** CPU time of this whole process, for the load generators to report what they took of the cores. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    static long nanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

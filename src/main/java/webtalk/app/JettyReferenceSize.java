package webtalk.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells Jetty how many object references fit in a cache line before it asks for itself. Jetty
 * (MemoryUtils, for the padding of its pools' counters) finds out whether references are
 * compressed by starting the platform MBean server and calling the HotSpot diagnostic bean
 * through it; that server registers every platform bean (the flight recorder's, the diagnostic
 * commands'), 160 classes and 75 ms of one core at every start, for one flag that the diagnostic
 * bean alone answers in a few milliseconds. Set only if the operator did not set it.
 */
final class JettyReferenceSize {

    private static final String PROPERTY = "org.eclipse.jetty.util.referencesPerCacheLine";
    /** Jetty's own setting for the cache line, with its default. */
    private static final String CACHE_LINE_PROPERTY = "org.eclipse.jetty.util.cacheLineBytes";

    private JettyReferenceSize() {
    }

    static void tellJetty() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(Integer.getInteger(CACHE_LINE_PROPERTY, 64) / referenceBytes()));
        }
    }

    private static int referenceBytes() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Boolean.parseBoolean(hotSpot.getVMOption("UseCompressedOops").getValue()) ? 4 : 8;
        } catch (RuntimeException notHotSpot) {
            return 4;  // counted as small references, the padding spans a cache line whatever their size
        }
    }
}

package org.reconwb.recon.spi;

/** A monitor that passes everything to another; subclasses change what they need (an iterate's orientation, scoring). */
public class ForwardingMonitor implements Monitor {
    protected final Monitor inner;

    public ForwardingMonitor(Monitor inner) {
        this.inner = inner;
    }

    @Override
    public void progress(double fraction, String message) {
        inner.progress(fraction, message);
    }

    @Override
    public boolean isCancelled() {
        return inner.isCancelled();
    }

    @Override
    public boolean wantsIterates() {
        return inner.wantsIterates();
    }

    @Override
    public void iteration(IterationReport report) {
        inner.iteration(report);
    }
}

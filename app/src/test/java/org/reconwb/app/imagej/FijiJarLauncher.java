package org.reconwb.app.imagej;

import ij.IJ;
import ij.Macro;
import ij.measure.ResultsTable;

/**
 * Runs one plugin command the way a plain ImageJ does, in a JVM whose class path holds ImageJ and this class
 * only: the plugin jar sits in the folder named by {@code plugins.dir}, ImageJ loads it with its own plugin
 * class loader, and the thread's context loader (the application's) does not see it. Arguments: the command's
 * plugin class and its macro options. Prints the Results table's last SSIM.
 */
public final class FijiJarLauncher {
    private FijiJarLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            Macro.setOptions(Thread.currentThread(), args[1] + " ");
            try {
                IJ.runPlugIn(args[0], "");
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "Run$_launcher"); // ImageJ honours macro options on its macro threads only
        t.start();
        t.join();
        if (failure[0] != null) {
            failure[0].printStackTrace();
            System.exit(1);
        }
        ResultsTable rt = ResultsTable.getResultsTable();
        System.out.println("SSIM " + (rt.size() > 0 ? rt.getValue("SSIM", rt.size() - 1) : Double.NaN));
        System.exit(0);
    }
}

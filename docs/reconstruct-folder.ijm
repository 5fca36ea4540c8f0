// Reconstructs every k-space file (.npy, .h5) of a folder with two methods, saves each result as a TIFF
// and the metrics table as CSV. Needs the Recon Workbench plugin (Plugins > Reconstruction).
// In Fiji: Plugins > Macros > Run..., or headless:
//   ImageJ-linux64 --headless -macro reconstruct-folder.ijm "in=/data/kspace/ out=/data/recon/ mask=equispaced:accel=4,center=0.08,seed=1"
// Files ending in _reference.npy or _traj.npy (written beside simulated data) are skipped, and so are files
// the methods cannot reconstruct (sinograms, radial data), with a line in the Log.
args = split(getArgument(), " ");
in = ""; out = ""; mask = "equispaced:accel=4,center=0.08,seed=1";
for (a = 0; a < args.length; a++) {
    if (startsWith(args[a], "in=")) in = substring(args[a], 3);
    if (startsWith(args[a], "out=")) out = substring(args[a], 4);
    if (startsWith(args[a], "mask=")) mask = substring(args[a], 5);
}
if (in == "" || out == "") exit("usage: in=FOLDER/ out=FOLDER/ [mask=SPEC]");
if (!endsWith(in, File.separator)) in = in + File.separator;
if (!endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
methods = newArray("zero-filled", "cs-tv");
setBatchMode(true);
Table.reset("Results");
list = getFileList(in);
for (i = 0; i < list.length; i++) {
    name = list[i];
    if (!(endsWith(name, ".npy") || endsWith(name, ".h5"))) continue;
    if (endsWith(name, "_reference.npy") || endsWith(name, "_traj.npy")) continue;
    for (m = 0; m < methods.length; m++) {
        before = nImages;
        run("Reconstruct k-space / sinogram...", "file=[" + in + name + "] method=" + methods[m] + " mask=" + mask + " device=auto");
        if (nImages == before) {
            print("skipped " + name + " with " + methods[m] + " (see the line above)");
            continue;
        }
        base = substring(name, 0, lastIndexOf(name, "."));
        saveAs("Tiff", out + base + "_" + methods[m] + ".tif");
        close();
    }
}
Table.save(out + "metrics.csv", "Results");
print("reconstructed " + nResults + " data sets x methods into " + out);

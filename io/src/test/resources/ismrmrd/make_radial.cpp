// Writes a radial ISMRMRD file with Debian's libismrmrd (apt-get install libismrmrd-dev) from raw float32
// inputs made by make_radial.sh: samples [slices][coils][spokes][readout] complex and a trajectory
// [spokes][readout][2] in grid units (first value along image columns, ISMRMRD's x). One acquisition per spoke, traj
// normalised to cycles per pixel ([-0.5, 0.5], as Gadgetron's radial sequences store it), the first
// trajectory dimension being ISMRMRD's x (readout) axis.
#include <ismrmrd/dataset.h>
#include <ismrmrd/xml.h>
#include <complex>
#include <fstream>
#include <sstream>
#include <vector>
#include <cstdio>
#include <cstdlib>

static std::vector<float> load(const char* name, size_t n) {
    std::vector<float> v(n);
    std::ifstream in(name, std::ios::binary);
    in.read(reinterpret_cast<char*>(v.data()), n * sizeof(float));
    if (!in) { std::fprintf(stderr, "cannot read %zu floats from %s\n", n, name); std::exit(1); }
    return v;
}

int main(int argc, char** argv) {
    if (argc != 9) {
        std::fprintf(stderr, "usage: make_radial samples.f32 traj.f32 slices coils spokes readout size out.h5\n");
        return 2;
    }
    int slices = std::atoi(argv[3]), coils = std::atoi(argv[4]), spokes = std::atoi(argv[5]), readout = std::atoi(argv[6]);
    int size = std::atoi(argv[7]);
    std::vector<float> samples = load(argv[1], size_t(2) * slices * coils * spokes * readout);
    std::vector<float> traj = load(argv[2], size_t(2) * spokes * readout);

    ISMRMRD::IsmrmrdHeader h;
    h.experimentalConditions.H1resonanceFrequency_Hz = 63500000;
    ISMRMRD::Encoding e;
    e.encodedSpace.matrixSize = ISMRMRD::MatrixSize(readout, readout, 1);
    e.encodedSpace.fieldOfView_mm = {float(size), float(size), 1.0f};
    e.reconSpace.matrixSize = ISMRMRD::MatrixSize(size, size, 1);
    e.reconSpace.fieldOfView_mm = {float(size), float(size), 1.0f};
    e.encodingLimits.kspace_encoding_step_1 = ISMRMRD::Limit(0, spokes - 1, 0);
    e.encodingLimits.slice = ISMRMRD::Limit(0, slices - 1, 0);
    e.trajectory = ISMRMRD::TrajectoryType::RADIAL;
    h.encoding.push_back(e);
    ISMRMRD::AcquisitionSystemInformation sys;
    sys.receiverChannels = coils;
    h.acquisitionSystemInformation = sys;
    std::ostringstream xml;
    ISMRMRD::serialize(h, xml);

    std::remove(argv[8]);
    ISMRMRD::Dataset d(argv[8], "dataset", true);
    d.writeHeader(xml.str());
    for (int s = 0; s < slices; s++) {
        for (int p = 0; p < spokes; p++) {
            ISMRMRD::Acquisition acq;
            acq.resize(readout, coils, 2);
            acq.center_sample() = readout / 2;
            acq.idx().kspace_encode_step_1 = p;
            acq.idx().slice = s;
            if (p == 0) acq.setFlag(ISMRMRD::ISMRMRD_ACQ_FIRST_IN_SLICE);
            if (p == spokes - 1) acq.setFlag(ISMRMRD::ISMRMRD_ACQ_LAST_IN_SLICE);
            for (int i = 0; i < readout; i++) {
                acq.getTrajPtr()[2 * i] = traj[2 * (p * readout + i)] / size;
                acq.getTrajPtr()[2 * i + 1] = traj[2 * (p * readout + i) + 1] / size;
            }
            for (int c = 0; c < coils; c++) {
                for (int i = 0; i < readout; i++) {
                    size_t from = 2 * ((size_t(s * coils + c) * spokes + p) * readout + i);
                    acq.getDataPtr()[c * readout + i] = std::complex<float>(samples[from], samples[from + 1]);
                }
            }
            d.appendAcquisition(acq);
        }
    }
    return 0;
}

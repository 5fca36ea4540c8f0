package org.reconwb.learned.rim;

import java.util.Locale;

/**
 * The recurrent units a RIM can use. Each is a convolutional cell over feature maps: the new hidden state
 * from the input features and the old state, {@code forward(NDList(input, hidden)) -> NDList(hidden')}.
 * Gates use 1x1 convolutions: the RIM's 5x5 and dilated 3x3 convolutions around the cells already give them
 * their spatial context, and 1x1 keeps a training step within a second on two cores.
 */
public enum RecurrentCell {
    /** Gated recurrent unit (Cho et al. 2014): update and reset gates, three weight pairs. */
    GRU,
    /** Minimal gated unit (Zhou et al. 2016): one forget gate doing both jobs, two weight pairs. */
    MGU,
    /** Independently recurrent network (Li et al. 2018): ReLU(W x + u * h), u one weight per channel, as CIRIM uses. */
    INDRNN;

    /** "gru", "mgu" or "indrnn", in any case. */
    public static RecurrentCell parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown recurrent cell '" + name + "': use gru, mgu or indrnn");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    ConvCell create(int hidden) {
        return switch (this) {
            case GRU -> new ConvGru(hidden);
            case MGU -> new ConvMgu(hidden);
            case INDRNN -> new ConvIndRnn(hidden);
        };
    }
}

package dev.fanout.local.runtime.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosSpecTest {
    @Test
    void readsTheSeedAndAProbabilityPerKind() {
        ChaosSpec spec = ChaosSpec.parse("seed=7, throw=0.2,hang=0.05,crash-after-write=1,duplicate=0.1,"
                + "s3-errors=0.01,callback-throttle=0.3");

        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.probabilities()).containsExactly(Map.entry(FaultKind.THROW, 0.2),
                Map.entry(FaultKind.HANG, 0.05), Map.entry(FaultKind.CRASH_AFTER_WRITE, 1.0),
                Map.entry(FaultKind.DUPLICATE, 0.1), Map.entry(FaultKind.S3_ERRORS, 0.01),
                Map.entry(FaultKind.CALLBACK_THROTTLE, 0.3));
        assertThat(ChaosSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @Test
    void theSeedDefaultsToOne_andAZeroProbabilityInjectsNothing() {
        ChaosSpec spec = ChaosSpec.parse("throw=0.5,hang=0");
        assertThat(spec.seed()).isEqualTo(1);
        assertThat(spec.probability(FaultKind.HANG)).isZero();
        assertThat(spec.probabilities()).containsOnlyKeys(FaultKind.THROW);
        assertThat(ChaosSpec.parse("").active()).isFalse();
        assertThat(ChaosSpec.parse(null)).isEqualTo(ChaosSpec.NONE);
    }

    @Test
    void refusesWhatIsNotASpec_namingThePart() {
        assertThatThrownBy(() -> ChaosSpec.parse("thrown=0.2")).hasMessageContaining("unknown chaos key 'thrown'")
                .hasMessageContaining("crash-after-write");
        assertThatThrownBy(() -> ChaosSpec.parse("throw=1.5")).hasMessageContaining("throw")
                .hasMessageContaining("0..1");
        assertThatThrownBy(() -> ChaosSpec.parse("throw=-0.1")).hasMessageContaining("0..1");
        assertThatThrownBy(() -> ChaosSpec.parse("throw=NaN")).hasMessageContaining("0..1");
        assertThatThrownBy(() -> ChaosSpec.parse("throw=lots")).hasMessageContaining("'lots'");
        assertThatThrownBy(() -> ChaosSpec.parse("seed=x")).hasMessageContaining("seed");
        assertThatThrownBy(() -> ChaosSpec.parse("throw")).hasMessageContaining("key=value");
        assertThatThrownBy(() -> ChaosSpec.parse("throw=0.1,throw=0.2")).hasMessageContaining("twice");
    }
}

package io.github.allocbench.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuListTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "0;0;1",
            "0-1;0-1;2",
            "0,2,4-5;0,2,4-5;4",
            "' 3 , 1-2 ';1-3;3",
            "4-5,0,5,1;0-1,4-5;4",
            "7-7;7;1",
            "8191;8191;1"})
    void readsTheKernelsFormAndWritesItBackCanonically(String text, String canonical, int size) {
        CpuList cpus = CpuList.parse("serverCpus", text);

        assertThat(cpus).hasToString(canonical);
        assertThat(cpus.size()).isEqualTo(size);
        assertThat(cpus).isEqualTo(CpuList.parse("Cpus_allowed_list", canonical))
                .hasSameHashCodeAs(CpuList.parse("Cpus_allowed_list", canonical));
    }

    @Test
    void blankIsNotPinned() {
        assertThat(CpuList.parse("serverCpus", null)).isNull();
        assertThat(CpuList.parse("serverCpus", "")).isNull();
        assertThat(CpuList.parse("serverCpus", "  ")).isNull();
    }

    @Test
    void somethingOtherThanNumbersAndRangesIsRefusedWithTheForm() {
        assertThatThrownBy(() -> CpuList.parse("serverCpus", "0-x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("serverCpus is '0-x', which is not a CPU list ('0-x' is neither a CPU number nor a "
                        + "range). Write CPU numbers and ranges separated by commas, as taskset -c takes them: 0-1 "
                        + "or 0,2,4-5.");
        assertThatThrownBy(() -> CpuList.parse("generatorCpus", "0,,1"))
                .hasMessageStartingWith("generatorCpus is '0,,1', which is not a CPU list (it has an empty entry).");
        assertThatThrownBy(() -> CpuList.parse("serverCpus", "0x3")).hasMessageContaining("'0x3' is neither");
        assertThatThrownBy(() -> CpuList.parse("serverCpus", "-1")).hasMessageContaining("'-1' is neither");
        assertThatThrownBy(() -> CpuList.parse("serverCpus", "0-1:2")).hasMessageContaining("'0-1:2' is neither");
    }

    @Test
    void aBackwardsRangeIsRefusedWithItTheRightWayRound() {
        assertThatThrownBy(() -> CpuList.parse("serverCpus", "0,3-1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("serverCpus is '0,3-1': its range 3-1 runs backwards. Write the lower CPU first: 1-3.");
    }

    @Test
    void aCpuAboveWhatLinuxSupportsIsRefused() {
        assertThatThrownBy(() -> CpuList.parse("serverCpus", "0-999999999"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("serverCpus is '0-999999999': CPU 999999999 is above 8191, the highest CPU number Linux "
                        + "supports. Name CPUs this machine has, e.g. 0-1.");
    }

    @Test
    void intersectionAndWithoutWorkOnTheCpusNotTheText() {
        CpuList a = CpuList.parse("a", "0-3");
        CpuList b = CpuList.parse("b", "2,3,4");

        assertThat(a.intersection(b)).hasToString("2-3");
        assertThat(a.without(b)).hasToString("0-1");
        assertThat(b.without(a)).hasToString("4");
        assertThat(a.intersection(CpuList.parse("c", "5-6")).isEmpty()).isTrue();
        assertThat(a.without(a)).hasToString("");
    }
}
